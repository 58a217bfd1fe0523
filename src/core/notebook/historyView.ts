// What the Query History view shows for a notebook's runs (newest first), without `vscode`: the statement's
// first line as the label, "rows · duration · when" (or the error and when) as the description, and a
// Markdown tooltip with the whole statement in a code block the statement cannot close, every other piece of
// text the database or the user wrote escaped (an error message is not allowed to draw links or images).
import { codeBlock, escapeMarkdown } from '../util/markdownText';
import { ago, type HistoryEntry } from './runHistory';

export interface HistoryItem {
  /** The entry's place in the notebook's history (0 = newest): what Rerun and Copy act on. */
  index: number;
  label: string;
  description: string;
  /** Markdown; the view shows it untrusted, without HTML or icons. */
  tooltip: string;
  /** Codicon id and its theme colour. */
  icon: { id: 'pass' | 'error'; color: string };
  /** `historyRun.ok` / `historyRun.failed`: the item menus match on it. */
  contextValue: string;
}

const LABEL_MAX = 80;

/** The statement's first non-blank line, clipped; `…` says that more follows. */
export function firstLine(sql: string): string {
  const lines = sql.split(/\r?\n/).map((l) => l.trim());
  const first = lines.findIndex((l) => l !== '');
  if (first < 0) return '(empty)';
  const line = lines[first].replace(/\s+/g, ' ');
  if (line.length > LABEL_MAX) return `${line.slice(0, LABEL_MAX - 1)}…`;
  return lines.slice(first + 1).some((l) => l !== '') ? `${line} …` : line;
}

/** 12 ms, 1.4 s, 2 min 5 s. */
export function duration(ms: number): string {
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** What the run gave: 3 rows, 1 row, 2 rows changed. */
export function rowsText(e: HistoryEntry): string {
  const plural = (n: number) => (n === 1 ? '' : 's');
  if (e.affectedRows !== undefined) return `${e.affectedRows} row${plural(e.affectedRows)} changed`;
  const rows = e.rows ?? 0;
  return `${rows} row${plural(rows)}`;
}

const codeLanguage = (language: string | undefined) =>
  language === undefined || language === 'sql' ? 'sql' : language === 'javascript' ? 'javascript' : 'typescript';

/** The view's items for a notebook's history at time `now`; `time` writes a run's start for the tooltip. */
export function historyItems(
  entries: readonly HistoryEntry[],
  now: number,
  time: (at: number) => string = (at) => new Date(at).toLocaleString(),
): HistoryItem[] {
  return entries.map((e, index) => {
    const when = ago(now - e.at);
    const error = e.error ?? 'failed';
    const mode = e.mode === 'writes' ? 'writing, committed' : 'read-only, rolled back';
    const outcome = e.ok
      ? `**${escapeMarkdown(rowsText(e))}** in ${escapeMarkdown(duration(e.durationMs))} (${escapeMarkdown(mode)})`
      : `**Failed** after ${escapeMarkdown(duration(e.durationMs))}: ${escapeMarkdown(error)}`;
    // a TypedSQL run's values: two runs of one query told apart
    const values = e.typedSql?.values.length
      ? `\n\nWith ${e.typedSql.values.map((v, i) => `${i + 1}: ${escapeMarkdown(JSON.stringify(v))}`).join(', ')}`
      : '';
    return {
      index,
      label: firstLine(e.sql),
      description: e.ok ? `${rowsText(e)} · ${duration(e.durationMs)} · ${when}` : `${error} · ${when}`,
      tooltip: `${codeBlock(e.sql, codeLanguage(e.language))}\n${outcome}${values}\n\nRan ${escapeMarkdown(time(e.at))} (${escapeMarkdown(when)})`,
      icon: e.ok ? { id: 'pass', color: 'testing.iconPassed' } : { id: 'error', color: 'testing.iconFailed' },
      contextValue: e.ok ? 'historyRun.ok' : 'historyRun.failed',
    };
  });
}
