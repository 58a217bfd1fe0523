// The few DOM helpers every webview of ours uses: build an element with attributes and children, and a
// codicon. No framework: the webviews are small and their bundles stay small.

/** `el('button', { class: 'tb', title }, icon('save'), 'Save')` */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

/** A codicon, hidden from screen readers (the control around it carries the label). */
export const icon = (name: string): HTMLSpanElement =>
  el('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
