// Prisma's own validation of the schema files, as ParseDiagnostics (source 'prisma'), through a wasm
// build of Prisma's schema engine that ships with the extension: Prisma 7's by default, Prisma 6.19's
// for the rules of a Prisma 5/6 project (see rules.ts). Never throws.

import type { ParseDiagnostic, Position, SchemaFile } from './model';
import { lineStartsOf, normalizeForPrisma7 } from './normalize';
import { knownPreviewFeatures, lintSchema } from './prismaWasm';
import type { ValidationRules } from './rules';

const VIEW_PRIMARY_KEY = /Views cannot have primary keys/;

export interface ValidateOptions {
  /**
   * Validate a Prisma 5/6 project as valid for its own version: drop datasource URLs and preview
   * features the Prisma 7 validator does not know before validating (lines and columns unchanged).
   * Default true.
   */
  normalize?: boolean;
  /** Whose rules: default Prisma 7's. */
  rules?: ValidationRules;
  /** The engine calls, replaceable in tests; default: the bundled wasm of the rules' line. */
  engine?: {
    lint: (files: readonly SchemaFile[]) => ReturnType<typeof lintSchema>;
    knownPreviewFeatures: () => string[];
  };
}

export function validateSchema(files: readonly SchemaFile[], options: ValidateOptions = {}): ParseDiagnostic[] {
  if (files.length === 0) return [];
  try {
    const line = options.rules?.line ?? 'prisma7';
    const engine = options.engine ?? {
      lint: (input: readonly SchemaFile[]) => lintSchema(input, line),
      knownPreviewFeatures: () => knownPreviewFeatures(line),
    };
    // Prisma 6.19 wants the datasource url Prisma 7 refuses: only the Prisma 7 validator gets them removed.
    const input =
      options.normalize === false
        ? [...files]
        : normalizeForPrisma7(files, engine.knownPreviewFeatures(), { dropUrls: line === 'prisma7' });
    const byPath = new Map(files.map((f) => [f.path, f]));
    const found = engine.lint(input).filter((d) => !(options.rules?.viewPrimaryKeys && VIEW_PRIMARY_KEY.test(d.text)));
    return found.map((d) => {
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
