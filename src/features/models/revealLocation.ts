import * as vscode from 'vscode';
import type { SourceLocation } from '../../core/schema/model';

export const revealCommandId = 'prismaWorkbench.models.reveal';

export function revealCommand(location: SourceLocation, title: string): vscode.Command {
  return { command: revealCommandId, title, arguments: [location] };
}

export function isSourceLocation(v: unknown): v is SourceLocation {
  const o = v as Partial<SourceLocation> | undefined;
  const isPos = (p: unknown) =>
    typeof (p as { line?: unknown })?.line === 'number' &&
    typeof (p as { character?: unknown })?.character === 'number';
  const isRange = (r: unknown) => isPos((r as { start?: unknown })?.start) && isPos((r as { end?: unknown })?.end);
  return typeof o?.file === 'string' && isRange(o.range) && isRange(o.nameRange);
}

/** Opens the file and selects the name of what was clicked (the definition). */
export async function revealLocation(location: SourceLocation, preserveFocus = false): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(location.file));
  const r = location.nameRange;
  const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  return vscode.window.showTextDocument(doc, { selection: range, preserveFocus, preview: true });
}
