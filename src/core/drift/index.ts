// Drift: where the schema, the migrations and the database disagree, placed on schema lines.
export { checkDrift, comparisonsFor, DriftCancelled, hasMigrations, stateOf } from './check';
export type { DriftInputs, DriftMode, DriftReport, DriftState } from './check';
export { classifyError } from './errors';
export type { DriftError, DriftErrorKind } from './errors';
export { describe, toFindings } from './findings';
export type { Comparison, DriftFinding } from './findings';
export { databaseFingerprint } from './fingerprint';
export { datasourceSpot, locate } from './locate';
export type { SchemaSpot } from './locate';
export { lockedProvider, providerMismatch } from './lockProvider';
export { parseDiffSummary } from './summary';
export type { DiffItem, DiffItemKind } from './summary';
export { addedFieldInserts } from './pullFields';
export type { FieldInsert } from './pullFields';
