import * as assert from 'node:assert/strict';
import { codiconSubset, splitFontFace } from '../../../src/core/util/codiconSubset';

const sheet = `@font-face {
	font-family: "codicon";
	src: url("./codicon.ttf?abc") format("truetype");
}

.codicon[class*='codicon-'] {
	font: normal normal normal 16px/1 codicon;
}

.codicon-loading.codicon-modifier-spin {
	animation: codicon-spin 1.5s steps(30) infinite;
}

.codicon-add:before { content: "\\ea60" }
.codicon-save:before { content: "\\eb4b" }
.codicon-save-all:before { content: "\\eb4a" }
.codicon-lock:before { content: "\\ea75" }
.codicon-unlock:before { content: "\\eb74" }
.codicon-arrow-up:before { content: "\\eaa1" }
`;

describe('codiconSubset', () => {
  it('keeps the icons a bundle names as literals or classes, and everything that is not an icon rule', () => {
    const bundle = 'b.append(icon("save")); x.className=`codicon codicon-${ro?"lock":"unlock"}`; y=`codicon-arrow-up`';
    const out = codiconSubset(sheet, bundle);
    for (const kept of [
      'codicon-save:',
      'codicon-lock:',
      'codicon-unlock:',
      'codicon-arrow-up:',
      '@font-face',
      "[class*='codicon-']",
      'codicon-modifier-spin',
    ])
      assert.ok(out.includes(kept), `${kept} was dropped`);
    for (const dropped of ['codicon-add:', 'codicon-save-all:'])
      assert.ok(!out.includes(dropped), `${dropped} was kept`);
  });

  it('matches whole names: an icon named keeps its own rule, not those it is a prefix or a part of', () => {
    const out = codiconSubset(sheet, "icon('add');icon('save-all')");
    assert.ok(out.includes('codicon-add:') && out.includes('codicon-save-all:') && !out.includes('codicon-save:'));
  });

  it('takes the @font-face out (the page adds it once loaded) and leaves the rest as it was', () => {
    const { fontFace, rest } = splitFontFace(sheet);
    assert.match(fontFace!, /^@font-face \{[^}]*codicon\.ttf\?abc[^}]*\}$/);
    assert.ok(!rest.includes('@font-face'));
    assert.equal(rest.replace(/\s+/g, ''), sheet.replace(fontFace!, '').replace(/\s+/g, ''));
    assert.deepEqual(splitFontFace('.a{}'), { fontFace: undefined, rest: '.a{}' });
  });
});
