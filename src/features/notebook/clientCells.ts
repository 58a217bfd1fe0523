// Prisma Client cells (language `prisma-client`; `typescript` and `javascript` cells run the same way): the
// cell's code runs on the data grid's session for the notebook's schema, so on the same private client
// the grid generated and loaded, never a second copy. TypeScript (to strip types) loads on the first run.
import * as vscode from 'vscode';
import type { NotebookDatabase } from './notebookDatabase';
import { compileCell, type CellFunction } from '../../core/notebook/clientCode';
import { runClientCell } from '../../core/notebook/runClientCell';
import type { ResolvedRunOptions } from '../../core/notebook/runSupport';
import type { QueryResult } from '../../shared/protocol/queryResult';
import type { GridSessions } from '../grid/gridSessions';
import * as vm from 'node:vm';

export const CLIENT_LANGUAGE = 'prisma-client';
const CLIENT_LANGUAGES = new Set([CLIENT_LANGUAGE, 'typescript', 'javascript']);

export const isClientCell = (cell: vscode.NotebookCell): boolean => CLIENT_LANGUAGES.has(cell.document.languageId);

/**
 * Compiles the cell into a function in the extension host's own realm (a Date or an array the code makes
 * is the one Prisma Client checks for). It sees only `prisma` and `Prisma` from us, not the extension's
 * modules; it is not a sandbox: it is the user's code in a trusted workspace, as a task or a script is.
 */
async function compile(source: string, file: string): Promise<CellFunction> {
  const ts = await import('typescript');
  const { js } = compileCell(ts, source);
  return vm.runInThisContext(js, { filename: file }) as CellFunction;
}

export async function runClientCellOn(
  sessions: GridSessions,
  cell: vscode.NotebookCell,
  db: NotebookDatabase,
  options: ResolvedRunOptions,
): Promise<QueryResult> {
  const run = await compile(cell.document.getText(), `${cell.notebook.uri.path}#cell${cell.index + 1}`);
  const opened = await sessions.open(db.schema);
  return runClientCell(
    {
      client: opened.session.prisma,
      Prisma: opened.session.Prisma,
      provider: opened.provider,
      listen: (l) => opened.session.listenToQueries(l),
    },
    run,
    options,
  );
}
