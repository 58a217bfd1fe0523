// Loads Prisma's schema engine compiled to wasm (@prisma/prisma-schema-wasm), on first use only:
// it is 3 MB of wasm and compiling it costs tens of milliseconds, so activation never pays for it.
// The package is internal to Prisma and its API changes without notice: every call goes through here.
//
// Two lines: Prisma 7's (the extension's own dependency, bundled) and Prisma 6.19's, the one the bundled
// 6.x language server ships (prisma-language-server-6's own copy; the build puts its loader beside that
// server in dist/server/prisma6/, next to its wasm). Projects on Prisma 5/6 are validated by the latter.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as PrismaSchemaWasm from '@prisma/prisma-schema-wasm';
import type { SchemaFile } from './model';

export type PrismaSchemaWasmApi = typeof PrismaSchemaWasm;

/** Which Prisma's schema wasm: 7.x (bundled with the extension) or 6.19 (the 6.x language server's). */
export type WasmLine = 'prisma6' | 'prisma7';

interface PanicRegistry {
  set_message(message: string): void;
}

const apis: Partial<Record<WasmLine, PrismaSchemaWasmApi>> = {};
let lastPanic: string | undefined;

/**
 * Where the 6.19 wasm's loader is: beside the bundled 6.x server (the built extension), else in
 * prisma-language-server-6's own node_modules (tests and tools run from the sources).
 */
function prisma6Module(): string {
  const bundled = path.join(__dirname, 'server', 'prisma6', 'prisma_schema_build.js');
  if (existsSync(bundled)) return bundled;
  // Spelled at run time so the bundler does not try to resolve what the built extension never needs.
  const pkg = ['prisma-language-server-6', 'package.json'].join('/');
  return createRequire(require.resolve(pkg)).resolve('@prisma/prisma-schema-wasm');
}

/** The wasm module; throws when it cannot be loaded (callers turn that into a diagnostic). */
export function loadPrismaSchemaWasm(line: WasmLine = 'prisma7'): PrismaSchemaWasmApi {
  const loaded = apis[line];
  if (loaded) return loaded;
  // The module reports Rust panics to this global before throwing `unreachable`; without it a panic
  // becomes an unrelated TypeError.
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
  g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => (lastPanic = message) };
  // A path known at run time only: the bundler leaves this require alone.
  const api =
    line === 'prisma7'
      ? (require('@prisma/prisma-schema-wasm') as PrismaSchemaWasmApi)
      : (require(prisma6Module()) as PrismaSchemaWasmApi);
  apis[line] = api;
  return api;
}

/** Runs a wasm call; a panic comes out as an Error carrying Prisma's panic message. */
export function callWasm<T>(call: (wasm: PrismaSchemaWasmApi) => T, line: WasmLine = 'prisma7'): T {
  const wasm = loadPrismaSchemaWasm(line);
  lastPanic = undefined;
  try {
    return call(wasm);
  } catch (error) {
    if (lastPanic !== undefined) throw new Error(`Prisma's schema engine panicked: ${lastPanic}`);
    throw error;
  }
}

/** The multi-file input every schema function of the wasm takes: `[[path, content], ...]`. */
export function schemaFilesInput(files: readonly SchemaFile[]): [string, string][] {
  return files.map((f) => [f.path, f.content]);
}

export interface LintDiagnostic {
  file_name?: string;
  /** Offsets into that file's text, in UTF-16 code units (checked by test/unit/schema/validate.test.ts). */
  start: number;
  end: number;
  text: string;
  is_warning: boolean;
}

export function lintSchema(files: readonly SchemaFile[], line: WasmLine = 'prisma7'): LintDiagnostic[] {
  return JSON.parse(callWasm((w) => w.lint(JSON.stringify(schemaFilesInput(files))), line)) as LintDiagnostic[];
}

/** Prisma's DMMF JSON text for the files; throws with Prisma's message when the schema is invalid. */
export function getDmmfJson(files: readonly SchemaFile[]): string {
  return callWasm((w) => w.get_dmmf(JSON.stringify({ prismaSchema: schemaFilesInput(files), noColor: true })));
}

/** Preview feature names this wasm build knows. */
export function knownPreviewFeatures(line: WasmLine = 'prisma7'): string[] {
  return JSON.parse(callWasm((w) => w.preview_features(), line)) as string[];
}
