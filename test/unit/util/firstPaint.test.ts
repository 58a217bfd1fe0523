// What lets the grid draw its first rows as its script runs: the bounded wait for the first page, and
// the script, CSS and init data put in the page without being able to break out of their elements.
import * as assert from 'node:assert/strict';
import * as vm from 'node:vm';
import { inertInline, jsonDataBlock } from '../../../src/core/util/inlineHtml';
import { settlesWithin } from '../../../src/core/util/settlesWithin';

const later = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe('settlesWithin', () => {
  it('is true for a promise that resolves in time, false for one that does not', async () => {
    assert.equal(await settlesWithin(later(5, 'x'), 200), true);
    assert.equal(await settlesWithin(later(300, 'x'), 20), false);
  });

  it('counts a rejection as settled and does not throw it', async () => {
    const failing = Promise.reject(new Error('no database'));
    assert.equal(await settlesWithin(failing, 50), true);
    await assert.rejects(failing, /no database/); // the caller still sees the failure when it awaits
  });
});

describe('inline page text', () => {
  it('cannot close its <script> or <style> element, nor open a comment', () => {
    const js = 'const a = "</script><img src=x>"; const b = `</STYLE>`; // <!-- x';
    const out = inertInline(js);
    assert.doesNotMatch(out, /<\/script/i);
    assert.doesNotMatch(out, /<\/style/i);
    assert.doesNotMatch(out, /<!--/);
    // in JavaScript strings the escape means the same characters
    assert.deepEqual([...(vm.runInNewContext(`${out}\n[a, b]`) as string[])], ['</script><img src=x>', '</STYLE>']);
  });

  it('leaves text without those sequences unchanged', () => {
    const css = '.a < .b { color: red } a[href^="/x"] {}';
    assert.equal(inertInline(css), css);
  });

  it('puts JSON in a data block that reads back exactly and cannot end early', () => {
    const value = { type: 'init', rows: [{ name: '</script><script>alert(1)</script>', note: '<!-- -->', n: 1 }] };
    const block = jsonDataBlock('grid-init', value);
    const m = /^<script type="application\/json" id="grid-init">([\s\S]*)<\/script>$/.exec(block);
    assert.ok(m, block);
    assert.doesNotMatch(m[1], /</);
    assert.deepEqual(JSON.parse(m[1]), value);
  });

  it('keeps the id to word characters', () => {
    assert.match(jsonDataBlock('a"><b', 1), /^<script type="application\/json" id="ab">1<\/script>$/);
  });
});
