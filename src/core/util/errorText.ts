// Error text a webview host shows and logs. A driver's or validator's message can quote what the webview
// sent (a 50 MB cell, a key of any length): what is shown is clipped, and the stack logged is bounded.

/** The longest error text posted to a webview. */
export const MAX_ERROR_TEXT = 2000;

export function errorText(e: unknown): string {
  const t = e instanceof Error ? e.message : String(e);
  return t.length <= MAX_ERROR_TEXT ? t : `${t.slice(0, MAX_ERROR_TEXT - 30)}… (${t.length} characters)`;
}

/** The stack for the log (its message clipped like errorText). */
export function errorStack(e: unknown): string {
  if (!(e instanceof Error) || !e.stack) return errorText(e);
  const at = e.stack.indexOf('\n    at ');
  return errorText(e) + (at >= 0 ? e.stack.slice(at, at + 5000) : '');
}
