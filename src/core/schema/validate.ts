// Prisma's own validation of the schema files, as ParseDiagnostics (source 'prisma'), through the
// wasm build of Prisma's schema engine that ships with the extension (Prisma 7). Never throws.

import type { ParseDiagnostic, Position, SchemaFile } from './model';
import { lineStartsOf, normalizeForPrisma7 } from './normalize';
import { knownPreviewFeatures, lintSchema } from './prismaWasm';

export interface ValidateOptions {
  /**
   * Validate a Prisma 5/6 project as valid for its own version: drop datasource URLs and preview
   * features the Prisma 7 validator does not know before validating (lines and columns unchanged).
   * Default true.
   */
  normalize?: boolean;
  /** The engine calls, replaceable in tests; default: the bundled wasm. */
  engine?: { lint: typeof lintSchema; knownPreviewFeatures: typeof knownPreviewFeatures };
}

export function validateSchema(files: readonly SchemaFile[], options: ValidateOptions = {}): ParseDiagnostic[] {
  if (files.length === 0) return [];
  try {
    const engine = options.engine ?? { lint: lintSchema, knownPreviewFeatures };
    const input = options.normalize === false ? [...files] : normalizeForPrisma7(files, engine.knownPreviewFeatures());
    const byPath = new Map(files.map((f) => [f.path, f]));
    return engine.lint(input).map((d) => {
      const file = (d.file_name !== undefined ? byPath.get(d.file_name) : undefined) ?? files[0];
      const lineStarts = lineStartsOf(file.content);
      return {
        file: file.path,
        range: { start: positionAt(lineStarts, d.start), end: positionAt(lineStarts, d.end) },
        message: d.text,
        severity: d.is_warning ? 'warning' : 'error',
        source: 'prisma',
      };
    });
  } catch (error) {
    const zero = { line: 0, character: 0 };
    return [
      {
        file: files[0].path,
        range: { start: zero, end: zero },
        message: `Prisma's schema validation could not run: ${error instanceof Error ? error.message : String(error)}`,
        severity: 'warning',
        source: 'prisma',
      },
    ];
  }
}

/** UTF-16 offset -> line/character, by binary search over the line starts. */
export function positionAt(lineStarts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo] };
}
