import * as assert from 'node:assert/strict';
import { parseSchema } from '../../../src/core/schema/parse';
import { type RootInput, sameRootInputs } from '../../../src/core/tree/treeInputs';

function root(content: string, extra: Partial<RootInput['tree']> = {}): RootInput {
  const files = [{ path: '/p/schema.prisma', content }];
  const doc = parseSchema(files);
  return { files, tree: { id: '/p/schema.prisma', label: 'schema.prisma', doc, problems: doc.diagnostics, ...extra } };
}

describe('Models view rebuilds (sameRootInputs)', () => {
  const text = 'model User {\n  id Int @id\n}\n';

  it('the same text read again builds the same view, though its document is a new object', () => {
    assert.ok(sameRootInputs([root(text)], [root(text)]));
  });

  it('a changed text, label, rule set, failure or problem list is a change', () => {
    assert.ok(!sameRootInputs([root(text)], [root(`${text}\n// note\n`)]));
    assert.ok(!sameRootInputs([root(text)], [root(text, { label: 'other.prisma' })]));
    assert.ok(!sameRootInputs([root(text)], [root(text, { rules: 'Prisma 6 rules' })]));
    assert.ok(!sameRootInputs([root(text)], [root(text, { failure: 'schema not found' })]));
    assert.ok(
      !sameRootInputs(
        [root(text)],
        [root(text, { problems: [{ message: 'x', severity: 'error', range: { start: 0, end: 1 } } as never] })],
      ),
    );
  });

  it('a root added, removed or moved is a change', () => {
    const other: RootInput = { ...root(text), tree: { ...root(text).tree, id: '/q/schema.prisma' } };
    assert.ok(!sameRootInputs([root(text)], [root(text), other]));
    assert.ok(!sameRootInputs([root(text), other], [other, root(text)]));
    assert.ok(!sameRootInputs([root(text)], []));
  });
});
