// Validation with the rules of the project's own Prisma: the 6.19 validator (shipped with the 6.x
// language server) for Prisma 5/6, the 7.x one for Prisma 7; with no Prisma installed the schema tells.
// A Prisma 5 to 6.12 project may give its views `@id` / `@@id`: no "Views cannot have primary keys" there.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { PrismaVersion } from '../../../src/core/languageServer/prismaVersion';
import type { SchemaFile } from '../../../src/core/schema/model';
import { chooseRules } from '../../../src/core/schema/rules';
import { validateProject } from '../../../src/core/schema/validateProject';
import { CORPUS_DIR, readSchemaFile } from './corpus';

const viewsWithId = readSchemaFile(path.join(CORPUS_DIR, 'views-with-id.prisma'));
const schemaPath = '/p/prisma/schema.prisma';
const files = (content: string): SchemaFile[] => [{ path: schemaPath, content }];
/** A project tree: only the files named exist. */
const tree =
  (contents: Record<string, string>) =>
  (file: string): string | undefined =>
    contents[file];
const installed = (version: string) => tree({ '/p/node_modules/prisma/package.json': JSON.stringify({ version }) });
const messages = (v: { diagnostics: { message: string }[] }) => v.diagnostics.map((d) => d.message);
const known = () => ({ prisma6: ['metrics', 'views'], prisma7: ['views', 'partialIndexes'] });
const version = (v: string, source: PrismaVersion['source'] = 'installed'): PrismaVersion => ({
  version: v,
  major: Number(/\d+/.exec(v)?.[0]),
  source,
  file: '/p/node_modules/prisma/package.json',
});

describe("validation with the project's Prisma rules", function () {
  this.timeout(30_000);

  it('a Prisma 6 project (no Prisma installed, url in the datasource) with @id on a view: no false error', () => {
    const v = validateProject([viewsWithId], viewsWithId.path, '/', tree({}));
    assert.deepEqual(messages(v), []);
    assert.equal(v.rules.line, 'prisma6');
    assert.match(v.rules.description, /Prisma 5\/6 rules.*no Prisma installed; the datasource sets url/);
  });

  it('the same schema on Prisma 6.12 passes; on 6.19 and on 7 the view key is a real error', () => {
    const content = viewsWithId.content;
    assert.deepEqual(messages(validateProject(files(content), schemaPath, '/p', installed('6.12.0'))), []);
    const on619 = validateProject(files(content), schemaPath, '/p', installed('6.19.0'));
    assert.deepEqual(messages(on619), ['Error validating: Views cannot have primary keys.']);
    assert.equal(
      on619.rules.description,
      "Prisma 6 rules, checked with Prisma 6.19's validator (Prisma 6.19.0 installed)",
    );
    const on7 = validateProject(files(content), schemaPath, '/p', installed('7.1.0'));
    assert.deepEqual(messages(on7), ['Error validating: Views cannot have primary keys.']);
    assert.equal(on7.rules.description, 'Prisma 7 rules (Prisma 7.1.0 installed)');
  });

  it("a Prisma 6 project is checked by Prisma 6.19's validator: a datasource without url is its error", () => {
    const noUrl = 'datasource db {\n  provider = "postgresql"\n}\n\nmodel A {\n  id Int @id\n}\n';
    assert.deepEqual(messages(validateProject(files(noUrl), schemaPath, '/p', installed('6.19.0'))), [
      'Argument "url" is missing in data source block "db".',
    ]);
    assert.deepEqual(messages(validateProject(files(noUrl), schemaPath, '/p', installed('7.1.0'))), []);
  });

  it('chooses by the installed or declared version first, then by the schema, else Prisma 7', () => {
    const none = files('datasource db {\n  provider = "sqlite"\n}\n');
    const rules = (v: PrismaVersion | undefined, content = none) => {
      const r = chooseRules(content, v, known);
      return [r.line, r.viewPrimaryKeys];
    };
    assert.deepEqual(rules(version('6.19.0')), ['prisma6', false]);
    assert.deepEqual(rules(version('6.2.1')), ['prisma6', true]);
    assert.deepEqual(rules(version('^5.22.0', 'package.json')), ['prisma6', true]);
    assert.deepEqual(rules(version('7.1.0')), ['prisma7', false]);
    assert.deepEqual(rules(version('≤6 (datasource url in the schema)', 'schema')), ['prisma6', true]);
    const withPreview = (feature: string) =>
      files(`generator c {\n  provider = "prisma-client-js"\n  previewFeatures = ["views", "${feature}"]\n}\n`);
    assert.deepEqual(rules(undefined, withPreview('metrics')), ['prisma6', true]);
    assert.match(
      chooseRules(withPreview('metrics'), undefined, known).description,
      /"metrics" exists in Prisma 6 only/,
    );
    assert.deepEqual(rules(undefined, withPreview('partialIndexes')), ['prisma7', false]);
    assert.deepEqual(rules(undefined), ['prisma7', false]);
    assert.match(chooseRules(none, undefined, known).description, /Prisma 7 rules \(no Prisma installed; nothing/);
  });
});
