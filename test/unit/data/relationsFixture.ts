// Teams, members and badges with `relationMode = "prisma"` (no foreign keys in the database: the relations
// exist only in the schema) on SQLite, PostgreSQL or MySQL / MariaDB, with the grid's private client.
// Member.team is a required n-1, Member.mentor an optional self relation, Badge.member an optional 1-1,
// Member.tags an implicit many-to-many.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import pg from 'pg';
import { createClientAdapter } from '../../../src/core/data/adapters';
import { DataSession, type QueryEvent } from '../../../src/core/data/dataSession';
import { modelMeta } from '../../../src/core/data/modelMeta';
import { normalizeSchema, type DataProvider } from '../../../src/core/data/schemaCopy';
import { parseSchema } from '../../../src/core/schema/parse';
import type { ModelMeta, WireRow } from '../../../src/shared/protocol/model';
import { mysqlConnection, orSkip, throwawayMysql, throwawayPostgres } from '../testServers';
import { repoClientStore } from './sqliteFixture';

export const MEMBERS = 250;

export const relationsSchema = (provider: DataProvider) => `datasource db {
  provider     = "${provider}"
  relationMode = "prisma"
}

model Team {
  id      Int      @id
  name    String
  members Member[]
}

model Member {
  id       Int      @id
  email    String   @unique
  name     String
  teamId   Int
  mentorId Int?
  team     Team     @relation(fields: [teamId], references: [id])
  mentor   Member?  @relation("Mentor", fields: [mentorId], references: [id], onDelete: Restrict, onUpdate: Restrict)
  mentees  Member[] @relation("Mentor")
  badge    Badge?
  tags     Tag[]

  @@index([teamId])
  @@index([mentorId])
}

/// Implicit many-to-many with Member: the hidden _MemberToTag table (A: Member.id, B: Tag.id).
model Tag {
  id      Int      @id
  name    String   @unique
  members Member[]
}

model Badge {
  code     String  @id
  memberId Int?    @unique
  member   Member? @relation(fields: [memberId], references: [id])
}
`;

const q = (provider: DataProvider, id: string) => (provider === 'mysql' ? `\`${id}\`` : `"${id}"`);
export const relationsDdl = (p: DataProvider): string[] => [
  `CREATE TABLE ${q(p, 'Team')} (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)`,
  `CREATE TABLE ${q(p, 'Member')} (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL UNIQUE, name VARCHAR(100) NOT NULL, ${q(p, 'teamId')} INT NOT NULL, ${q(p, 'mentorId')} INT NULL)`,
  `CREATE TABLE ${q(p, 'Badge')} (code VARCHAR(100) PRIMARY KEY, ${q(p, 'memberId')} INT NULL UNIQUE)`,
  `CREATE TABLE ${q(p, 'Tag')} (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL UNIQUE)`,
  `CREATE TABLE ${q(p, '_MemberToTag')} (${q(p, 'A')} INT NOT NULL, ${q(p, 'B')} INT NOT NULL, PRIMARY KEY (${q(p, 'A')}, ${q(p, 'B')}))`,
];

export interface RelationsDb {
  provider: DataProvider;
  session: DataSession;
  team: ModelMeta;
  member: ModelMeta;
  badge: ModelMeta;
  tag: ModelMeta;
  /** Every query the grid's session ran since the last `clearQueries()`. */
  queries: QueryEvent[];
  close(): Promise<void>;
}

/** In a mocha hook: the fixture on `provider`, or the test skips saying why (no server). */
export async function relationsDb(ctx: Mocha.Context, provider: DataProvider): Promise<RelationsDb> {
  const files = [{ path: '/virtual/schema.prisma', content: relationsSchema(provider) }];
  const doc = parseSchema(files);
  const store = repoClientStore();
  const mod = store.load(await store.ensure(normalizeSchema(files, doc, `relations-${provider}`)));
  const queries: QueryEvent[] = [];
  let url: string;
  let drop: () => Promise<void>;
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-relations-'));
    url = `file:${path.join(dir, 'relations.db')}`;
    const db = createClient({ url });
    for (const s of relationsDdl(provider)) await db.execute(s);
    db.close();
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else if (provider === 'postgresql') {
    const server = orSkip(ctx, await throwawayPostgres('pw_relations'));
    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    for (const s of relationsDdl(provider)) await db.query(s);
    await db.end();
    url = server.url;
    drop = () => server.drop();
  } else {
    const server = orSkip(ctx, await throwawayMysql('pw_relations'));
    const db = await mysqlConnection(server.name);
    for (const s of relationsDdl(provider)) await db.query(s);
    await db.end();
    url = server.url;
    drop = () => server.drop();
  }
  const session = await DataSession.open(mod, provider, await createClientAdapter(provider, url), (e) =>
    queries.push(e),
  );
  const team = modelMeta(doc, 'Team');
  const member = modelMeta(doc, 'Member');
  const badge = modelMeta(doc, 'Badge');
  const tag = modelMeta(doc, 'Tag');
  const save = async (model: ModelMeta, inserts: WireRow[]) => {
    const r = await session.save(model, { updates: [], inserts, deletes: [] });
    if (!r.ok) throw new Error(JSON.stringify(r));
  };
  await save(team, [
    { id: 1, name: 'Red' },
    { id: 2, name: 'Green' },
    { id: 3, name: 'Blue' },
  ]);
  await save(
    member,
    Array.from({ length: MEMBERS }, (_, n) => ({
      id: n + 1,
      email: `m${n + 1}@x.test`,
      name: `Member ${n + 1}`,
      teamId: 1 + (n % 3),
      mentorId: null,
    })),
  );
  await save(tag, [
    { id: 1, name: 'mentor' },
    { id: 2, name: 'remote' },
    { id: 3, name: 'new' },
  ]);
  await save(badge, [
    { code: 'gold', memberId: 1 },
    { code: 'silver', memberId: null },
  ]);
  return {
    provider,
    session,
    team,
    member,
    badge,
    tag,
    queries,
    close: async () => {
      await session.dispose();
      await drop();
    },
  };
}
