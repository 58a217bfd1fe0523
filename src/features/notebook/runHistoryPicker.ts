// History of a query notebook's runs (core/notebook/runHistory.ts), kept per notebook in the workspace state:
// the notebook toolbar's History lists the last runs (statement, when, how long, rows) and a pick adds the
// statement as a new cell and runs it (read-only unless the run it came from was writing: then it asks again
// as any writing cell does on production).
import * as vscode from 'vscode';
import { addEntry, describeEntry, isHistory, type HistoryEntry } from '../../core/notebook/runHistory';
import { NOTEBOOK_TYPE } from '../../core/notebook/notebookFile';
import { BadArgumentError } from '../../host/commands';

export const historyCommand = 'prismaWorkbench.notebook.history';

const keyOf = (notebook: vscode.NotebookDocument) => `prismaWorkbench.notebook.history:${notebook.uri.toString()}`;

export class RunHistory {
  constructor(private readonly state: vscode.Memento) {}

  entries(notebook: vscode.NotebookDocument): HistoryEntry[] {
    const stored = this.state.get<unknown>(keyOf(notebook));
    return isHistory(stored) ? stored : [];
  }

  record(notebook: vscode.NotebookDocument, entry: HistoryEntry): void {
    void this.state.update(keyOf(notebook), addEntry(this.entries(notebook), entry));
  }

  /** The picker (or, with `{ index }`, that entry at once): the chosen statement as a new cell, run. */
  async show(arg: unknown): Promise<void> {
    // the active query notebook, else the only one on screen (focus may be in a grid or an output)
    const active = vscode.window.activeNotebookEditor;
    const visible = vscode.window.visibleNotebookEditors.filter((e) => e.notebook.notebookType === NOTEBOOK_TYPE);
    const editor =
      active?.notebook.notebookType === NOTEBOOK_TYPE ? active : visible.length === 1 ? visible[0] : undefined;
    if (!editor) throw new Error('Open a Prisma query notebook to see the history of its runs.');
    const entries = this.entries(editor.notebook);
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
        void vscode.window.showInformationMessage('No SQL cell of this notebook has run yet.');
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
    if (!chosen) return;
    const nb = editor.notebook;
    const cell = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, chosen.sql, 'sql');
    if (chosen.mode === 'writes') cell.metadata = { writes: true };
    const index = nb.cellCount;
    const edit = new vscode.WorkspaceEdit();
    edit.set(nb.uri, [vscode.NotebookEdit.insertCells(index, [cell])]);
    await vscode.workspace.applyEdit(edit);
    editor.revealRange(new vscode.NotebookRange(index, index + 1));
    await vscode.commands.executeCommand('notebook.cell.execute', {
      ranges: [{ start: index, end: index + 1 }],
      document: nb.uri,
    });
  }
}
