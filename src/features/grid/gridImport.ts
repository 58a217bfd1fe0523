// "Import…" into a model: pick a CSV or JSON file, read it as a stream and check every value with the grid's
// codecs (core/data/importStream.ts, importPlan.ts), show a preview (row count, mapping, first rows, every
// problem with its row and column) in a read-only document, ask to confirm, then read it again and write
// it batch by batch in one transaction, with progress and Cancel (which rolls it back). Memory holds one
// batch, not the file.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InsertResult } from '../../core/data/dataSession';
import {
  describeIssue,
  importFormatOf,
  importPreviewText,
  ImportParseError,
  type ImportFormat,
} from '../../core/data/importPlan';
import { checkImportFile, importBatches } from '../../core/data/importStream';
import { modelMeta } from '../../core/data/modelMeta';
import { findBlock } from '../../core/schema/query';
import type { HostMessage } from '../../shared/protocol/messages';
import type { ModelMeta } from '../../shared/protocol/model';
import type { Log } from '../../host/log';
import type { GridPanel } from './gridPanel';
import type { GridSessions, OpenedSession } from './gridSessions';
import type { ImportPreviews } from './importPreviews';

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export interface ImportRequest {
  opened: OpenedSession;
  meta: ModelMeta;
  readOnly: { readOnly: boolean; forced: boolean };
  log: Log;
  previews: ImportPreviews;
  /** The file to import; without it the user picks one. */
  source?: string;
  /** true: no confirmation dialog (tests, scripted use); false: preview only, nothing written. */
  confirm?: boolean;
}

/** What an import did, for callers (the grid refreshes, tests read it). */
export interface ImportOutcome {
  model: string;
  file?: string;
  rows: number;
  /** Every problem found, in words; nothing is written when there is one. */
  problems: string[];
  ignored: string[];
  preview?: vscode.Uri;
  /** Set when rows were written, or the write failed or was cancelled. */
  result?: InsertResult;
  /** Why nothing was attempted (read-only, cancelled, unreadable file). */
  refused?: string;
}

export async function runImport(req: ImportRequest): Promise<ImportOutcome> {
  const { meta, opened } = req;
  const outcome = (extra: Partial<ImportOutcome>): ImportOutcome => ({
    model: meta.name,
    rows: 0,
    problems: [],
    ignored: [],
    ...extra,
  });
  if (req.readOnly.readOnly) {
    const refused = req.readOnly.forced
      ? `This database is marked production: ${meta.name} is read-only, nothing was imported.`
      : `The grid is read-only: nothing was imported into ${meta.name}. Turn read-only off first.`;
    if (req.confirm === undefined) void vscode.window.showWarningMessage(refused);
    return outcome({ refused });
  }
  let file = req.source;
  if (!file) {
    const picked = await vscode.window.showOpenDialog({
      title: `Import into ${meta.name}`,
      openLabel: 'Preview import',
      canSelectMany: false,
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      filters: { 'CSV or JSON': ['csv', 'json'] },
    });
    if (!picked?.[0]) return outcome({ refused: 'No file was picked.' });
    file = picked[0].fsPath;
  }
  const format: ImportFormat | undefined = importFormatOf(file);
  if (!format)
    throw new Error(`${path.basename(file)} is neither .csv nor .json: pick a CSV or JSON file (as the grid exports).`);
  let checked: Awaited<ReturnType<typeof checkImportFile>>;
  try {
    // read as a stream, one row at a time (a JSON file whole, up to its limit): see core/data/importStream.ts
    checked = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Checking ${path.basename(file)} for ${meta.name}`,
        cancellable: true,
      },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        let last = 0;
        try {
          return await checkImportFile(meta, file, format, opened.session.nulls, {
            signal: abort.signal,
            onProgress: (read, size) => {
              const pct = size ? (read / size) * 100 : 0;
              progress.report({ message: `${mb(read)} of ${mb(size)}`, increment: pct - last });
              last = pct;
            },
          });
        } finally {
          sub.dispose();
        }
      },
    );
  } catch (e) {
    if (e instanceof ImportParseError) {
      if (req.confirm === undefined)
        void vscode.window.showErrorMessage(`${e.message} Nothing was imported into ${meta.name}.`);
      return outcome({ file, refused: e.message });
    }
    if (e instanceof Error && e.name === 'AbortError')
      return outcome({ file, refused: 'The import was cancelled while the file was checked: nothing was imported.' });
    throw e;
  }
  const plan = checked.summary;
  const problems = [...plan.errors.map(describeIssue), ...(plan.moreErrors ? [`… and ${plan.moreErrors} more`] : [])];
  const base = { file, rows: plan.rowCount, problems, ignored: plan.ignored };
  const preview = req.previews.add(meta.name, importPreviewText(plan, path.basename(file)));
  if (req.confirm === undefined)
    await vscode.window.showTextDocument(preview, {
      viewColumn: vscode.ViewColumn.Beside,
      preview: true,
      preserveFocus: true,
    });
  if (problems.length) {
    if (req.confirm === undefined) {
      void vscode.window.showErrorMessage(
        `Nothing was imported: ${problems.length === 1 ? 'one value does' : `${plan.errors.length + plan.moreErrors} values do`} not fit ${meta.name}.`,
        {
          modal: true,
          detail: `${problems.slice(0, 8).join('\n')}${problems.length > 8 ? `\n… every problem is listed in the preview.` : ''}\n\nFix the file and import it again.`,
        },
      );
    }
    return outcome({ ...base, preview });
  }
  if (req.confirm === false) return outcome({ ...base, preview });
  if (req.confirm === undefined) {
    const columns = plan.mapping.map((m) => m.field).join(', ');
    const choice = await vscode.window.showInformationMessage(
      `Import ${plan.rowCount.toLocaleString('en-US')} row${plan.rowCount === 1 ? '' : 's'} into ${meta.name}?`,
      {
        modal: true,
        detail: `From ${path.basename(file)} into ${opened.database}.\nColumns: ${columns}.${plan.ignored.length ? `\nLeft out (no such field): ${plan.ignored.join(', ')}.` : ''}\nEvery value was checked. All rows are written in one transaction: all or nothing.`,
      },
      'Import',
    );
    if (choice !== 'Import') return outcome({ ...base, preview, refused: 'The import was cancelled.' });
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Importing into ${meta.name}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        let last = 0;
        // the file is read again and written batch by batch in one transaction (core/data/importStream.ts)
        const batches = () => importBatches(meta, file, checked, opened.session.nulls);
        return await opened.session.insertBatches(meta, batches(), {
          signal: abort.signal,
          again: batches,
          onProgress: (done) => {
            progress.report({
              message: `${done.toLocaleString('en-US')} of ${plan.rowCount.toLocaleString('en-US')} rows`,
              increment: ((done - last) / plan.rowCount) * 100,
            });
            last = done;
          },
        });
      } finally {
        sub.dispose();
      }
    },
  );
  if (result.ok) {
    req.log.info(`imported ${result.inserted} rows into ${meta.name} from ${file} in ${result.ms} ms`);
    if (req.confirm === undefined)
      void vscode.window.showInformationMessage(
        `Imported ${result.inserted.toLocaleString('en-US')} rows into ${meta.name} in one transaction.`,
      );
  } else {
    req.log.warn(`import into ${meta.name} from ${file}: ${result.message}`);
    if (req.confirm === undefined)
      void vscode.window.showErrorMessage(
        `${result.message}${result.column ? ` (column ${result.column})` : ''}${result.aborted ? '' : ' Fix the file and import it again.'}`,
      );
  }
  return outcome({ ...base, preview, result });
}

export type ImportOptions = Pick<ImportRequest, 'source' | 'confirm'>;

export interface ImportHost {
  sessions: GridSessions;
  log: Log;
  importPreviews: ImportPreviews;
  openPanels: readonly GridPanel[];
}

/** Imports into `model` of a schema; through its open panel when there is one (its read-only toggle applies, its rows refresh). */
export async function importIntoModel(
  host: ImportHost,
  schemaId: string,
  model: string,
  options: ImportOptions,
  panel?: GridPanel,
): Promise<ImportOutcome> {
  const schema = host.sessions.schemaById(schemaId);
  if (!schema) throw new Error('The schema is no longer in the workspace.');
  if (!findBlock(schema.doc, model, 'model'))
    throw new Error(`${model} is not a model of ${schema.label}: only models take imports (views are read-only).`);
  const opened = await host.sessions.open(schema);
  const shown = panel ?? host.openPanels.find((p) => p.schemaId === schemaId && p.model === model);
  const setting = vscode.workspace.getConfiguration('prismaWorkbench.data').get<boolean>('readOnly', false);
  const readOnly = shown
    ? await shown.readOnlyState()
    : { readOnly: setting || opened.production, forced: opened.production };
  const outcome = await runImport({
    opened,
    meta: modelMeta(opened.schema.doc, model),
    readOnly,
    log: host.log,
    previews: host.importPreviews,
    ...options,
  });
  // the panel that asked refreshes itself; one that is merely open is told to
  if (outcome.result?.ok && shown && !panel)
    void shown.panel.webview.postMessage({ type: 'refresh' } satisfies HostMessage);
  return outcome;
}
