// The grid's private `prisma generate` runs our own generator only: a user generator left in the schema copy (a
// parser mistake) would otherwise run its `provider` command line. The real Prisma CLI, in plain Node.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateArgs } from '../../../src/core/data/clientStore';
import { GENERATOR_NAME, normalizeSchema } from '../../../src/core/data/schemaCopy';
import { parseSchema } from '../../../src/core/schema/parse';
import { cleanupStore, repoClientStore } from './sqliteFixture';

const schema = `datasource db {
  provider = "sqlite"
}

model Note {
  id   Int    @id
  text String
}
`;

describe('private client generation runs only our generator', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-generator-'));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    cleanupStore();
  });

  it('passes --generator with our generator name', () => {
    const argv = generateArgs('/s/schema.prisma');
    assert.deepEqual(argv.slice(0, 3), ['generate', '--schema', '/s/schema.prisma']);
    assert.deepEqual(argv.slice(argv.indexOf('--generator'), argv.indexOf('--generator') + 2), [
      '--generator',
      GENERATOR_NAME,
    ]);
  });

  it('a user generator the copy kept by mistake does not run, and the client is still generated', async () => {
    const marker = path.join(dir, 'generator-ran');
    const evil = path.join(dir, 'evil-generator.js');
    fs.writeFileSync(evil, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\n`);
    const files = [{ path: path.join(dir, 'schema.prisma'), content: schema }];
    const copy = normalizeSchema(files, parseSchema(files), `generator-test-${Date.now()}`);
    // what a parser mistake would leave behind: the user's generator, its provider a command line
    const text = `${copy.text}\ngenerator user_tool {\n  provider = "node ${evil.replace(/\\/g, '/')}"\n}\n`;
    const generated = await repoClientStore()
      .ensure({ ...copy, text, hash: `${copy.hash}x` })
      .then(
        (clientDir) => ({ clientDir }),
        (error: unknown) => ({ error }),
      );
    assert.equal(fs.existsSync(marker), false, 'the user generator ran');
    if ('error' in generated) throw generated.error;
    assert.ok(fs.existsSync(path.join(generated.clientDir, 'client', 'index.js')), 'our client was generated');
  });
});
