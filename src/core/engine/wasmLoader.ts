// Loads @prisma/schema-engine-wasm in plain Node. The package is built for wasm-bindgen's "bundler"
// target (`import * as wasm from "./x.wasm"`), which Node cannot import without a flag, so we
// instantiate the module ourselves: once per process, on first use (it is ~10 MB of wasm).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

/** The two things we use from the wasm package's JS glue. */
export interface SchemaEngineModule {
  readonly SchemaEngine: typeof SchemaEngine;
  /** Version of the wasm engine build, e.g. `8.1.0-2.59be4fda…`-era commit hash. */
  readonly engineVersion: string;
}

/** Environment variable that points at another `schema_engine_bg.wasm` (same wasm-bindgen imports). */
export const WASM_PATH_ENV = 'PRISMA_WORKBENCH_SCHEMA_ENGINE_WASM';

const BG_MODULE = '@prisma/schema-engine-wasm/schema_engine_bg';

interface PanicRegistry {
  message: string;
  set_message(message: string): void;
}

let loading: Promise<SchemaEngineModule> | undefined;

/**
 * Returns the engine module, instantiating the wasm on the first call. Later calls return the same
 * promise whatever `wasmPath` they pass: the glue module holds one wasm instance per process.
 */
export function loadSchemaEngineModule(wasmPath?: string): Promise<SchemaEngineModule> {
  loading ??= instantiate(wasmPath).catch((error: unknown) => {
    loading = undefined; // let a later call retry (e.g. after the user fixes the path)
    throw error;
  });
  return loading;
}

async function instantiate(wasmPath: string | undefined): Promise<SchemaEngineModule> {
  // The glue reports Rust panics through this global; it must exist before the first call.
  const g = globalThis as typeof globalThis & { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
  g.PRISMA_WASM_PANIC_REGISTRY ??= {
    message: '',
    set_message(message: string) {
      this.message = message;
    },
  };
  const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const file = wasmPath ?? process.env[WASM_PATH_ENV] ?? defaultWasmPath();
  const { Module, Instance } = webAssembly();
  const instance = new Instance(new Module(readFileSync(file)), {
    './schema_engine_bg.js': glue as unknown as Record<string, unknown>,
  });
  glue.__wbg_set_wasm(instance.exports);
  const start = instance.exports['__wbindgen_start'];
  if (typeof start === 'function') start();
  return { SchemaEngine: glue.SchemaEngine, engineVersion: glue.version() };
}

// The project compiles without the DOM lib, which is where TypeScript declares WebAssembly.
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => { exports: Record<string, unknown> };
}
function webAssembly(): WebAssemblyApi {
  return (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
}

function defaultWasmPath(): string {
  return path.join(path.dirname(require.resolve(BG_MODULE)), 'schema_engine_bg.wasm');
}
