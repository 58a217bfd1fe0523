// The notebook toolbar's History: a quick pick of the active notebook's last runs (statement, when, how
// long, rows); a pick runs the statement again as a new cell. Kept beside the History view: it works with the
// side bar hidden and from the keyboard, and reads and reruns through the same store (runHistoryStore.ts).
import * as vscode from 'vscode';
import { describeEntry, type HistoryEntry } from '../../core/notebook/runHistory';
import { BadArgumentError } from '../../host/commands';
import { queryNotebookEditor, runAgain, type RunHistory } from './runHistoryStore';

export const historyCommand = 'prismaWorkbench.notebook.history';

/** The picker (or, with `{ index }`, that entry at once): the chosen statement as a new cell, run. */
export async function showHistoryPicker(history: RunHistory, arg: unknown): Promise<void> {
  const editor = queryNotebookEditor();
  if (!editor) throw new Error('Open a Prisma query notebook to see the history of its runs.');
  const entries = history.entries(editor.notebook.uri);
  let chosen: HistoryEntry | undefined;
  if (arg !== undefined && !(typeof arg === 'object' && arg !== null && 'notebook' in arg)) {
    const index = (arg as { index?: unknown }).index;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0)
      throw new BadArgumentError(historyCommand, 'something that is not { index: number }');
    chosen = entries[index];
    if (!chosen)
      throw new Error(`This notebook has ${entries.length} run(s) in its history: there is no run ${index}.`);
  } else {
    if (entries.length === 0) {
      void vscode.window.showInformationMessage('No cell of this notebook has run yet.');
      return;
    }
    const now = Date.now();
    const pick = await vscode.window.showQuickPick(
      entries.map((entry) => ({ ...describeEntry(entry, now), entry })),
      {
        title: 'Query notebook history',
        placeHolder: 'Run again: the statement is added as a new cell',
        matchOnDescription: true,
      },
    );
    chosen = pick?.entry;
  }
  if (chosen) await runAgain(editor.notebook.uri, chosen);
}
