// The icon font, added once the page has loaded. The host's inlined CSS leaves its `@font-face` out and
// hands it over in the style element's `data-deferred-font` (src/host/webviewHtml.ts): a font fetched
// while the page loads holds back its `load` event, and VS Code keeps a webview's frame hidden until then.
// The icons (font-display: block) show when the font is in, a moment after the rest of the page.

export function addDeferredFont(): void {
  const style = document.querySelector<HTMLStyleElement>('style[data-deferred-font]');
  const rule = style?.dataset.deferredFont;
  if (!style || !rule) return;
  const add = () => {
    try {
      style.sheet?.insertRule(rule, 0);
    } catch {
      // a rule this browser cannot read: the icons stay blank, nothing else changes
    }
  };
  if (document.readyState === 'complete') add();
  else window.addEventListener('load', add, { once: true });
}
