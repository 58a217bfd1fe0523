// The codicon stylesheet cut down to the icons a bundle names. The full sheet is ~34 KB of 650-odd
// `.codicon-NAME:before { content: … }` rules; a page that inlines it (webviewHtml's `inline`) pays for
// every byte in its HTML (one message from the extension host to the webview) and in its style parse,
// before its first paint. The font stays whole (a file, loaded when a glyph is first drawn).

const ICON_RULE = /^\.codicon-([a-z0-9-]+):before\s*\{[^}]*\}\s*$/gm;

/**
 * `css` without the icon rules whose name never appears in `bundle` as a string (`'save'`, `"save"`,
 * `` `save` ``) or a class (`codicon-save`): icons are named as literals (`icon('save')`), so the ones a
 * bundle can show are exactly those. Everything else in the sheet (the font, the base class, modifiers)
 * is kept as it is.
 */
export function codiconSubset(css: string, bundle: string): string {
  const named = new Set<string>();
  for (const m of bundle.matchAll(/(["'`])([a-z0-9]+(?:-[a-z0-9]+)*)\1|codicon-([a-z0-9]+(?:-[a-z0-9]+)*)/g))
    named.add((m[2] ?? m[3]).replace(/^codicon-/, ''));
  return css.replace(ICON_RULE, (rule, name: string) => (named.has(name) ? rule : ''));
}

/**
 * The sheet's `@font-face` rule taken out, and the rest. A page that inlines its CSS adds the rule once it
 * has loaded (webview/shared/deferredFont.ts): a font fetched before then holds the page's `load` event,
 * and VS Code shows a webview's content only at that event (its frame is hidden until then).
 */
export function splitFontFace(css: string): { fontFace: string | undefined; rest: string } {
  const m = /@font-face\s*\{[^}]*\}/.exec(css);
  return m
    ? { fontFace: m[0], rest: css.slice(0, m.index) + css.slice(m.index + m[0].length) }
    : { fontFace: undefined, rest: css };
}
