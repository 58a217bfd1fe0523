// What the grid's status line says after a save: how much was written, which rows changed in the
// database since they were read, or why nothing was saved. A save never half-applies (one transaction),
// and pending edits are kept whenever nothing was saved.
import type { SaveResult } from '../../src/shared/protocol/messages';
import { lostConnection } from './readFailure';

export function saveResultText(result: SaveResult): string {
  if (result.ok)
    return `Saved in one transaction: ${result.updated} updated, ${result.inserted} added, ${result.deleted} deleted${result.linked ? `, ${result.linked} link(s) changed` : ''} (${result.ms} ms).`;
  if (result.conflicts.length)
    return `Nothing was saved: ${result.conflicts.length} row(s) changed in the database since you read them (outlined). Your edits are kept; Refresh to see the current values.`;
  const words = result.errors.map((e) => (e.column ? `${e.column}: ${e.message}` : e.message)).join(' · ');
  // the database went away during the save: nothing was written (one transaction), the edits wait
  return result.errors.every((e) => !e.column && lostConnection.test(e.message))
    ? saveFailureText(words)
    : `Nothing was saved: ${words}`;
}

/** A save the host could not finish (the database dropped or hung, a lock held too long). */
export function saveFailureText(message: string): string {
  const detail = message.trim().replace(/\.$/, '');
  return lostConnection.test(message)
    ? `Nothing was saved: the database did not answer (${detail}). Your edits are kept; Save again when it is back.`
    : `Nothing was saved: ${detail}. Your edits are kept.`;
}
