/** Replaces passwords in connection URLs (`postgresql://user:secret@host`) and `password=` settings with `****`. */
export function maskSecrets(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)([^@/\s]+)@/gi, '$1****@')
    .replace(/((?:password|pwd|pass)\s*=\s*)([^;&\s"']+)/gi, '$1****');
}
