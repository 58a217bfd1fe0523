import * as assert from 'node:assert/strict';
import { parseDiagramMessage, parseDiagramViewState } from '../../../src/shared/protocol/diagram';
import { ValidationError } from '../../../src/shared/protocol/validate';

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');

describe('protocol: diagram webview messages are validated', () => {
  it('accepts each well-formed message', () => {
    assert.deepEqual(parseDiagramMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseDiagramMessage({ type: 'reveal', model: 'User' }), { type: 'reveal', model: 'User' });
    assert.deepEqual(parseDiagramMessage({ type: 'reveal', model: 'User', field: 'email' }), {
      type: 'reveal',
      model: 'User',
      field: 'email',
    });
    assert.equal(parseDiagramMessage({ type: 'export', format: 'svg', data: svg }).type, 'export');
    assert.equal(parseDiagramMessage({ type: 'export', format: 'png', data: png }).type, 'export');
    assert.equal(parseDiagramMessage({ type: 'problem', message: 'canvas too large' }).type, 'problem');
  });

  const bad: [string, unknown][] = [
    ['not an object', 'reveal'],
    ['null', null],
    ['an unknown type', { type: 'openFile', path: '/etc/passwd' }],
    ['a prototype key as type', { type: '__proto__' }],
    ['a reveal with a position instead of a name', { type: 'reveal', model: 'User', file: '/etc/passwd', line: 1 }],
    ['a reveal without a model', { type: 'reveal' }],
    ['a model name that is not a string', { type: 'reveal', model: { toString: 'User' } }],
    ['a very long model name', { type: 'reveal', model: 'x'.repeat(10_000) }],
    ['an unknown export format', { type: 'export', format: 'html', data: '<html></html>' }],
    ['an SVG with a script', { type: 'export', format: 'svg', data: '<svg><script>alert(1)</script></svg>' }],
    ['an SVG with an event handler', { type: 'export', format: 'svg', data: '<svg onload="x()"></svg>' }],
    ['text that is not SVG', { type: 'export', format: 'svg', data: '<html><body></body></html>' }],
    ['PNG data that is not base64', { type: 'export', format: 'png', data: 'not base64 at all!' }],
    ['an empty PNG', { type: 'export', format: 'png', data: '' }],
  ];
  for (const [what, message] of bad) {
    it(`refuses ${what}`, () => {
      assert.throws(() => parseDiagramMessage(message), ValidationError);
    });
  }

  it('reads back a saved view state and drops one that is not usable', () => {
    assert.deepEqual(
      parseDiagramViewState({
        schemaId: '/ws/prisma/schema.prisma',
        transform: { x: 10, y: -5, k: 0.5 },
        focus: 'User',
      }),
      { schemaId: '/ws/prisma/schema.prisma', transform: { x: 10, y: -5, k: 0.5 }, focus: 'User' },
    );
    assert.equal(parseDiagramViewState(undefined), undefined);
    assert.equal(parseDiagramViewState({ schemaId: 1 }), undefined);
    assert.equal(parseDiagramViewState({ schemaId: 'a', transform: { x: 0, y: 0, k: Infinity } }), undefined);
  });
});
