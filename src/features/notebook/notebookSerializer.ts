// `.prisma-queries` files <-> VS Code notebooks, through the vscode-free format in core/notebook/notebookFile.
// Outputs are transient: never written to the file, and a run does not make the notebook dirty.
import * as vscode from 'vscode';
import {
  decodeNotebook,
  encodeNotebook,
  NOTEBOOK_TYPE,
  type NotebookData as FileData,
} from '../../core/notebook/notebookFile';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export function toVscode(data: FileData): vscode.NotebookData {
  const nb = new vscode.NotebookData(
    data.cells.map((c) => {
      const cell = new vscode.NotebookCellData(
        c.kind === 'markdown' ? vscode.NotebookCellKind.Markup : vscode.NotebookCellKind.Code,
        c.source,
        c.language,
      );
      cell.metadata = { ...c.metadata };
      return cell;
    }),
  );
  nb.metadata = { ...data.metadata };
  return nb;
}

export function fromVscode(data: vscode.NotebookData): FileData {
  return {
    metadata: { ...(data.metadata ?? {}) },
    cells: data.cells.map((c) => ({
      kind: c.kind === vscode.NotebookCellKind.Markup ? 'markdown' : 'code',
      language: c.languageId,
      source: c.value,
      metadata: { ...(c.metadata ?? {}) },
    })),
  };
}

export class QueryNotebookSerializer implements vscode.NotebookSerializer {
  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    // a broken file throws NotebookFormatError: VS Code shows its words and offers the text editor
    return toVscode(decodeNotebook(decoder.decode(content)));
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    return encoder.encode(encodeNotebook(fromVscode(data)));
  }
}

export function registerSerializer(): vscode.Disposable {
  return vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new QueryNotebookSerializer(), {
    transientOutputs: true,
  });
}
