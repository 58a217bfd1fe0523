// Which bundled language server to run, and whether to run one at all. Pure decisions, unit-tested.
import type { PrismaVersion } from './prismaVersion';

/** The bundled server lines: Prisma 6 (and older projects) and Prisma 7. */
export type ServerLine = 'prisma6' | 'prisma7';

export const serverLines: Record<ServerLine, { label: string; package: string }> = {
  prisma6: { label: 'Prisma 6', package: 'prisma-language-server-6' },
  prisma7: { label: 'Prisma 7', package: '@prisma/language-server' },
};

/** `prismaWorkbench.languageServer.version`: pick by the project, or force a line. */
export type VersionSetting = 'auto' | '6' | '7';

export interface ServerChoice {
  line: ServerLine;
  /** Why, in words for the status bar tooltip and the log. */
  reason: string;
}

export function selectServer(setting: VersionSetting, detected: PrismaVersion | undefined): ServerChoice {
  if (setting === '6') return { line: 'prisma6', reason: 'set by prismaWorkbench.languageServer.version' };
  if (setting === '7') return { line: 'prisma7', reason: 'set by prismaWorkbench.languageServer.version' };
  if (!detected) return { line: 'prisma7', reason: 'no Prisma version found in the project: using the newest' };
  const line: ServerLine = detected.major <= 6 ? 'prisma6' : 'prisma7';
  const from =
    detected.source === 'installed'
      ? `installed prisma ${detected.version}`
      : detected.source === 'package.json'
        ? `package.json asks for ${detected.version}`
        : 'the schema has a datasource url (Prisma 6 style)';
  return { line, reason: `${from} (${detected.file})` };
}

/** `prismaWorkbench.languageServer.enabled`. */
export type EnabledSetting = 'auto' | 'always' | 'never';

export interface StartDecision {
  start: boolean;
  reason: string;
}

/** Whether to start our server, given the official Prisma extension's presence (installed and enabled). */
export function shouldStartServer(setting: EnabledSetting, officialActive: boolean): StartDecision {
  if (setting === 'never') return { start: false, reason: 'turned off by prismaWorkbench.languageServer.enabled' };
  if (setting === 'always')
    return { start: true, reason: officialActive ? 'forced on beside the Prisma extension' : 'turned on' };
  return officialActive
    ? { start: false, reason: 'the Prisma extension (Prisma.prisma) provides language features' }
    : { start: true, reason: 'no other Prisma language server is running' };
}
