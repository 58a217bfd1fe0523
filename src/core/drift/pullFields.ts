// When drift is kept (recorded as a migration), the schema must gain what the database gained. For
// columns added by hand we copy the field line the introspected schema has for it into the user's model,
// after its last scalar field; other kinds of change are left to "pull into schema" (shown as a diff).
import type { SchemaDocument } from '../schema/model';
import { findColumn, findTable } from './locate';
import type { DiffItem } from './summary';

export interface FieldInsert {
  readonly file: string;
  /** 0-based line the text is inserted before. */
  readonly line: number;
  readonly text: string;
}

export function addedFieldInserts(
  doc: SchemaDocument,
  pulled: SchemaDocument,
  items: readonly DiffItem[],
): FieldInsert[] {
  const inserts: FieldInsert[] = [];
  for (const item of items) {
    if (item.kind !== 'column' || item.change !== 'added' || item.table === undefined || item.name === undefined)
      continue;
    const mine = findTable(doc, item.table);
    const theirs = findTable(pulled, item.table);
    const field = theirs ? findColumn(theirs, item.name) : undefined;
    if (!mine || !field || findColumn(mine, item.name)) continue;
    const scalars = mine.fields.filter((f) => !f.isRelation);
    const after = scalars[scalars.length - 1] ?? mine.fields[mine.fields.length - 1];
    const line = after ? after.location.range.end.line + 1 : mine.location.nameRange.start.line + 1;
    inserts.push({ file: mine.location.file, line, text: `  ${field.sourceLine}` });
  }
  return inserts;
}
