// Whether a Prisma task that talks to the database is running (a reset, deploy, push, seed…): the automatic
// drift checks and watch polls wait for its end, which schedules a check again. On SQLite a check reading the
// file while a reset rewrote it made the reset fail.
import * as vscode from 'vscode';
import { COMMANDS, type PrismaCommandKind } from '../../core/cli/prismaCommands';

export function prismaDatabaseTaskRunning(): boolean {
  return vscode.tasks.taskExecutions.some(
    ({ task: { definition: d } }) =>
      d.type === 'prisma' && COMMANDS[d.command as PrismaCommandKind]?.needsDatabase !== false,
  );
}
