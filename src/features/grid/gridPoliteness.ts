// On a production database the total of a whole table comes
// from the database's statistics, not a COUNT(*) scan, unless the user allowed background queries there.
import * as vscode from 'vscode';
import { backgroundQueriesAllowed } from '../connections/production';
import type { OpenedSession } from './gridSessions';

/** Production: an unfiltered view shows the estimate whatever the table's size; **Count** still counts. */
export function politeTotals(opened: OpenedSession): { estimateFrom?: number } {
  if (!opened.production) return {};
  return backgroundQueriesAllowed(vscode.Uri.file(opened.schema.root.schemaPath)) ? {} : { estimateFrom: 0 };
}
