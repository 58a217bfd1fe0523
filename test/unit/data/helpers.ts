import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSchema } from '../../../src/core/schema/parse';
import type { SchemaDocument, SchemaFile } from '../../../src/core/schema/model';

export const sampleSchemaPath = path.resolve(__dirname, '..', '..', '..', 'prisma', 'schema.prisma');

export function sampleSchema(): { files: SchemaFile[]; doc: SchemaDocument } {
  const files = [{ path: sampleSchemaPath, content: readFileSync(sampleSchemaPath, 'utf8') }];
  return { files, doc: parseSchema(files) };
}
