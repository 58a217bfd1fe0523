// Hostile diagram webview: thousands of random and adversarial messages fed to the diagram host's handler
// (core/diagram/diagramRequests.ts). It never rejects, answers every bad message with one short error,
// reveals only places of its own graph, saves only real SVG or PNG, and keeps nothing per message.
import * as assert from 'node:assert/strict';
import { DiagramRequests } from '../../../src/core/diagram/diagramRequests';
import { buildDiagram } from '../../../src/core/diagram/diagramModel';
import type { SourceLocation } from '../../../src/core/schema/model';
import { parseDiagramMessage, type DiagramHostMessage } from '../../../src/shared/protocol/diagram';
import { MAX_ERROR_TEXT } from '../../../src/core/util/errorText';
import { sampleSchema } from '../data/helpers';
import { mutate, pathsOf, picker, protoKeys, randomValue, rng, strings, withKey } from '../data/hostileMessages';

const MESSAGES = Number(process.env.FUZZ_MESSAGES ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>set online = true</title></svg>';
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');

describe('Diagram host under hostile webview messages', function () {
  this.timeout(120_000);

  it('never rejects, reveals only its own graph, saves only images, answers every bad message', async () => {
    const graph = buildDiagram(sampleSchema().doc);
    const own = new Set<SourceLocation>(graph.nodes.flatMap((n) => [n.location, ...n.fields.map((f) => f.location)]));
    const posted: DiagramHostMessage[] = [];
    const revealed: SourceLocation[] = [];
    const saved: { format: string; bytes: Buffer }[] = [];
    let problems = 0;
    const requests = new DiagramRequests({
      post: (m) => posted.push(m),
      log: { warn: () => {}, error: () => {} },
      graph: () => graph,
      ready: () => {},
      reveal: async (location) => revealed.push(location),
      saveExport: async (format, bytes) => saved.push({ format, bytes }),
      problem: () => problems++,
    });
    const templates: unknown[] = [
      { type: 'ready' },
      { type: 'reveal', model: 'User' },
      { type: 'reveal', model: 'User', field: 'email' },
      { type: 'reveal', model: 'NoSuchModel', field: '__proto__' },
      { type: 'export', format: 'svg', data: svg },
      { type: 'export', format: 'png', data: png },
      { type: 'export', format: 'png', data: Buffer.from('<svg></svg>').toString('base64') },
      { type: 'problem', message: '[click](command:workbench.action.quit)' },
    ];
    const random = rng(SEED);
    const pick = picker(random);
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    let refused = 0;
    try {
      for (let i = 0; i < MESSAGES; i++) {
        let m = pick(templates);
        const strategy = random();
        if (strategy < 0.1) m = randomValue(random);
        else if (strategy < 0.2) m = withKey(pick([...protoKeys, pick(strings)]), randomValue(random), m as never);
        else if (strategy < 0.8) {
          const at = pick(pathsOf(m).filter((p) => p.length > 0));
          m = mutate(m, at, random() < 0.5 ? pick(strings) : randomValue(random));
        }
        const before = posted.length;
        let valid = true;
        try {
          parseDiagramMessage(m);
        } catch {
          valid = false;
          refused++;
        }
        await assert.doesNotReject(requests.handle(m), `message ${i} (seed ${SEED})`);
        const replies = posted.splice(before);
        if (!valid)
          assert.deepEqual(
            replies.map((r) => r.type),
            ['error'],
            `message ${i} (seed ${SEED})`,
          );
        for (const r of replies) if (r.type === 'error') assert.ok(r.message.length <= MAX_ERROR_TEXT);
      }
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    assert.deepEqual(unhandled, []);
    assert.ok(refused > MESSAGES / 4 && refused < MESSAGES * 0.95, `${refused} refused`);
    assert.ok(revealed.length > 0 && revealed.every((l) => own.has(l)), 'revealed a place outside the graph');
    for (const s of saved) {
      if (s.format === 'png') assert.deepEqual([...s.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
      else assert.match(s.bytes.toString('utf8'), /^\s*<svg[\s>][\s\S]*<\/svg>\s*$/);
    }
    assert.ok(saved.length > 0 && problems > 0);
    assert.equal(posted.length, 0);
  });
});
