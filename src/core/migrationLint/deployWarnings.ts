// What the Migrations tree and a production "Migrate Deploy" say about the pending migrations' lint
// findings: the migrations that carry errors or warnings, and one plain-text list of them.
import type { MigrationLint } from './lintDirectory';
import type { LintFinding } from './types';

export interface PendingFindings {
  readonly name: string;
  readonly findings: readonly LintFinding[];
}

/** Findings that should hold up a deploy: errors and warnings of the given (pending) migrations. */
export function blockingFindings(
  lints: readonly MigrationLint[],
  names: readonly string[],
): { name: string; findings: LintFinding[] }[] {
  return lints
    .filter((l) => names.includes(l.name))
    .map((l) => ({
      name: l.name,
      findings: l.findings.filter((f) => f.severity === 'error' || f.severity === 'warning'),
    }))
    .filter((l) => l.findings.length > 0);
}

/** Errors and warnings of the named (pending) migrations, in migration order. */
export function pendingFindings(lints: readonly MigrationLint[], pendingNames: readonly string[]): PendingFindings[] {
  return blockingFindings(lints, pendingNames);
}

/** `2 errors, 1 warning`. */
export function countText(findings: readonly LintFinding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const part = (n: number, what: string) => (n ? `${n} ${what}${n === 1 ? '' : 's'}` : '');
  return [part(errors, 'error'), part(warnings, 'warning')].filter(Boolean).join(', ');
}

/**
 * The list a production deploy confirmation shows: each pending migration with its findings, at most
 * `perMigration` findings each (then how many more), rule id first.
 */
export function deployFindingsText(pending: readonly PendingFindings[], perMigration = 5): string {
  const lines: string[] = [];
  for (const p of pending) {
    lines.push(`${p.name} (${countText(p.findings)}):`);
    for (const f of p.findings.slice(0, perMigration)) lines.push(`  • ${f.severity} ${f.rule}: ${f.message}`);
    if (p.findings.length > perMigration) lines.push(`  … and ${p.findings.length - perMigration} more`);
  }
  return lines.join('\n');
}

/** One line for the confirmation's title. */
export function deployFindingsTitle(pending: readonly PendingFindings[]): string {
  const all = pending.flatMap((p) => p.findings);
  return `${pending.length} pending migration${pending.length === 1 ? '' : 's'} ${pending.length === 1 ? 'carries' : 'carry'} migration lint findings (${countText(all)})`;
}
