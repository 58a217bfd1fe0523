// Auto-pull for introspection-only projects (another tool migrates, Prisma only introspects): when watch
// mode sees the database change and the schema now differs from it, the database is pulled into the
// schema. Never silently over the user's work: not with unsaved changes, not when our normalised copy of
// the schema differs from the file (a Prisma 5/6 url line the pull would lose), not twice for one state.
import type { SchemaFile } from '../engine/embeddedSchemaEngine';
import { parseSchema } from '../schema/parse';
import type { DriftReport } from './check';
import type { Block } from '../schema/model';

/** The reason the drift controller gives a check started by watch mode's fingerprint change. */
export const WATCH_REASON = 'database changed';

/**
 * True when a check found the database other than the last check or watch tick had seen it: a database change,
 * whichever check noticed it first. Not on the first look (nothing to compare with) nor without a fingerprint.
 */
export function databaseMoved(previous: string | undefined, now: string | undefined): boolean {
  return previous !== undefined && now !== undefined && now !== previous;
}

export interface AutoPullInputs {
  readonly enabled: boolean;
  /** Why the check ran: only a watch-mode database change pulls. */
  readonly reason: string;
  readonly report: DriftReport | undefined;
  /** Schema files with unsaved changes in an editor. */
  readonly dirtyFiles: readonly string[];
  /** False when the copy the engine introspects differs from the files (url lines removed, preview features dropped). */
  readonly normalizedUnchanged: boolean;
}

export type AutoPullDecision =
  | { readonly pull: true }
  /** `tell`: the user would expect a pull and should hear why there was none. */
  | { readonly pull: false; readonly why: string; readonly tell: boolean };

export function autoPullDecision(i: AutoPullInputs): AutoPullDecision {
  const no = (why: string, tell = false): AutoPullDecision => ({ pull: false, why, tell });
  if (!i.enabled) return no('auto-pull is off');
  if (i.reason !== WATCH_REASON) return no('only a database change seen by watch mode pulls');
  const r = i.report;
  if (!r || r.error) return no('the check did not complete');
  if (!r.comparisons.includes('schemaDatabase')) return no('the project has migrations: pulling would bypass them');
  if (!r.findings.some((f) => f.comparison === 'schemaDatabase')) return no('the schema matches the database');
  if (i.dirtyFiles.length)
    return no(
      `${i.dirtyFiles.length === 1 ? 'the schema file has' : `${i.dirtyFiles.length} schema files have`} unsaved changes`,
      true,
    );
  if (!i.normalizedUnchanged)
    return no(
      'the schema has settings a pull would drop (a datasource url or preview features this engine does not know)',
      true,
    );
  return { pull: true };
}

/** Lines that differ between two versions of a file (a rough size of the change, for the notification). */
export function changedLines(before: string, after: string): number {
  const a = before.split(/\r?\n/);
  const b = after.split(/\r?\n/);
  const count = new Map<string, number>();
  for (const l of a) count.set(l, (count.get(l) ?? 0) + 1);
  let common = 0;
  for (const l of b) {
    const n = count.get(l) ?? 0;
    if (n > 0) {
      common++;
      count.set(l, n - 1);
    }
  }
  return a.length - common + (b.length - common);
}

/**
 * When all the database gained is fields on models the schema has (the usual change another tool makes),
 * the pulled field lines are inserted into the files as they are, instead of the files being replaced by
 * the pulled ones: Prisma's introspection keeps only `///` doc comments, so a whole-file pull would drop
 * the user's `//` comments and layout. Compared by structure, not by the engine's diff (SQLite reports a
 * column the schema lacks as a redefined table): every block of the pulled schema must be in the files
 * with the same fields and block attributes, written the same up to spacing and `//` comments, apart from
 * fields the files lack. Undefined when anything else differs: then the pulled files are used whole.
 */
export function mergeDatabaseColumns(
  current: readonly SchemaFile[],
  pulled: readonly SchemaFile[],
): SchemaFile[] | undefined {
  const mine = new Map(
    parseSchema([...current])
      .blocks.filter(comparable)
      .map((b) => [`${b.kind} ${b.name}`, b]),
  );
  const theirs = parseSchema([...pulled]).blocks.filter(comparable);
  if (theirs.length !== mine.size) return undefined;
  const inserts: { file: string; line: number; text: string; order: number }[] = [];
  for (const tb of theirs) {
    const mb = mine.get(`${tb.kind} ${tb.name}`);
    const attrs = (b: Block) => b.attributes.map((a) => `@@${a.name}(${a.args ?? ''})`);
    if (!mb || !sameLines(attrs(mb), attrs(tb))) return undefined;
    if (
      !sameLines(
        mb.values.map((v) => v.sourceLine),
        tb.values.map((v) => v.sourceLine),
      )
    )
      return undefined;
    const mineFields = new Map(mb.fields.map((f) => [f.name, f]));
    if (mb.fields.some((f) => !tb.fields.some((t) => t.name === f.name))) return undefined; // a field the database no longer has
    const last = mb.fields[mb.fields.length - 1];
    for (const tf of tb.fields) {
      const mf = mineFields.get(tf.name);
      if (mf && normalized(mf.sourceLine) !== normalized(tf.sourceLine)) return undefined;
      if (!mf)
        inserts.push({
          file: mb.location.file,
          line: last ? last.location.range.end.line + 1 : mb.location.nameRange.start.line + 1,
          text: `  ${tf.sourceLine}`,
          order: inserts.length,
        });
    }
  }
  if (inserts.length === 0) return undefined;
  return current.map((f) => {
    // a CRLF file (Windows, git autocrlf) gets CRLF lines: the pulled text is LF
    const eol = f.content.includes('\r\n') ? '\r\n' : '\n';
    const lines = f.content.split(eol);
    // bottom up, so earlier line numbers stay right; at one line, the last first, so they keep their order
    for (const ins of inserts.filter((i) => i.file === f.path).sort((a, b) => b.line - a.line || b.order - a.order))
      lines.splice(ins.line, 0, ins.text.replace(/\r$/, ''));
    return { path: f.path, content: lines.join(eol) };
  });
}

const comparable = (b: Block): boolean => b.kind !== 'datasource' && b.kind !== 'generator';
/** A line as Prisma means it: a `//` comment (outside strings) and spacing do not count. */
function normalized(line: string): string {
  let inString = false;
  let end = line.length;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '/' && line[i + 1] === '/') {
      end = i;
      break;
    }
  }
  return line.slice(0, end).replace(/\s+/g, ' ').trim();
}
const sameLines = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((l, i) => normalized(l) === normalized(b[i]));
