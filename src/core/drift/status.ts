// The drift status-bar words for the active schema: what its last check found, or why it had none.
// A schema with no database URL at all (a cloned project without its .env) is schema-only mode, not a
// failure: "no database", in the neutral colour, and a click adds a connection.
import type { DriftReport, DriftState } from './check';

export interface DriftStatusInput {
  /** The schema's label in the workspace. */
  label: string;
  report?: Pick<DriftReport, 'state' | 'pending' | 'error'>;
  /** Why the schema's database gets no drift check (a provider without a connector). */
  unchecked?: string;
  /** Why the schema has no database to check: no URL set anywhere (schema-only mode). */
  noDatabase?: string;
  /** Restricted Mode: the words that say nothing is read until the folder is trusted. */
  restricted?: string;
  /** Why watch mode does not poll this database (a production database), when watch mode is on. */
  watchOff?: string;
  /** Watch mode's words while its polls of this database fail (it backs off and tries again). */
  watchFailing?: string;
}

export interface DriftStatus {
  /** Status-bar text, with its codicon. */
  text: string;
  tooltip: string;
  /** `warning`: the warning background; `neutral`: the status bar's own colours. */
  tone: 'neutral' | 'warning';
  /** Value of the `prismaWorkbench.drift.state` context key. */
  state: DriftState | 'unchecked' | 'noDatabase';
  /** What a click does: the details of the check, adding a connection, or the workspace trust editor. */
  action: 'showDetails' | 'addConnection' | 'manageTrust';
}

const WORDS: Record<DriftState, [string, string]> = {
  inSync: ['$(check)', 'in sync'],
  pending: ['$(cloud-upload)', 'pending'],
  failed: ['$(error)', 'failed migration'],
  drift: ['$(warning)', 'drift'],
  unmigrated: ['$(edit)', 'schema changes not migrated'],
  schemaDiffers: ['$(diff)', 'schema differs from database'],
  providerMismatch: ['$(warning)', 'provider differs from migration_lock.toml'],
  error: ['$(debug-disconnect)', 'database unreachable'],
};

/** The status for a schema; undefined when there is nothing to show (not checked yet, or checks off). */
export function driftStatus(input: DriftStatusInput): DriftStatus | undefined {
  const { label, report } = input;
  if (!report && input.restricted) {
    return {
      text: `$(workspace-untrusted) ${input.restricted}`,
      tooltip: `${label}: drift is not checked in Restricted Mode. Click to manage workspace trust.`,
      tone: 'neutral',
      state: 'unchecked',
      action: 'manageTrust',
    };
  }
  if (!report && input.noDatabase) {
    return {
      text: '$(database) Prisma: no database',
      tooltip: `${label}: schema-only mode — ${input.noDatabase}\nClick to add a connection.`,
      tone: 'neutral',
      state: 'noDatabase',
      action: 'addConnection',
    };
  }
  if (!report && input.unchecked) {
    return {
      text: '$(circle-slash) Prisma: drift not checked',
      tooltip: `${label}: ${input.unchecked}`,
      tone: 'neutral',
      state: 'unchecked',
      action: 'showDetails',
    };
  }
  if (!report) return undefined;
  const [icon, words] = WORDS[report.state];
  const text =
    report.state === 'pending'
      ? `${report.pending.length} pending`
      : report.state === 'error' && report.error?.kind !== 'unreachable'
        ? 'drift check failed'
        : words;
  const { watchOff, watchFailing } = input;
  return {
    text: `${icon} Prisma: ${text}${watchOff ? ' · watch off (production)' : watchFailing ? ' · watch retrying' : ''}`,
    tooltip: `${label}: ${text}${report.error ? `\n${report.error.message}` : ''}${watchOff ? `\nWatch mode does not poll this database: ${watchOff}.` : watchFailing ? `\n${watchFailing}` : ''}\nClick for details.`,
    tone: report.state === 'inSync' || report.state === 'pending' ? 'neutral' : 'warning',
    state: report.state,
    action: 'showDetails',
  };
}
