// Text put inside a page's <script> and <style> elements, made unable to end them early.

/** Script or CSS text that cannot close its element (`</script`, `</style`) or open an HTML comment. */
export function inertInline(text: string): string {
  return text.replace(/<(\/(?=script|style)|!--)/gi, '<\\$1');
}

/** A `<script type="application/json">` data block (never executed) holding `value`; read it back with JSON.parse of its text. */
export function jsonDataBlock(id: string, value: unknown): string {
  const safeId = id.replace(/[^\w-]/g, '');
  return `<script type="application/json" id="${safeId}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;
}
