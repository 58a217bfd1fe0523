// The grid's generated clients live in globalStorage, shared by every VS Code window. A window's prune removes
// only clients no window has used for two days (each ensure marks its client used); before, it removed
// every client but its own, including one another window had open (its lazily loaded files then went missing).
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClientStore } from '../../../src/core/data/clientStore';
import type { SchemaCopy } from '../../../src/core/data/schemaCopy';

const DAY = 24 * 60 * 60 * 1000;

describe('grid client store: prune across windows', () => {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secreview-prune-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const client = (hash: string, ageMs: number) => {
    const d = path.join(dir, hash);
    fs.mkdirSync(path.join(d, 'client'), { recursive: true });
    const marker = path.join(d, '.complete');
    fs.writeFileSync(marker, 'x');
    const t = new Date(Date.now() - ageMs);
    fs.utimesSync(marker, t, t);
    return d;
  };
  const store = () => new ClientStore({ storageDir: dir, cliPath: '/nonexistent', runtimePackages: [] });

  it("keeps another window's recent client and removes one unused for longer than the limit", () => {
    const mine = client('aaaaaaaaaaaaaaaa', 10 * DAY);
    const otherWindows = client('bbbbbbbbbbbbbbbb', 60_000);
    const forgotten = client('cccccccccccccccc', 3 * DAY);
    store().prune(new Set(['aaaaaaaaaaaaaaaa']));
    assert.ok(fs.existsSync(mine), 'the kept client');
    assert.ok(fs.existsSync(otherWindows), "another window's client in use was removed");
    assert.ok(!fs.existsSync(forgotten), 'a client unused for longer than the limit stays');
  });

  it('ensure marks a ready client used, so an old one that is opened again survives the next prune', async () => {
    const old = client('dddddddddddddddd', 5 * DAY);
    const s = store();
    assert.equal(await s.ensure({ hash: 'dddddddddddddddd' } as SchemaCopy), old);
    s.prune(new Set());
    assert.ok(fs.existsSync(old));
  });
});
