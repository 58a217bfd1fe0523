// The read-only documents import previews are shown in (gridImport.ts writes them). Registered at activation,
// apart from the import itself, so that a preview tab restored after a reload is answered without loading it.
import * as vscode from 'vscode';

export const importPreviewScheme = 'prisma-workbench-import';

/** Read-only documents holding import previews (no "save changes?" when they close). */
export class ImportPreviews implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private next = 1;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This import preview is no longer available.';
  }

  add(model: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: importPreviewScheme, path: `/Import into ${model} (${this.next++}).md` });
    this.texts.set(uri.toString(), text);
    if (this.texts.size > 20) this.texts.delete(this.texts.keys().next().value!);
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}
