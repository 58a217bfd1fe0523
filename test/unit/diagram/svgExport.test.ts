// The host writes the diagram's SVG export when it is the markup the webview draws: documentation text in a
// <title> is never taken for script (before: "set online = true" or "see javascript: docs" in a model's ///
// comment made every SVG export fail), while elements and attributes that run or load something are refused
// however they are encoded.
import * as assert from 'node:assert/strict';
import { parseDiagramMessage } from '../../../src/shared/protocol/diagram';

const doc = (inner: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100" role="img" aria-label="Relationship diagram: 1 models, 0 relations" style="fill:rgb(0, 0, 0);font-family:&quot;Segoe UI&quot;, sans-serif"><rect width="200" height="100" fill="#1e1e1e"/><g transform="translate(0,0) scale(1)"><g style="opacity:1"><title>${inner}</title><rect width="10" height="10" rx="4"/><text x="8" y="11">User</text><path d="M0,0L10,10"/><circle cx="0" cy="0" r="3"/></g></g></svg>`;
const exported = (data: string) => parseDiagramMessage({ type: 'export', format: 'svg', data });

describe('diagram SVG export check', () => {
  it('accepts documentation that mentions on…= or javascript: in a title, as the serializer escapes it', () => {
    for (const text of [
      'User: set online = true',
      'see javascript: docs',
      'a &lt;script&gt; tag &amp; onload="x()"',
      'x > y',
    ])
      assert.doesNotThrow(() => exported(doc(text)), text);
    assert.doesNotThrow(() => exported(`<?xml version="1.0" encoding="UTF-8"?>\n${doc('ok')}\n`));
  });

  it('refuses what runs or loads something, however it is written', () => {
    const hostile = [
      doc('x').replace('<rect width="10"', '<rect onclick="alert(1)" width="10"'),
      doc('x').replace('<rect width="10"', '<rect ONLOAD = \'alert(1)\' width="10"'),
      doc('x').replace('</g></g>', '</g><script>alert(1)</script></g>'),
      doc('x').replace('</g></g>', '</g><foreignObject><div/></foreignObject></g>'),
      doc('x').replace('</g></g>', '</g><a href="jav&#x61;script:alert(1)"><text>x</text></a></g>'),
      doc('x').replace('<path d', '<path href="#a" d'),
      doc('x').replace('<path d', '<path xlink:href="data:x" d'),
      doc('x').replace('</g></g>', '</g><animate attributeName="href" to="javascript:alert(1)"/></g>'),
      doc('x').replace('</g></g>', '</g><image src="http://evil/"/></g>'),
      doc('x').replace('fill="#1e1e1e"', 'fill="u&#x72;l(http://evil/x)"'),
      doc('x').replace('style="opacity:1"', 'style="background:url( http://evil/ )"'),
      doc('x').replace('<g style', '<!-- c --><g style'),
      doc('x').replace('</g></g>', '</g><![CDATA[<script>alert(1)</script>]]></g>'),
      `<!DOCTYPE svg [<!ENTITY x "y">]>${doc('x')}`,
      `${doc('x')}<script>alert(1)</script><svg></svg>`,
      doc('x').replace('</svg>', '') + '</g></svg>',
    ];
    for (const svg of hostile) assert.throws(() => exported(svg), /SVG/, svg);
  });
});
