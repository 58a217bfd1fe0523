// What the host accepts as the diagram's SVG export: the markup the webview's XMLSerializer writes, read tag by
// tag. Elements come from a short allowlist (what the diagram draws), attributes may not run or load anything
// (no on*, no href or src, no url() in a style), and there is no comment, CDATA, DOCTYPE or processing
// instruction but the XML declaration. Text between tags is never read as markup: a model's `///` documentation
// ("set online = true", "see javascript: docs") is exported inside <title> as it is.

/** The elements the diagram draws (webview/diagram/main.ts, exportImage.ts), and harmless SVG text ones. */
const ELEMENTS = new Set([
  'svg',
  'g',
  'rect',
  'path',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'title',
  'desc',
]);

const NAME = /[A-Za-z_][\w.:-]*/y;
/** One attribute: its name and its quoted value (XMLSerializer always quotes). */
const ATTRIBUTE = /\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const TAG_END = /\s*(\/?)>/y;
const XML_DECLARATION = /\s*<\?xml[^?>]*\?>/y;

/** `&#x61;`, `&#97;`, `&amp;` … decoded, so an encoded `url(` or `javascript:` is seen. */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (all, ref: string) => {
    if (ref[0] !== '#') return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[ref.toLowerCase()] ?? all;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function attributeProblem(element: string, name: string, rawValue: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('on')) return `an event handler (${name}) on <${element}>`;
  if (lower === 'href' || lower.endsWith(':href') || lower === 'src') return `a link (${name}) on <${element}>`;
  if (lower.startsWith('xmlns')) return undefined;
  // a value that points elsewhere or runs something, however it is encoded or spaced
  const value = [...decodeEntities(rawValue)]
    .filter((c) => c > ' ')
    .join('')
    .toLowerCase();
  if (/url\(|javascript:|expression\(|@import/.test(value)) return `a reference in ${name} on <${element}>`;
  return undefined;
}

/** Why `text` is not an SVG the host writes to disk, or undefined when it is one. */
export function svgProblem(text: string): string | undefined {
  let at = 0;
  XML_DECLARATION.lastIndex = 0;
  if (XML_DECLARATION.test(text)) at = XML_DECLARATION.lastIndex;
  const open: string[] = [];
  let root = false;
  while (at < text.length) {
    const lt = text.indexOf('<', at);
    if (lt < 0) break;
    if (open.length === 0 && text.slice(at, lt).trim() !== '') return 'text outside the <svg> element';
    at = lt + 1;
    const closing = text[at] === '/';
    if (closing) at++;
    NAME.lastIndex = at;
    const m = NAME.exec(text);
    if (!m) return `markup that is not an element at ${lt} (${JSON.stringify(text.slice(lt, lt + 12))})`;
    const name = m[0];
    at = NAME.lastIndex;
    if (!ELEMENTS.has(name)) return `a <${name}> element`;
    if (!root && (closing || name !== 'svg')) return 'no <svg> root element';
    root = true;
    if (closing) {
      TAG_END.lastIndex = at;
      const end = TAG_END.exec(text);
      if (!end || end[1]) return `a malformed </${name}>`;
      if (open.pop() !== name) return `a </${name}> that closes nothing`;
      at = TAG_END.lastIndex;
      if (open.length === 0) break;
      continue;
    }
    for (;;) {
      ATTRIBUTE.lastIndex = at;
      const a = ATTRIBUTE.exec(text);
      if (!a) break;
      const problem = attributeProblem(name, a[1]!, a[2] ?? a[3] ?? '');
      if (problem) return problem;
      at = ATTRIBUTE.lastIndex;
    }
    TAG_END.lastIndex = at;
    const end = TAG_END.exec(text);
    if (!end) return `a malformed <${name}> tag`;
    at = TAG_END.lastIndex;
    if (!end[1]) open.push(name);
    else if (open.length === 0) break;
  }
  if (!root) return 'no <svg> root element';
  if (open.length > 0) return `an unclosed <${open[open.length - 1]}>`;
  if (text.slice(at).trim() !== '') return 'text after the </svg> end tag';
  return undefined;
}
