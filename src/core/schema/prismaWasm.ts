// Loads Prisma's schema engine compiled to wasm (@prisma/prisma-schema-wasm), on first use only:
// it is 3 MB of wasm and compiling it costs tens of milliseconds, so activation never pays for it.
// The package is internal to Prisma and its API changes without notice: every call goes through here.

import type * as PrismaSchemaWasm from '@prisma/prisma-schema-wasm';
import type { SchemaFile } from './model';

export type PrismaSchemaWasmApi = typeof PrismaSchemaWasm;

interface PanicRegistry {
  set_message(message: string): void;
}

let api: PrismaSchemaWasmApi | undefined;
let lastPanic: string | undefined;

/** The wasm module; throws when it cannot be loaded (callers turn that into a diagnostic). */
export function loadPrismaSchemaWasm(): PrismaSchemaWasmApi {
  if (api) return api;
  // The module reports Rust panics to this global before throwing `unreachable`; without it a panic
  // becomes an unrelated TypeError.
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
  g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => (lastPanic = message) };
  api = require('@prisma/prisma-schema-wasm') as PrismaSchemaWasmApi;
  return api;
}

/** Runs a wasm call; a panic comes out as an Error carrying Prisma's panic message. */
export function callWasm<T>(call: (wasm: PrismaSchemaWasmApi) => T): T {
  const wasm = loadPrismaSchemaWasm();
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

export function lintSchema(files: readonly SchemaFile[]): LintDiagnostic[] {
  return JSON.parse(callWasm((w) => w.lint(JSON.stringify(schemaFilesInput(files))))) as LintDiagnostic[];
}

/** Prisma's DMMF JSON text for the files; throws with Prisma's message when the schema is invalid. */
export function getDmmfJson(files: readonly SchemaFile[]): string {
  return callWasm((w) => w.get_dmmf(JSON.stringify({ prismaSchema: schemaFilesInput(files), noColor: true })));
}

/** Preview feature names this wasm build knows. */
export function knownPreviewFeatures(): string[] {
  return JSON.parse(callWasm((w) => w.preview_features())) as string[];
}
