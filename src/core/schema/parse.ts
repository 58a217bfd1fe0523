// Entry point of the schema reader: any number of `.prisma` files in, one SchemaDocument out.
// Fast (a hand-written lexer and recursive reader, no Prisma engine), tolerant of half-typed files,
// and version-agnostic (reads Prisma 5, 6 and 7 schemas alike). Never throws.

import { FileParser } from './fileParser';
import type { ParseDiagnostic, SchemaDocument, SchemaFile } from './model';
import { NameIndex, resolveRelations } from './relations';

export function parseSchema(files: SchemaFile[]): SchemaDocument {
  const doc: SchemaDocument = { files: files.map((f) => f.path), blocks: [], diagnostics: [] };
  const index = new NameIndex();
  for (const file of files) {
    try {
      new FileParser(file, doc.blocks, doc.diagnostics, index).parse();
    } catch (error) {
      doc.diagnostics.push(internalError(file.path, error));
    }
  }
  try {
    resolveRelations(doc, index);
  } catch (error) {
    doc.diagnostics.push(internalError(files[0]?.path ?? '', error));
  }
  const fileIndex = new Map(doc.files.map((f, i) => [f, i]));
  doc.diagnostics.sort(
    (a, b) =>
      (fileIndex.get(a.file) ?? 0) - (fileIndex.get(b.file) ?? 0) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character,
  );
  return doc;
}

/** A bug of ours must not take the schema view down: it becomes a diagnostic. */
function internalError(file: string, error: unknown): ParseDiagnostic {
  const zero = { line: 0, character: 0 };
  return {
    file,
    range: { start: zero, end: zero },
    message: `Prisma Workbench could not read this file: ${error instanceof Error ? error.message : String(error)}`,
    severity: 'error',
    source: 'parser',
  };
}
