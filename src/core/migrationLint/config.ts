// The project's lint configuration, one file read alike by the extension and the CLI (issue #19 item 4):
// `prisma-workbench-lint.json` next to the schema's folder or in the project folder, with rule severities
// and the "filled table" threshold. Problems in it are reported in words with where they are; the valid
// parts still apply. schemas/migration-lint.schema.json describes the same shape for VS Code's completion.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RULE_IDS, isRuleId } from './rules';
import type { RuleId, Severity } from './types';

export const LINT_CONFIG_FILE = 'prisma-workbench-lint.json';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'off'];
const KEYS = ['$schema', 'rules', 'filledTableRows'];

export interface LintConfigProblem {
  /** What is wrong, e.g. `rules: "drop-colum" is not a rule (did you mean "drop-column"?)`. */
  readonly message: string;
  /** Offset in the file's text of what it is about (0 when it is about the whole file). */
  readonly offset: number;
}

export interface LintConfig {
  /** The file read (absolute); undefined when the project has none. */
  readonly file?: string;
  readonly severities: Partial<Record<RuleId, Severity>>;
  /** Tables with fewer rows (in the connected database) are not "filled": see LintOptions.filledTableRows. */
  readonly filledTableRows?: number;
  readonly problems: readonly LintConfigProblem[];
}

const NONE: LintConfig = { severities: {}, problems: [] };

/**
 * The configuration file of a migrations folder: `prisma-workbench-lint.json` in the folder above it (next
 * to the schema), else in each folder above that, up to the project folder (the first one with a
 * package.json, a prisma.config.ts or a .git).
 */
export function findLintConfig(migrationsDir: string): string | undefined {
  let dir = path.dirname(path.resolve(migrationsDir));
  for (;;) {
    const file = path.join(dir, LINT_CONFIG_FILE);
    if (existsSync(file)) return file;
    if (['package.json', 'prisma.config.ts', '.git'].some((f) => existsSync(path.join(dir, f)))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The configuration that applies to a migrations folder (no file: none, no problems). */
export function loadLintConfig(migrationsDir: string): LintConfig {
  const file = findLintConfig(migrationsDir);
  if (!file) return NONE;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { file, severities: {}, problems: [{ message: `cannot be read (${firstLine(e)})`, offset: 0 }] };
  }
  return parseLintConfig(text, file);
}

export function parseLintConfig(text: string, file?: string): LintConfig {
  const problems: LintConfigProblem[] = [];
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { file, severities: {}, problems: [{ message: `not valid JSON (${firstLine(e)})`, offset: 0 }] };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return {
      file,
      severities: {},
      problems: [{ message: 'not a JSON object: write { "rules": { "rule-id": "warning" } }', offset: 0 }],
    };
  const where = (key: string) => Math.max(0, text.indexOf(JSON.stringify(key)));
  const o = json as Record<string, unknown>;
  for (const key of Object.keys(o))
    if (!KEYS.includes(key))
      problems.push({
        message: `"${key}" is not a setting${hint(key, KEYS)} (settings: rules, filledTableRows)`,
        offset: where(key),
      });
  const severities: Partial<Record<RuleId, Severity>> = {};
  if (o.rules !== undefined) {
    if (o.rules === null || typeof o.rules !== 'object' || Array.isArray(o.rules))
      problems.push({ message: 'rules must be an object: { "rule-id": "warning" }', offset: where('rules') });
    else
      for (const [rule, value] of Object.entries(o.rules as Record<string, unknown>)) {
        if (!isRuleId(rule)) {
          problems.push({ message: `rules: "${rule}" is not a rule${hint(rule, RULE_IDS)}`, offset: where(rule) });
          continue;
        }
        if (typeof value !== 'string' || !(SEVERITIES as readonly string[]).includes(value)) {
          problems.push({
            message: `rules.${rule}: ${JSON.stringify(value)} is not a severity (use ${SEVERITIES.join(', ')})`,
            offset: where(rule),
          });
          continue;
        }
        severities[rule] = value as Severity;
      }
  }
  let filledTableRows: number | undefined;
  if (o.filledTableRows !== undefined) {
    const n = o.filledTableRows;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0) filledTableRows = n;
    else
      problems.push({
        message: `filledTableRows: ${JSON.stringify(n)} is not a whole number of rows (0 or more)`,
        offset: where('filledTableRows'),
      });
  }
  return { file, severities, ...(filledTableRows === undefined ? {} : { filledTableRows }), problems };
}

/**
 * The severities the lint uses: the file's (the team's, shared with CI) win for the rules it names; the
 * user's settings apply to the others.
 */
export function mergeSeverities(
  config: LintConfig,
  settings: Partial<Record<RuleId, Severity>>,
): Partial<Record<RuleId, Severity>> {
  return { ...settings, ...config.severities };
}

/** `file: problem` lines, the file shown relative to `cwd` when given. */
export function describeProblems(config: LintConfig, cwd?: string): string[] {
  const name = config.file ? (cwd ? path.relative(cwd, config.file) || config.file : config.file) : LINT_CONFIG_FILE;
  return config.problems.map((p) => `${name}: ${p.message}`);
}

/** ` (did you mean "x"?)` for a near miss (at most two edits), else ''. */
function hint(word: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = distance(word, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}
