// Which migrations folders the CLI lints, found as the extension finds them (src/core/discovery: prisma.config.ts
// read as text and never executed, package.json#prisma, default places), or named by --schema / --migrations.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { discoverOnDisk, discoverSchemas, readTextFile, scanForDiscovery } from '../../core/discovery';
import type { SchemaRoot } from '../../core/discovery';
import { migrationsDialect } from '../../core/migrationLint';
import type { Dialect } from '../../core/migrationLint';
import { parseSchema } from '../../core/schema/parse';
import { datasource } from '../../core/schema/query';

export interface LintProject {
  readonly migrationsDir: string;
  readonly dialect: Dialect;
  /** Relative SQLite URLs resolve against it (the config's or the schema's folder). */
  readonly baseDir: string;
  /** The schema's datasource provider (checked against migration_lock.toml). */
  readonly schemaProvider?: string;
}

export type FoundProjects = { ok: true; projects: LintProject[] } | { ok: false; error: string };

export function findProjects(cwd: string, options: { schema?: string; migrations?: string }): FoundProjects {
  const roots = discoverOnDisk(cwd);
  let chosen: { root?: SchemaRoot; migrationsDir: string }[];
  if (options.schema !== undefined) {
    const schema = path.resolve(cwd, options.schema);
    if (!existsSync(schema)) return { ok: false, error: `--schema ${options.schema}: no such file or folder` };
    const root = roots.find((r) => r.schemaPath === schema || r.schemaFiles.includes(schema)) ?? rootOf(schema, cwd);
    if (!root) return { ok: false, error: `--schema ${options.schema}: no .prisma file there` };
    chosen = [{ root, migrationsDir: options.migrations ? path.resolve(cwd, options.migrations) : root.migrationsDir }];
  } else if (options.migrations !== undefined) {
    const dir = path.resolve(cwd, options.migrations);
    const root = roots.find((r) => r.migrationsDir === dir) ?? (roots.length === 1 ? roots[0] : undefined);
    chosen = [{ root, migrationsDir: dir }];
  } else {
    chosen = roots
      .filter((r) => existsSync(r.migrationsDir))
      .map((root) => ({ root, migrationsDir: root.migrationsDir }));
    if (chosen.length === 0)
      return {
        ok: false,
        error:
          roots.length === 0
            ? `no Prisma schema found under ${cwd} (pass --schema or --migrations)`
            : `no migrations folder found (looked in ${roots.map((r) => path.relative(cwd, r.migrationsDir) || '.').join(', ')}; pass --migrations)`,
      };
  }
  const projects: LintProject[] = [];
  for (const { root, migrationsDir } of chosen) {
    if (!isDir(migrationsDir)) return { ok: false, error: `${path.relative(cwd, migrationsDir)}: no such folder` };
    const provider = root && schemaProvider(root);
    const dialect = migrationsDialect(migrationsDir, () => provider);
    if (!dialect)
      return {
        ok: false,
        error: `${path.relative(cwd, migrationsDir) || '.'}: cannot tell the database provider (no migration_lock.toml, no datasource provider the lint reads: postgresql, mysql, sqlite)`,
      };
    projects.push({
      migrationsDir,
      dialect,
      baseDir: root?.projectDir ?? path.dirname(migrationsDir),
      schemaProvider: provider,
    });
  }
  return { ok: true, projects };
}

/** A schema named by path that discovery from cwd did not find (outside cwd, or in an excluded folder). */
function rootOf(schema: string, cwd: string): SchemaRoot | undefined {
  const prismaFiles = isDir(schema) ? scanForDiscovery(schema).prismaFiles : schema.endsWith('.prisma') ? [schema] : [];
  if (prismaFiles.length === 0) return undefined;
  const found = discoverSchemas({ prismaFiles, configFiles: [], packageJsons: [] }, readTextFile);
  return found.find((r) => r.schemaPath === schema) ?? found[0] ?? fallbackRoot(schema, cwd);
}

function fallbackRoot(schema: string, cwd: string): SchemaRoot {
  return {
    id: schema,
    projectDir: cwd,
    schemaPath: schema,
    schemaFiles: [schema],
    migrationsDir: path.join(path.dirname(schema), 'migrations'),
    source: 'default',
  };
}

function schemaProvider(root: SchemaRoot): string | undefined {
  const files = root.schemaFiles.flatMap((f) => {
    const content = readTextFile(f);
    return content === undefined ? [] : [{ path: f, content }];
  });
  return datasource(parseSchema(files))?.provider?.replace(/"/g, '');
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
