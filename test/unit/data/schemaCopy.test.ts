import * as assert from 'node:assert/strict';
import { parseSchema } from '../../../src/core/schema/parse';
import { GENERATOR_NAME, normalizeSchema, UnsupportedProviderError } from '../../../src/core/data/schemaCopy';
import { lintSchema } from '../../../src/core/schema/prismaWasm';

function copyOf(content: string, version = 'v1') {
  const files = [{ path: '/p/schema.prisma', content }];
  return normalizeSchema(files, parseSchema(files), version);
}

const prisma6 = `generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["somethingOld"]
}

datasource db {
  provider  = "postgresql"
  url       = env("DATABASE_URL")
  directUrl = env("DIRECT_URL")
}

model User {
  id Int @id
}
`;

describe('normalised schema copy for the private client', () => {
  it('drops user generators and url settings, adds ours', () => {
    const copy = copyOf(prisma6);
    assert.equal(copy.provider, 'postgresql');
    assert.ok(!copy.text.includes('env("DATABASE_URL")'));
    assert.ok(!copy.text.includes('directUrl'));
    assert.ok(!copy.text.includes('somethingOld'));
    assert.ok(!/generator client/.test(copy.text));
    assert.ok(
      copy.text.startsWith(
        `generator ${GENERATOR_NAME} {\n  provider = "prisma-client-js"\n  output   = "./client"\n}`,
      ),
      copy.text.slice(0, 120),
    );
    assert.ok(/model User \{\n {2}id Int @id\n\}/.test(copy.text));
    assert.match(copy.text, /provider\s+= "postgresql"/);
  });

  it('keys the copy by a hash of schema and runtime', () => {
    assert.equal(copyOf(prisma6).hash, copyOf(prisma6).hash);
    assert.notEqual(copyOf(prisma6).hash, copyOf(prisma6.replace('id Int @id', 'id Int @id\n  name String')).hash);
    assert.notEqual(copyOf(prisma6).hash, copyOf(prisma6, 'v2').hash);
  });

  it('refuses providers without a bundled driver adapter', () => {
    assert.throws(() => copyOf(prisma6.replace('"postgresql"', '"mongodb"')), UnsupportedProviderError);
  });

  it('is valid for the Prisma it ships (7) when a Prisma 6 schema gives its views primary keys', () => {
    const schema = `generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["views"]
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id    Int          @id
  email String       @unique
  stats UserStats?
}

view UserStats {
  userId Int    @id
  posts  Int
  user   User   @relation(fields: [userId], references: [id])
}

view Pair {
  a Int
  b Int
  @@id([a, b], name: "pairKey")
}

view Both {
  id Int @id @unique @default(0)
}
`;
    const copy = copyOf(schema);
    assert.deepEqual(
      lintSchema([{ path: 'copy.prisma', content: copy.text }]).filter((d) => !d.is_warning),
      [],
      copy.text,
    );
    assert.match(copy.text, /userId Int {4}@unique\n/);
    assert.match(copy.text, /@@unique\(\[a, b\], name: "pairKey"\)/);
    assert.match(copy.text, /id Int {2}@unique @default\(0\)/);
    assert.match(copy.text, /model User \{\n {2}id {4}Int {10}@id\n/, 'models keep their primary keys');
  });
});
