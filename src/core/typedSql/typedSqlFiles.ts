// Which `.sql` files are a schema's TypedSQL queries, by Prisma's rules (`inferDirectoryConfig` in
// @prisma/internals): the `typedSql.path` of prisma.config.ts when set, else the `sql` folder beside the
// schema (beside the schema file, or inside the schema folder of a multi-file schema; Prisma before 6.6 used
// the folder of the file holding the datasource, also taken). Only the folder's own `.sql` files count (Prisma
// reads no subfolders), and only while a generator has the `typedSql` preview feature, which Prisma 7 still
// asks for (TypedSQL is a Preview feature in Prisma ORM 7).
import * as path from 'node:path';
import type { SchemaDocument } from '../schema/model';
import { stringList } from '../schema/query';
import type { SchemaRoot } from '../discovery/schemaRoot';
import { samePath } from '../util/pathFlavour';

export function typedSqlEnabled(doc: SchemaDocument): boolean {
  return doc.blocks.some(
    (b) =>
      b.kind === 'generator' &&
      b.properties.some((p) => p.key === 'previewFeatures' && (stringList(p.value) ?? []).includes('typedSql')),
  );
}

/** The folders a schema's TypedSQL files are read from (the first is where Prisma reads them now). */
export function typedSqlDirs(
  root: Pick<SchemaRoot, 'schemaPath' | 'configFile'>,
  options: { configTypedSqlPath?: string; datasourceFile?: string } = {},
): string[] {
  if (options.configTypedSqlPath && root.configFile)
    return [path.resolve(path.dirname(root.configFile), options.configTypedSqlPath)];
  const isFile = /\.prisma$/i.test(root.schemaPath);
  const dirs = [path.join(isFile ? path.dirname(root.schemaPath) : root.schemaPath, 'sql')];
  if (options.datasourceFile) {
    const legacy = path.join(path.dirname(options.datasourceFile), 'sql');
    if (!dirs.some((d) => samePath(d, legacy))) dirs.push(legacy);
  }
  return dirs;
}

/** Whether `file` is a TypedSQL file of one of `dirs`: a `.sql` file directly inside it. */
export function isTypedSqlFile(file: string, dirs: readonly string[]): boolean {
  return /\.sql$/i.test(file) && dirs.some((d) => samePath(path.dirname(file), d));
}
