// The runs of each query notebook (core/notebook/runHistory.ts), kept per notebook in the workspace state,
// and running one again: the entry's text becomes a new cell at the end of its notebook (same language,
// marked as writing if the run it came from was: then it asks again as any writing cell does on production)
// and that cell runs. The History view and the notebook toolbar's picker both read and rerun from here.
import * as vscode from 'vscode';
import { addEntry, cellOf, isHistory, type HistoryEntry } from '../../core/notebook/runHistory';
import { NOTEBOOK_TYPE } from '../../core/notebook/notebookFile';
import { Disposable } from '../../host/disposable';

const keyOf = (notebook: vscode.Uri) => `prismaWorkbench.notebook.history:${notebook.toString()}`;

export class RunHistory extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** A notebook's history changed (a run ended, or it was cleared). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {
    super();
  }

  entries(notebook: vscode.Uri): HistoryEntry[] {
    const stored = this.state.get<unknown>(keyOf(notebook));
    return isHistory(stored) ? stored : [];
  }

  async record(notebook: vscode.Uri, entry: HistoryEntry): Promise<void> {
    await this.state.update(keyOf(notebook), addEntry(this.entries(notebook), entry));
    this.changed.fire(notebook);
  }

  async clear(notebook: vscode.Uri): Promise<void> {
    await this.state.update(keyOf(notebook), undefined);
    this.changed.fire(notebook);
  }
}

/** The query notebook the user works in: the active one, else `previous` or the only one on screen. */
export function queryNotebookEditor(previous?: vscode.Uri): vscode.NotebookEditor | undefined {
  const active = vscode.window.activeNotebookEditor;
  if (active?.notebook.notebookType === NOTEBOOK_TYPE) return active;
  // focus may be in a grid, an output or a side bar view
  const visible = vscode.window.visibleNotebookEditors.filter((e) => e.notebook.notebookType === NOTEBOOK_TYPE);
  const kept = previous && visible.find((e) => e.notebook.uri.toString() === previous.toString());
  return kept ?? (visible.length === 1 ? visible[0] : undefined);
}

/** Adds the entry as a new cell at the end of the notebook (shown, opened if it was not) and runs that cell. */
export async function runAgain(notebook: vscode.Uri, entry: HistoryEntry): Promise<void> {
  const doc = vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === notebook.toString());
  if (!doc && notebook.scheme === 'untitled')
    throw new Error('The notebook this run came from was closed without being saved.');
  const shown = vscode.window.visibleNotebookEditors.find((e) => e.notebook.uri.toString() === notebook.toString());
  const editor =
    shown ?? (await vscode.window.showNotebookDocument(doc ?? (await vscode.workspace.openNotebookDocument(notebook))));
  const nb = editor.notebook;
  const { source, language, writes, typedSql } = cellOf(entry);
  const cell = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, source, language);
  // a TypedSQL query's cell keeps its values (its placeholders are bound, never written into the SQL)
  if (typedSql) cell.metadata = { typedSql };
  else if (writes) cell.metadata = { writes: true };
  const index = nb.cellCount;
  const edit = new vscode.WorkspaceEdit();
  edit.set(nb.uri, [vscode.NotebookEdit.insertCells(index, [cell])]);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('The notebook did not take the new cell.');
  editor.revealRange(new vscode.NotebookRange(index, index + 1));
  await vscode.commands.executeCommand('notebook.cell.execute', {
    ranges: [{ start: index, end: index + 1 }],
    document: nb.uri,
  });
}
