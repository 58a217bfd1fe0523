// Optional auto-pull (prismaWorkbench.drift.autoPull) for introspection-only projects: when watch mode
// sees the database change and the schema differs from it, the database is pulled into the schema as
// one undoable WorkspaceEdit, saved, and the user is told, with "Show Diff" (before ↔ now) and "Undo".
// Never over unsaved changes (then the user is told and offered the diff instead).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { autoPullDecision, changedLines, mergeDatabaseColumns } from '../../core/drift/autoPull';
import { normalizeForPrisma7 } from '../../core/schema/normalize';
import { Disposable } from '../../host/disposable';
import type { Log } from '../../host/log';
import type { WorkspaceSchema } from '../../host/workspaceSchemas';
import type { DriftController } from './driftController';

const BEFORE_SCHEME = 'prisma-workbench-before-pull';

export interface PulledFile {
  readonly target: string;
  readonly content: string;
}

export interface AutoPullResult {
  readonly schemaId: string;
  /** Why the check ran (only watch mode's database changes can pull). */
  readonly reason: string;
  readonly pulled: boolean;
  /** Why nothing was pulled. */
  readonly why?: string;
  /** Files as they were before the pull (what Undo restores). */
  readonly before: readonly PulledFile[];
  readonly after: readonly PulledFile[];
}

export class AutoPull extends Disposable {
  private readonly before = new Map<string, string>();
  private readonly beforeChanged = this.register(new vscode.EventEmitter<vscode.Uri>());
  private readonly done = this.register(new vscode.EventEmitter<AutoPullResult>());
  /** Fires after each decision on a watch-mode report (tests wait on it). */
  readonly onDidDecide = this.done.event;
  private last: AutoPullResult | undefined;

  constructor(
    drift: DriftController,
    private readonly log: Log,
    private readonly pull: (schema: WorkspaceSchema) => Promise<PulledFile[]>,
    private readonly knownPreviewFeatures: () => Promise<string[]>,
    private readonly openPullDiff: (schema: WorkspaceSchema) => Thenable<unknown>,
  ) {
    super();
    this.register(
      vscode.workspace.registerTextDocumentContentProvider(BEFORE_SCHEME, {
        onDidChange: this.beforeChanged.event,
        provideTextDocumentContent: (uri) => this.before.get(uri.path) ?? '',
      }),
    );
    this.register(
      drift.onDidReport(
        ({ schema, reason, report }) =>
          void this.consider(schema, reason, report).catch((e: unknown) => {
            this.log.error(`auto-pull of ${schema.label} failed: ${e instanceof Error ? e.message : String(e)}`);
            void vscode.window.showErrorMessage(
              `Prisma: pulling the database into ${schema.label} failed: ${e instanceof Error ? e.message : String(e)}. Run "Pull the database into the schema" from the drift quick fixes to see the diff.`,
            );
          }),
      ),
    );
  }

  get lastResult(): AutoPullResult | undefined {
    return this.last;
  }

  private async consider(
    schema: WorkspaceSchema,
    reason: string,
    report: Parameters<typeof autoPullDecision>[0]['report'],
  ): Promise<void> {
    const enabled = vscode.workspace
      .getConfiguration('prismaWorkbench.drift', schema.folder?.uri ?? null)
      .get<boolean>('autoPull', false);
    if (!enabled) return;
    const files = schema.root.schemaFiles;
    const dirtyFiles = vscode.workspace.textDocuments
      .filter((d) => d.isDirty && files.includes(d.uri.fsPath))
      .map((d) => d.uri.fsPath);
    const normalized = normalizeForPrisma7(schema.files, await this.knownPreviewFeatures());
    const normalizedUnchanged = normalized.every((f, i) => f.content === schema.files[i]?.content);
    const decision = autoPullDecision({ enabled, reason, report, dirtyFiles, normalizedUnchanged });
    if (!decision.pull) {
      this.log.info(`auto-pull of ${schema.label}: not pulled, ${decision.why}`);
      this.settle({ schemaId: schema.root.id, reason, pulled: false, why: decision.why, before: [], after: [] });
      if (decision.tell) {
        const show = 'Show Diff';
        void vscode.window
          .showWarningMessage(
            `Prisma: the database changed, but ${schema.label} was not pulled automatically: ${decision.why}.`,
            show,
          )
          .then((c) => (c === show ? this.openPullDiff(schema) : undefined));
      }
      return;
    }
    const pulled = await this.pull(schema);
    // columns added on known models go into the files as they are (comments and layout kept); else the pulled files
    const current = files.map((f) => ({ path: f, content: readFileSync(f, 'utf8') }));
    const merged = mergeDatabaseColumns(
      current,
      pulled.map((f) => ({ path: f.target, content: f.content })),
    );
    const after: PulledFile[] = merged ? merged.map((f) => ({ target: f.path, content: f.content })) : pulled;
    // Prisma's introspection can give what does not validate (SQLite enums come back as String with an enum
    // type): such a schema is never written; the user gets the diff to decide.
    const { validateSchema } = await import('../../core/schema/validate');
    const invalid = validateSchema(
      after.map((f) => ({ path: f.target, content: f.content })),
      { normalize: true },
    ).filter((d) => d.severity === 'error');
    if (invalid.length) {
      const why = `the pulled schema would not validate (${invalid[0].message.split('\n')[0]}${invalid.length > 1 ? ` and ${invalid.length - 1} more` : ''})`;
      this.log.info(`auto-pull of ${schema.label}: not pulled, ${why}`);
      this.settle({ schemaId: schema.root.id, reason, pulled: false, why, before: [], after });
      const show = 'Show Diff';
      void vscode.window
        .showWarningMessage(
          `Prisma: the database changed, but ${schema.label} was not pulled automatically: ${why}.`,
          show,
        )
        .then((c) => (c === show ? this.openPullDiff(schema) : undefined));
      return;
    }
    const before: PulledFile[] = [];
    const edit = new vscode.WorkspaceEdit();
    for (const f of after) {
      const doc = await vscode.workspace.openTextDocument(f.target);
      if (doc.isDirty) throw new Error(`${path.basename(f.target)} got unsaved changes while the database was read`);
      if (doc.getText() === f.content) continue;
      before.push({ target: f.target, content: doc.getText() });
      edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), f.content, {
        label: 'Pull the database into the schema',
        needsConfirmation: false,
      });
    }
    if (before.length === 0) {
      this.settle({
        schemaId: schema.root.id,
        reason,
        pulled: false,
        why: 'the pulled schema is the same text',
        before,
        after,
      });
      return;
    }
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the editor refused the edit');
    await this.saveAll(before.map((b) => b.target));
    const lines = before.reduce(
      (n, b) => n + changedLines(b.content, after.find((a) => a.target === b.target)?.content ?? ''),
      0,
    );
    const names = before.map((b) => path.basename(b.target)).join(', ');
    this.log.info(`auto-pull of ${schema.label}: pulled the database into ${names} (${lines} line(s) changed)`);
    const result: AutoPullResult = { schemaId: schema.root.id, reason, pulled: true, before, after };
    this.settle(result);
    const diff = 'Show Diff';
    const undo = 'Undo';
    void vscode.window
      .showInformationMessage(
        `Prisma: the database changed; pulled it into ${names} (${lines} line${lines === 1 ? '' : 's'} changed).`,
        diff,
        undo,
      )
      .then(async (choice) => {
        if (choice === diff) await this.showDiff(result);
        if (choice === undo) await this.undo(result);
      });
  }

  /** Before ↔ now for each file the pull changed. */
  async showDiff(result = this.last): Promise<void> {
    if (!result?.pulled) return;
    for (const b of result.before) {
      const key = `/${encodeURIComponent(b.target)}`;
      this.before.set(key, b.content);
      const uri = vscode.Uri.from({ scheme: BEFORE_SCHEME, path: key });
      this.beforeChanged.fire(uri);
      await vscode.commands.executeCommand(
        'vscode.diff',
        uri,
        vscode.Uri.file(b.target),
        `${path.basename(b.target)}: before ↔ after the automatic pull`,
      );
    }
  }

  /** Puts the files back as they were before the pull (only those still as the pull left them). */
  async undo(result = this.last): Promise<boolean> {
    if (!result?.pulled) return false;
    const edit = new vscode.WorkspaceEdit();
    const changedSince: string[] = [];
    for (const b of result.before) {
      const doc = await vscode.workspace.openTextDocument(b.target);
      const pulled = result.after.find((a) => a.target === b.target)?.content;
      if (doc.getText() !== pulled) {
        changedSince.push(path.basename(b.target));
        continue;
      }
      edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), b.content, {
        label: 'Undo the automatic pull',
        needsConfirmation: false,
      });
    }
    if (changedSince.length) {
      void vscode.window.showWarningMessage(
        `Prisma: ${changedSince.join(', ')} changed after the automatic pull and was left as it is (use Edit → Undo there).`,
      );
    }
    if (edit.size === 0) return false;
    const ok = await vscode.workspace.applyEdit(edit);
    if (ok) await this.saveAll(result.before.map((b) => b.target));
    return ok;
  }

  private async saveAll(files: readonly string[]): Promise<void> {
    for (const f of files) await (await vscode.workspace.openTextDocument(f)).save();
  }

  private settle(result: AutoPullResult): void {
    if (result.pulled) this.last = result;
    this.done.fire(result);
  }
}
