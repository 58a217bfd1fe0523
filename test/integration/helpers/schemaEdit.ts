// Editing a schema file the way a user does: in an editor, then saved.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/**
 * Inserts `text` as a new line after the first line matching `after` and saves; `line` is the new line's
 * 0-based number, and `undo()` removes it again, saved.
 */
export async function insertSavedLine(
  uri: vscode.Uri,
  after: RegExp,
  text: string,
): Promise<{ line: number; undo(): Promise<void> }> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  const at = doc
    .getText()
    .split('\n')
    .findIndex((l) => after.test(l));
  assert.ok(at >= 0, `no line matches ${after} in ${uri.fsPath}`);
  await editor.edit((e) => e.insert(new vscode.Position(at + 1, 0), `${text}\n`));
  await doc.save();
  return {
    line: at + 1,
    undo: async () => {
      await editor.edit((e) => e.delete(new vscode.Range(at + 1, 0, at + 2, 0)));
      await doc.save();
    },
  };
}
