// Read-only by default: a cell writes only when marked (`writes: true` in its metadata, saved with the file).
// The cell toolbar's pencil and the cell's status bar item ("read-only" / "writes") toggle the mark.
import * as vscode from 'vscode';
import { NOTEBOOK_TYPE } from '../../core/notebook/notebookFile';

export const toggleWritesCommand = 'prismaWorkbench.notebook.toggleWrites';

export const cellWrites = (cell: vscode.NotebookCell): boolean => cell.metadata?.writes === true;

/** The cell the command was run for: its argument from the cell toolbar, else the focused cell. */
export function cellOf(arg: unknown): vscode.NotebookCell | undefined {
  if (arg && typeof arg === 'object' && 'notebook' in arg && 'index' in arg) return arg as vscode.NotebookCell;
  const editor = vscode.window.activeNotebookEditor;
  const index = editor?.selection.start;
  return editor && index !== undefined && index < editor.notebook.cellCount ? editor.notebook.cellAt(index) : undefined;
}

export async function toggleWrites(arg: unknown): Promise<void> {
  const cell = cellOf(arg);
  if (!cell || cell.notebook.notebookType !== NOTEBOOK_TYPE || cell.kind !== vscode.NotebookCellKind.Code) return;
  const metadata: Record<string, unknown> = { ...cell.metadata };
  if (cellWrites(cell)) delete metadata.writes;
  else metadata.writes = true;
  const edit = new vscode.WorkspaceEdit();
  edit.set(cell.notebook.uri, [vscode.NotebookEdit.updateCellMetadata(cell.index, metadata)]);
  await vscode.workspace.applyEdit(edit);
}

export class WritesStatusBar implements vscode.NotebookCellStatusBarItemProvider {
  provideCellStatusBarItems(cell: vscode.NotebookCell): vscode.NotebookCellStatusBarItem[] {
    if (cell.kind !== vscode.NotebookCellKind.Code) return [];
    const writes = cellWrites(cell);
    const item = new vscode.NotebookCellStatusBarItem(
      writes ? '$(edit) writes' : '$(lock) read-only',
      vscode.NotebookCellStatusBarAlignment.Left,
    );
    item.tooltip = writes
      ? 'This cell runs in a normal transaction and its changes are committed (on production, after you type the database name). Click to make it read-only.'
      : 'This cell runs in a read-only transaction that is rolled back: a write is refused. Click to mark it as writing.';
    item.command = { title: 'Toggle Writing', command: toggleWritesCommand, arguments: [cell] };
    return [item];
  }
}
