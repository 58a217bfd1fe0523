// Untrusted text in a Markdown hover (a migration name or log from `_prisma_migrations`, a migration
// folder's name, a database's error): escaped so it shows as the text it is. Unescaped, `[x](command:…)`
// renders as a link, `![](https://…)` loads a remote image, `$(icon)` draws an icon, and a ``` in a log
// closes the code block it sits in.

/** Every character CommonMark (and VS Code's `$(icon)` syntax) gives a meaning, backslash-escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$&:"'=]/g, '\\$&').replace(/\r?\n/g, '  \n');
}

/** A fenced code block that `text` cannot close: the fence is longer than any run of backticks in it. */
export function codeBlock(text: string, language = 'text'): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `\n${fence}${language}\n${text}\n${fence}\n`;
}
