// MySQL tables for a corpus schema, for the corpus grid test only. The schema engine we ship (wasm) has no
// MySQL connector, so nothing here can push a schema to MariaDB: this writes the tables the grid's client
// reads (every model's columns, types and primary key; no foreign keys, no indexes), from our own reading of
// the schema. Types follow Prisma's MySQL defaults (String -> VARCHAR(191), DateTime -> DATETIME(3), ...).
import type { Block, Field, SchemaDocument } from '../../src/core/schema/model';

const scalar: Record<string, string> = {
  String: 'VARCHAR(191)',
  Int: 'INT',
  BigInt: 'BIGINT',
  Float: 'DOUBLE',
  Decimal: 'DECIMAL(65,30)',
  Boolean: 'BOOLEAN',
  DateTime: 'DATETIME(3)',
  Json: 'JSON',
  Bytes: 'LONGBLOB',
};

const q = (name: string): string => `\`${name.replace(/`/g, '``')}\``;

function columnType(doc: SchemaDocument, f: Field): string {
  if (f.isEnum) {
    const values = doc.blocks.find((b) => b.kind === 'enum' && b.name === f.type)?.values ?? [];
    return `ENUM(${values.map((v) => `'${(v.mapName ?? v.name).replace(/'/g, "''")}'`).join(', ')})`;
  }
  if (f.nativeType) {
    const native = f.nativeType.replace(/^(\w+)/, (t) => t.toUpperCase());
    // Prisma's names that are not MySQL's
    return native
      .replace(/^UNSIGNEDINT\b/, 'INT UNSIGNED')
      .replace(/^UNSIGNEDBIGINT\b/, 'BIGINT UNSIGNED')
      .replace(/^UNSIGNEDSMALLINT\b/, 'SMALLINT UNSIGNED')
      .replace(/^UNSIGNEDTINYINT\b/, 'TINYINT UNSIGNED')
      .replace(/^UNSIGNEDMEDIUMINT\b/, 'MEDIUMINT UNSIGNED');
  }
  const t = scalar[f.type];
  if (!t) throw new Error(`no MySQL type for ${f.name} ${f.type}`);
  return t;
}

function primaryKey(block: Block): string[] {
  const compound = block.attributes.find((a) => a.name === 'id');
  if (compound) {
    const inner = /\[([^\]]*)\]/.exec(compound.args ?? '')?.[1] ?? '';
    return inner
      .split(',')
      .map((s) => s.trim().replace(/\(.*$/, ''))
      .filter(Boolean);
  }
  return block.fields.filter((f) => f.isId).map((f) => f.name);
}

/** CREATE TABLE statements for every model and view (a view becomes a table of its columns). */
export function mysqlTables(doc: SchemaDocument): string[] {
  return doc.blocks
    .filter((b) => b.kind === 'model' || b.kind === 'view')
    .map((b) => {
      const columns = b.fields.filter((f) => !f.isRelation && !f.type.startsWith('Unsupported('));
      const lines = columns.map(
        (f) => `${q(f.mapName ?? f.name)} ${columnType(doc, f)}${f.optional ? ' NULL' : ' NOT NULL'}`,
      );
      const key = primaryKey(b).map((n) => q(columns.find((c) => c.name === n)?.mapName ?? n));
      if (key.length) lines.push(`PRIMARY KEY (${key.join(', ')})`);
      return `CREATE TABLE ${q(b.mapName ?? b.name)} (\n  ${lines.join(',\n  ')}\n)`;
    });
}
