import { strict as assert } from 'node:assert';
import {
  decodeNotebook,
  encodeNotebook,
  NotebookFormatError,
  starterNotebook,
  type NotebookData,
} from '../../../src/core/notebook/notebookFile';

const sample: NotebookData = {
  metadata: { schema: 'prisma/schema.prisma' },
  cells: [
    { kind: 'markdown', language: 'markdown', source: '# Users\n\nwho signed up', metadata: {} },
    { kind: 'code', language: 'sql', source: 'SELECT *\nFROM "User"\nWHERE id > 10;\n', metadata: {} },
    { kind: 'code', language: 'sql', source: 'UPDATE "User" SET name = \'x\';', metadata: { writes: true, tag: 'a' } },
  ],
};

describe('query notebook file', () => {
  it('round-trips cells, languages, sources (with a trailing newline) and metadata', () => {
    const text = encodeNotebook(sample);
    assert.deepEqual(decodeNotebook(text), sample);
    assert.equal(encodeNotebook(decodeNotebook(text)), text, 'encoding is stable');
  });

  it('writes one line per source line, so that a changed line is one changed line in a diff', () => {
    const text = encodeNotebook(sample);
    assert.match(text, /^ {8}"FROM \\"User\\"",$/m);
    assert.match(text, /"writes": true/);
    assert.ok(!/outputs/.test(text), 'no outputs are written');
    const edited = encodeNotebook({
      ...sample,
      cells: sample.cells.map((c, i) => (i === 1 ? { ...c, source: c.source.replace('10', '20') } : c)),
    });
    const changed = text.split('\n').filter((l, i) => l !== edited.split('\n')[i]);
    assert.deepEqual(changed, ['        "WHERE id > 10;",']);
  });

  it('reads a hand-edited file: a string source, a bare string cell, writes beside the source, Jupyter lines', () => {
    const text = `{
      "cells": [
        { "source": "SELECT 1", "writes": true },
        "SELECT 2",
        { "kind": "markdown", "source": ["a\\n", "b"] },
        { "kind": "code", "source": ["x", "y"], "metadata": { "writes": false } }
      ]
    }`;
    const nb = decodeNotebook(text);
    assert.deepEqual(nb.cells, [
      { kind: 'code', language: 'sql', source: 'SELECT 1', metadata: { writes: true } },
      { kind: 'code', language: 'sql', source: 'SELECT 2', metadata: {} },
      { kind: 'markdown', language: 'markdown', source: 'a\nb', metadata: {} },
      { kind: 'code', language: 'sql', source: 'x\ny', metadata: {} },
    ]);
  });

  it('reads an empty file as an empty notebook', () => {
    assert.deepEqual(decodeNotebook(''), { metadata: {}, cells: [] });
    assert.deepEqual(decodeNotebook('  \n'), { metadata: {}, cells: [] });
    assert.deepEqual(decodeNotebook('{}'), { metadata: {}, cells: [] });
  });

  it('refuses a broken file in words: where the JSON breaks, what is missing, a newer version', () => {
    assert.throws(
      () => decodeNotebook('{\n  "cells": [\n    { "source": "SELECT 1" ,, }\n  ]\n}'),
      (e: Error) => e instanceof NotebookFormatError && /not valid JSON at line 3, column \d+/.test(e.message),
    );
    assert.throws(() => decodeNotebook('{"rows": []}'), /needs a "cells" array/);
    assert.throws(() => decodeNotebook('{"cells": [{"source": 3}]}'), /cell 1: "source" must be a string/);
    assert.throws(() => decodeNotebook('{"cells": [42]}'), /cell 1 is not an object/);
    assert.throws(() => decodeNotebook('{"version": 9, "cells": []}'), /newer Prisma Workbench/);
  });

  it('starts a new notebook with one SQL cell', () => {
    const nb = starterNotebook();
    assert.equal(nb.cells.length, 1);
    assert.equal(nb.cells[0].language, 'sql');
    assert.deepEqual(decodeNotebook(encodeNotebook(nb)), nb);
  });
});
