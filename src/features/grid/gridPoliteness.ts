// Two things the grid host does to every panel: error text posted to the webview is masked (a driver's
// message can quote the connection URL), and on a production database the total of a whole table comes
// from the database's statistics, not a COUNT(*) scan, unless the user allowed background queries there.
import * as vscode from 'vscode';
import { maskSecrets } from '../../core/util/maskSecrets';
import type { HostMessage } from '../../shared/protocol/messages';
import { backgroundQueriesAllowed } from '../connections/production';
import type { OpenedSession } from './gridSessions';

/** The message with the text of its errors masked (rows are the user's data and are left as they are). */
export function maskErrorText(message: HostMessage): HostMessage {
  if (message.type === 'error') return { ...message, message: maskSecrets(message.message) };
  if (message.type === 'saved' && !message.result.ok)
    return {
      ...message,
      result: {
        ...message.result,
        errors: message.result.errors.map((e) => ({ ...e, message: maskSecrets(e.message) })),
      },
    };
  return message;
}

/** Production: an unfiltered view shows the estimate whatever the table's size; **Count** still counts. */
export function politeTotals(opened: OpenedSession): { estimateFrom?: number } {
  if (!opened.production) return {};
  return backgroundQueriesAllowed(vscode.Uri.file(opened.schema.root.schemaPath)) ? {} : { estimateFrom: 0 };
}
