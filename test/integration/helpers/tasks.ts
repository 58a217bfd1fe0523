// Running `prisma` tasks the way tasks.json runs them: written into .vscode/tasks.json, fetched back from
// VS Code (resolved by our task provider) and executed; the exit code read from the task's end.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor, workspaceRoot } from './extension';

export interface PrismaTaskJson {
  command: string;
  confirmed?: boolean;
  confirmDatabase?: string;
  /** migrate dev: the migration's name. */
  name?: string;
}

const tasksJson = () => path.join(workspaceRoot(), '.vscode', 'tasks.json');

/** Writes tasks.json with these definitions (label = the key) and waits until VS Code offers them. */
export async function useTasks(defs: Record<string, PrismaTaskJson>): Promise<Map<string, vscode.Task>> {
  mkdirSync(path.dirname(tasksJson()), { recursive: true });
  const tasks = Object.entries(defs).map(([label, d]) => ({ type: 'prisma', label, ...d }));
  writeFileSync(tasksJson(), JSON.stringify({ version: '2.0.0', tasks }, null, 2));
  return waitFor(
    'VS Code to read tasks.json',
    async () => {
      const all = await vscode.tasks.fetchTasks({ type: 'prisma' });
      const found = new Map(all.filter((t) => t.name in defs).map((t) => [t.name, t]));
      return found.size === Object.keys(defs).length ? found : undefined;
    },
    30_000,
  );
}

export function removeTasksJson(): void {
  rmSync(tasksJson(), { force: true });
}

/**
 * Runs the task as VS Code runs a tasks.json task and returns its exit code. `dismissPrompts`: close any
 * quick input (the typed-name box) until the task ends, as a user pressing Escape would.
 */
export async function executeTask(task: vscode.Task, dismissPrompts = false): Promise<number | undefined> {
  let ended = false;
  const exit = new Promise<number | undefined>((resolve) => {
    const sub = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution.task.name !== task.name) return;
      sub.dispose();
      ended = true;
      resolve(e.exitCode);
    });
  });
  await vscode.tasks.executeTask(task);
  while (dismissPrompts && !ended) {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await Promise.race([exit, new Promise((r) => setTimeout(r, 100))]);
  }
  return exit;
}

/**
 * What the active terminal shows (the last task's, which `clear` emptied before it ran), read as a user
 * copies it: select all, copy, then the clipboard; waits until it shows `until` (its output arrives after
 * the process ended). Empty the clipboard before the task runs, so an earlier copy is never read.
 */
export async function terminalText(until: RegExp): Promise<string> {
  let last = '';
  try {
    return await waitFor(
      `the terminal to show ${until}`,
      async () => {
        await vscode.commands.executeCommand('workbench.action.terminal.selectAll');
        await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
        await vscode.commands.executeCommand('workbench.action.terminal.clearSelection');
        last = await vscode.env.clipboard.readText();
        return until.test(last) ? last : undefined;
      },
      20_000,
    );
  } catch (e) {
    throw new Error(`${(e as Error).message}; it shows:\n${last.trim().split('\n').slice(-25).join('\n')}`);
  }
}
