// The rules the history check (historyConflicts.ts) reports: a file of its own so that the Migrations tree can
// tell branch conflicts apart without loading the check.
import type { RuleId } from '../types';

export const HISTORY_RULES: readonly RuleId[] = ['migration-order', 'conflicting-migrations', 'lock-provider-changed'];
