// Runs drift checks per schema and shows them: diagnostics on schema lines (source "Prisma Workbench
// drift"), one status-bar item for the active schema, and watch mode polling a cheap database
// fingerprint. Checks are cancellable and the newest wins; failures are one diagnostic on the datasource.
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as vscode from 'vscode';
import type { SqlQueryable } from '@prisma/driver-adapter-utils';
import type { DriftMode, DriftReport } from '../../core/drift';
import { DriftReplayCache } from '../../core/drift/replayCache';
import type { Range } from '../../core/schema/model';
import { WATCH_REASON, databaseMoved } from '../../core/drift/autoPull';
import { MISSING_DATABASE } from '../../core/drift/fingerprint';
import { isCheckedProvider, uncheckedProviderReason } from '../../core/drift/providers';
import { driftStatus } from '../../core/drift/status';
import { normalizeForPrisma7 } from '../../core/schema/normalize';
import { maskSecrets } from '../../core/util/maskSecrets';
import { pollDatabase, PollTimer, WatchBackoff } from '../../core/drift/watchLoop';
import { parseSchema } from '../../core/schema/parse';
import { datasource } from '../../core/schema/query';
import { setContext } from '../../host/contextKeys';
import { Disposable } from '../../host/disposable';
import type { Log } from '../../host/log';
import { isTrusted, MANAGE_TRUST_COMMAND, RESTRICTED_MODE_TEXT } from '../../host/trust';
import type { WorkspaceSchema, WorkspaceSchemas } from '../../host/workspaceSchemas';
import { backgroundQueryRefusal } from '../connections/production';
import { databaseOf } from '../connections/schemaDatabase';
import { prismaDatabaseTaskRunning } from '../tasks/runningTasks';
import { schemaAtPath, schemaOfFile } from '../../core/discovery/schemaOfFile';

export const DRIFT_SOURCE = 'Prisma Workbench drift';

/** What a code action needs to know about a drift diagnostic. */
export interface DriftDiagnosticData {
  readonly schemaId: string;
  readonly kind:
    'finding' | 'pending' | 'failed' | 'edited' | 'missingLocally' | 'provider' | 'noMigrationsTable' | 'error';
  readonly comparison?: 'schemaMigrations' | 'migrationsDatabase' | 'schemaDatabase';
  readonly migration?: string;
}

interface Entry {
  report?: DriftReport;
  /** Why this schema's database gets no drift check (a provider the embedded engine has no connector for). */
  unchecked?: string;
  /** Why this schema has no database: no URL set anywhere (schema-only mode, not a failure). */
  noDatabase?: string;
  /** Bumped by every new check: an older check's result is dropped. */
  generation: number;
  cancel?: () => void;
  running?: Promise<DriftReport | undefined>;
  /** A check the user started, until it settles: an automatic check refused on production does not replace it. */
  userCheck?: Promise<DriftReport | undefined>;
  fingerprint?: string;
  connection?: Promise<SqlQueryable & { dispose(): Promise<void> }>;
  /** SQLite: device and inode of the file the connection opened (a file deleted and made again is another). */
  connectionFile?: string;
  /** The last migrations ↔ database result: no shadow replay while migrations and database are unchanged. */
  replayCache?: DriftReplayCache;
  /** Watch mode saw the database change and no check has reported since (a newer check may cancel its own). */
  watchChange?: boolean;
  /** Watch mode's failed polls of this database in a row, and when to ask it again. */
  backoff?: WatchBackoff;
}

/** Workspace-state key of a schema's kept replay cache. */
const cacheKey = (schemaId: string) => `prismaWorkbench.drift.cache:${schemaId}`;
/** Kept caches above this JSON size (characters) are not stored. */
const MAX_STORED_CACHE = 256 * 1024;

/** The reasons for a check the user started; every other check is automatic (saves, discovery, tasks, settings). */
const USER_STARTED = new Set(['command', 'record drift', 'drift recorded']);

export class DriftController extends Disposable {
  readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('prismaWorkbench.drift'));
  private readonly statusItem = this.register(
    vscode.window.createStatusBarItem('prismaWorkbench.drift', vscode.StatusBarAlignment.Left, 50),
  );
  private readonly entries = new Map<string, Entry>();
  /** Keyed by file, range and message: code actions receive copies of the diagnostics, not these objects. */
  private data = new Map<string, DriftDiagnosticData>();
  private watchTimer: PollTimer | undefined;
  /** The watch poll in flight: the timer does not start another while it runs. */
  private polling: Promise<string[]> | undefined;
  /** Per schema, the replay cache as last written to the workspace state (JSON). */
  private readonly storedText = new Map<string, string>();
  /** Whether the last watch tick was skipped because the window was not focused (logged when it flips). */
  private watchPaused: boolean | undefined;
  /** PostgreSQL checks keep their temporary shadow database between checks (dropped on dispose or after a minute idle). */
  private keptShadows = false;
  private readonly changed = this.register(new vscode.EventEmitter<string>());
  /** Fires with the schema id whenever a check finished and its diagnostics were published. */
  readonly onDidCheck = this.changed.event;
  private readonly reported = this.register(
    new vscode.EventEmitter<{ schema: WorkspaceSchema; reason: string; report: DriftReport | undefined }>(),
  );
  /** The same moment, with why the check ran and its report (auto-pull acts on watch-mode changes only). */
  readonly onDidReport = this.reported.event;

  /**
   * `store` keeps each schema's replay cache between sessions (workspace state, tagged with the extension's
   * and the engine's versions: another engine may answer differently): the first check after reopening the
   * editor, with nothing changed meanwhile, reads the fingerprint and skips both replays.
   */
  constructor(
    private readonly schemas: WorkspaceSchemas,
    private readonly log: Log,
    private readonly wasmPath: string | undefined,
    private readonly store?: { readonly state: vscode.Memento; readonly version: string },
  ) {
    super();
    this.statusItem.name = 'Prisma drift';
    this.statusItem.command = 'prismaWorkbench.drift.showDetails';
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('prismaWorkbench.drift')) {
          this.restartWatch();
          void this.checkAll('settings changed');
        } else if (e.affectsConfiguration('prismaWorkbench.production')) this.updateStatus();
      }),
    );
    this.register({ dispose: () => this.stopAll() });
    this.restartWatch();
  }

  dataOf(uri: vscode.Uri, d: vscode.Diagnostic): DriftDiagnosticData | undefined {
    if (d.source !== DRIFT_SOURCE) return undefined;
    return this.data.get(diagnosticKey(uri.fsPath, d.range, d.message));
  }

  reportOf(schemaId: string): DriftReport | undefined {
    return this.entries.get(schemaId)?.report;
  }

  /** Schemas of this workspace that have a report (removed schemas are left out). */
  checkedSchemaIds(): string[] {
    const known = new Set(this.schemas.schemas.map((s) => s.root.id));
    return [...this.entries].filter(([id, e]) => e.report && known.has(id)).map(([id]) => id);
  }

  schemaById(id: string | undefined): WorkspaceSchema | undefined {
    return (
      this.schemas.schemas.find((s) => s.root.id === id) ?? (id ? schemaAtPath(this.schemas.schemas, id) : undefined)
    );
  }

  /** The schema owning a file, or the active editor's, or the only one. */
  schemaFor(uri?: vscode.Uri): WorkspaceSchema | undefined {
    const all = this.schemas.schemas;
    const file = uri?.fsPath ?? vscode.window.activeTextEditor?.document.uri.fsPath;
    return schemaOfFile(all, file) ?? (all.length === 1 ? all[0] : undefined);
  }

  private config(schema?: WorkspaceSchema) {
    const c = vscode.workspace.getConfiguration('prismaWorkbench.drift');
    const r = vscode.workspace.getConfiguration('prismaWorkbench.drift', schema?.folder?.uri ?? null);
    return {
      enabled: c.get<boolean>('enabled', true),
      mode: r.get<DriftMode>('mode', 'auto'),
      severity: r.get<'error' | 'warning' | 'information' | 'hint'>('severity', 'warning'),
      watch: c.get<boolean>('watch', true),
      interval: Math.max(2, c.get<number>('watchInterval', 10)),
      /** The grid's limit for connecting and for one query serves drift and watch mode too. */
      timeoutMs:
        Math.max(1, vscode.workspace.getConfiguration('prismaWorkbench.data').get<number>('queryTimeoutSeconds', 30)) *
        1000,
    };
  }

  checkAll(reason: string): Promise<unknown> {
    return Promise.all(this.schemas.schemas.map((s) => this.check(s, reason)));
  }

  /** Runs a check; a newer check for the same schema cancels this one (which then resolves undefined). */
  check(schema: WorkspaceSchema, reason: string): Promise<DriftReport | undefined> {
    const entry = this.entry(schema.root.id);
    const userStarted = USER_STARTED.has(reason);
    // an automatic check that production refuses (a settings change, a save) leaves the user's own check running
    if (!userStarted && entry.userCheck && isTrusted() && this.watchRefusal(schema)) return entry.userCheck;
    entry.cancel?.();
    const generation = ++entry.generation;
    let cancelled = false;
    entry.cancel = () => {
      cancelled = true;
    };
    const run: Promise<DriftReport | undefined> = this.runCheck(
      schema,
      reason,
      () => cancelled || generation !== entry.generation,
    ).then(
      (report) => {
        // superseded: the caller gets the newest check's result instead
        if (generation !== entry.generation) return entry.running;
        if (this.isDisposed) return undefined;
        entry.report = report;
        if (report) this.storeCache(schema.root.id, entry.replayCache);
        // watch mode compares with what this check saw: a change made after it is the next tick's news
        const previous = entry.fingerprint;
        if (report?.fingerprint !== undefined) entry.fingerprint = report.fingerprint;
        this.publish();
        this.changed.fire(schema.root.id);
        // the first report after watch mode saw a change answers it, whichever check got there; so does a check
        // that found the database changed before watch mode's next tick could (that tick then sees nothing new)
        const watched =
          entry.watchChange === true || (this.config(schema).watch && databaseMoved(previous, report?.fingerprint));
        entry.watchChange = false;
        this.reported.fire({ schema, reason: watched ? WATCH_REASON : reason, report });
        return report;
      },
      (error: unknown) => {
        if (generation !== entry.generation) return entry.running;
        if (!(error instanceof Error && error.message === 'drift check cancelled'))
          this.log.error(error instanceof Error ? error : String(error));
        return undefined;
      },
    );
    entry.running = run;
    entry.userCheck = userStarted ? run : undefined;
    if (userStarted)
      void run.finally(() => {
        if (entry.userCheck === run) entry.userCheck = undefined;
      });
    return run;
  }

  private async runCheck(
    schema: WorkspaceSchema,
    reason: string,
    isCancelled: () => boolean,
  ): Promise<DriftReport | undefined> {
    const cfg = this.config(schema);
    const { checkDrift, classifyError, datasourceSpot } = await import('../../core/drift');
    const entry = this.entry(schema.root.id);
    entry.replayCache ??= this.storedCache(schema.root.id) ?? new DriftReplayCache();
    if (reason === 'command') entry.replayCache.clear(); // asked for by the user: everything afresh
    // an invalid schema: Prisma's validation reports it in the editor; a drift warning would only repeat it
    entry.unchecked = undefined;
    entry.noDatabase = undefined;
    if (!cfg.enabled || cfg.mode === 'off' || schema.failure || schema.problems.some((p) => p.severity === 'error'))
      return undefined;
    // Restricted Mode: no connection, no replay of the folder's migrations (checked again when trust is granted)
    if (!isTrusted()) {
      entry.unchecked = RESTRICTED_MODE_TEXT;
      return undefined;
    }
    const db = databaseOf(schema);
    const spot = datasourceSpot(schema.doc);
    const failure = (message: string, nextStep: string): DriftReport => ({
      state: 'error',
      comparisons: [],
      pending: [],
      failed: [],
      edited: [],
      missingLocally: [],
      findings: [],
      sql: {},
      notes: [],
      durationMs: 0,
      error: { kind: 'other', message, nextStep, spot },
    });
    // a database the embedded engine has no connector for: no check; the status bar says why
    const declared = datasource(schema.doc)?.provider;
    entry.unchecked =
      declared === undefined || isCheckedProvider(declared) ? undefined : uncheckedProviderReason(declared);
    if (entry.unchecked) return undefined;
    if (!db.ok && db.missing) {
      entry.noDatabase = db.reason;
      return undefined;
    }
    if (!db.ok)
      return failure(
        maskSecrets(db.reason),
        "Set the database URL (prisma.config.ts datasource.url or the schema's datasource url) or the environment variable it reads.",
      );
    if (db.provider !== 'sqlite' && db.provider !== 'postgresql') return undefined;
    // production: a check replays the migrations into a shadow database made on that server, so only the user
    // starts one there (Check Drift, recording drift); a save, a discovery or a task's end does not
    const refusal = USER_STARTED.has(reason) ? undefined : this.watchRefusal(schema);
    if (refusal) {
      entry.unchecked = `Drift is not checked automatically: ${refusal}. "Prisma: Check Drift" checks it once.`;
      return undefined;
    }
    const provider = db.provider;
    const { createAdapterFactory, sqliteFilePath } = await import('../../core/engine');
    const { adapterFactoryFor } = await import('../../core/migrations/adapterFactory');
    const target =
      provider === 'sqlite'
        ? ({ provider, url: db.url, configDir: db.baseDir, memoShadowReads: true, hostThread: true } as const)
        : ({
            provider,
            url: db.url,
            shadowDatabaseUrl: db.shadowDatabaseUrl,
            reuseShadowDatabase: true,
            timeoutMs: cfg.timeoutMs,
          } as const);
    if (provider === 'postgresql' && !db.shadowDatabaseUrl) this.keptShadows = true;
    const t0 = performance.now();
    try {
      const { knownPreviewFeatures } = await import('../../core/schema/prismaWasm');
      // the saved files: drift is about what is on disk, and the lines must match what was checked
      const saved = schema.root.schemaFiles.map((f) => ({ path: f, content: readFileSync(f, 'utf8') }));
      const report = await checkDrift({
        provider,
        schemaFiles: normalizeForPrisma7(saved, knownPreviewFeatures()),
        doc: parseSchema(saved),
        migrationsDir: schema.root.migrationsDir,
        mode: cfg.mode,
        adapterFactory: () => (provider === 'sqlite' ? createAdapterFactory(target) : adapterFactoryFor(target)),
        configDir: db.baseDir,
        sqliteFile: provider === 'sqlite' ? sqliteFilePath(db.url, db.baseDir) : undefined,
        wasmPath: this.wasmPath,
        isCancelled,
        replayCache: entry.replayCache,
      });
      if (report.error?.kind === 'invalidSchema') return undefined;
      this.log.info(
        `drift check of ${schema.label} (${reason}): ${report.state}, ${report.findings.length} finding(s) in ${Math.round(performance.now() - t0)} ms`,
      );
      return report;
    } catch (error) {
      if (error instanceof Error && error.message === 'drift check cancelled') throw error;
      const e = classifyError(error, provider, spot);
      return e.kind === 'invalidSchema' ? undefined : failure(e.message, e.nextStep);
    }
  }

  private entry(id: string): Entry {
    let e = this.entries.get(id);
    if (!e) {
      e = { generation: 0 };
      this.entries.set(id, e);
    }
    return e;
  }

  /** Diagnostics for every schema's last report, grouped by file. */
  publish(): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const data2 = new Map<string, DriftDiagnosticData>();
    const known = new Set(this.schemas.schemas.map((s) => s.root.id));
    for (const [id, entry] of this.entries) {
      const schema = this.schemaById(id);
      if (!known.has(id) || !schema || !entry.report) continue;
      const severity = toSeverity(this.config(schema).severity);
      const add = (file: string, range: Range, message: string, data: DriftDiagnosticData, sev = severity) => {
        const d = new vscode.Diagnostic(toRange(range), message, sev);
        d.source = DRIFT_SOURCE;
        d.code = data.kind === 'finding' ? (data.comparison ?? 'finding') : data.kind;
        data2.set(diagnosticKey(file, d.range, message), data);
        const list = byFile.get(file) ?? [];
        list.push(d);
        byFile.set(file, list);
      };
      const r = entry.report;
      if (r.error) {
        add(r.error.spot.file, r.error.spot.range, `${r.error.message} — ${r.error.nextStep}`, {
          schemaId: id,
          kind: 'error',
        });
        continue;
      }
      for (const n of r.notes) {
        const migration = n.kind === 'failed' ? /Migration (\S+) failed/.exec(n.message)?.[1] : undefined;
        add(n.spot.file, n.spot.range, n.message, { schemaId: id, kind: n.kind, migration });
      }
      for (const f of r.findings)
        add(f.spot.file, f.spot.range, f.message, { schemaId: id, kind: 'finding', comparison: f.comparison });
    }
    this.data = data2;
    this.diagnostics.clear();
    for (const [file, list] of byFile) this.diagnostics.set(vscode.Uri.file(file), list);
    this.updateStatus();
  }

  private updateStatus(): void {
    const schema = this.schemaFor();
    const entry = schema ? this.entries.get(schema.root.id) : undefined;
    const status =
      schema &&
      driftStatus({
        label: schema.label,
        report: entry?.report,
        unchecked: entry?.unchecked === RESTRICTED_MODE_TEXT ? undefined : entry?.unchecked,
        restricted: entry?.unchecked === RESTRICTED_MODE_TEXT ? RESTRICTED_MODE_TEXT : undefined,
        noDatabase: entry?.noDatabase,
        watchOff: schema && this.config(schema).watch ? this.watchRefusal(schema) : undefined,
        watchFailing: schema && entry?.backoff?.words(schema.label),
      });
    if (!schema || !status) {
      this.statusItem.hide();
      return;
    }
    this.statusItem.text = status.text;
    this.statusItem.tooltip = status.tooltip;
    this.statusItem.backgroundColor =
      status.tone === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.statusItem.command =
      status.action === 'addConnection'
        ? {
            title: 'Add a connection',
            command: 'prismaWorkbench.connections.add',
            arguments: [{ schema: schema.root.id }],
          }
        : status.action === 'manageTrust'
          ? MANAGE_TRUST_COMMAND
          : 'prismaWorkbench.drift.showDetails';
    this.statusItem.show();
    void setContext('prismaWorkbench.drift.state', status.state);
  }

  /** The replay cache a schema's checks use now (tests read its hit counts). */
  replayCacheOf(schemaId: string): DriftReplayCache | undefined {
    return this.entries.get(schemaId)?.replayCache;
  }

  /** Forgets the caches in memory, as a new session would: the next check starts from what the workspace state keeps. */
  forgetSessionCaches(): void {
    for (const e of this.entries.values()) e.replayCache = undefined;
  }

  private storedCache(schemaId: string): DriftReplayCache | undefined {
    const kept = this.store?.state.get<{ version?: unknown; cache?: unknown }>(cacheKey(schemaId));
    if (!kept || kept.version !== this.store?.version) return undefined;
    return DriftReplayCache.from(kept.cache);
  }

  private storeCache(schemaId: string, cache: DriftReplayCache | undefined): void {
    if (!this.store || !cache) return;
    const data = cache.toJSON();
    const text = JSON.stringify(data);
    // a drift with megabytes of SQL is not worth keeping in the workspace state; an unchanged cache is not written again
    if (text.length > MAX_STORED_CACHE || this.storedText.get(schemaId) === text) return;
    this.storedText.set(schemaId, text);
    void Promise.resolve(
      this.store.state.update(cacheKey(schemaId), { version: this.store.version, cache: data }),
    ).catch(() => undefined);
  }

  /** Why a schema gets no drift check, when it gets none because of its database. */
  uncheckedReason(schemaId: string): string | undefined {
    return this.entries.get(schemaId)?.unchecked;
  }

  /** Status-bar words for a schema (tests and the details view read this). */
  statusText(): string | undefined {
    return this.statusItem.text || undefined;
  }

  /** Why watch mode leaves this schema's database alone (it counts as production), or undefined. */
  watchRefusal(schema: WorkspaceSchema): string | undefined {
    const db = databaseOf(schema);
    return db.ok ? backgroundQueryRefusal(schema, db.url) : undefined;
  }

  private restartWatch(): void {
    this.watchTimer?.stop();
    this.watchTimer = undefined;
    const cfg = this.config();
    if (!cfg.enabled || !cfg.watch) return;
    // a tick while the last poll still runs (a slow database) is skipped: polls never pile up
    this.watchTimer = new PollTimer(
      () => this.poll(),
      () => this.polling !== undefined,
      cfg.interval * 1000,
    );
    this.watchTimer.start();
  }

  /**
   * Watch mode: a fingerprint per schema; a full check only when it changed. Paused while unfocused (unless
   * forced: tests). The timer skips its tick while a poll runs; each poll is time-limited.
   */
  poll(force = false): Promise<string[]> {
    const run = this.pollOnce(force).finally(() => {
      if (this.polling === run) this.polling = undefined;
    });
    this.polling = run;
    return run;
  }

  private async pollOnce(force: boolean): Promise<string[]> {
    const polled: string[] = []; // the schemas whose database was asked (tests read it)
    if (this.isDisposed) return polled;
    const paused = !force && !vscode.window.state.focused;
    if (paused !== this.watchPaused)
      this.log.info(paused ? 'drift watch: paused while the window is not focused' : 'drift watch: polling');
    this.watchPaused = paused;
    // a Prisma task writing the database: its end schedules a check (drift/register.ts)
    if (paused || !isTrusted() || (!force && prismaDatabaseTaskRunning())) return polled;
    for (const schema of this.schemas.schemas) {
      const entry = this.entry(schema.root.id);
      if (!entry.report || entry.running === undefined) continue; // never checked: the first check comes from a trigger
      if (this.watchRefusal(schema)) continue; // production: no polling unless the user allowed it
      const cfg = this.config(schema);
      const backoff = (entry.backoff ??= new WatchBackoff(cfg.interval * 1000));
      if (!force && !backoff.due(Date.now())) continue; // failing: asked again when its pause is over
      polled.push(schema.root.id);
      const answer = await pollDatabase({
        backoff,
        label: schema.label,
        timeoutMs: cfg.timeoutMs,
        force,
        ask: () => this.fingerprint(schema, entry),
        // a hung connection is dropped, not reused: the next try opens a new one
        drop: () => {
          void entry.connection?.then((c) => c.dispose()).catch(() => undefined);
          entry.connection = undefined;
        },
      });
      if (answer.kind === 'failed') {
        this.log.warn(maskSecrets(answer.words));
        if (entry.report.state !== 'error') void this.check(schema, 'database no longer reachable');
        this.updateStatus();
        continue;
      }
      if (answer.kind !== 'answered') continue;
      if (answer.recovered) {
        this.log.info(`drift watch: ${schema.label}'s database answers again`);
        // the last check saw it unreachable: check again now rather than keep saying so
        if (entry.report.state === 'error') void this.check(schema, 'database reachable again');
        this.updateStatus();
      }
      const print = answer.value;
      if (print === undefined) continue;
      if (entry.fingerprint !== undefined && print !== entry.fingerprint) {
        entry.watchChange = true;
        void this.check(schema, WATCH_REASON);
      }
      entry.fingerprint = print;
    }
    return polled;
  }

  private async fingerprint(schema: WorkspaceSchema, entry: Entry): Promise<string | undefined> {
    const db = databaseOf(schema);
    if (!db.ok || (db.provider !== 'sqlite' && db.provider !== 'postgresql')) return undefined;
    const { sqliteFilePath } = await import('../../core/engine');
    if (db.provider === 'sqlite') {
      const file = sqliteFilePath(db.url, db.baseDir);
      if (file && !existsSync(file)) return MISSING_DATABASE;
      // an open connection keeps reading a deleted file (migrate reset deletes it): reopen on a new inode
      const st = file ? statSync(file) : undefined;
      const id = st ? `${st.dev}:${st.ino}` : undefined;
      if (entry.connection && entry.connectionFile !== id) {
        void entry.connection.then((c) => c.dispose()).catch(() => undefined);
        entry.connection = undefined;
      }
      entry.connectionFile = id;
    }
    const { databaseFingerprint } = await import('../../core/drift');
    if (!entry.connection) {
      const { adapterFactoryFor } = await import('../../core/migrations/adapterFactory');
      const target =
        db.provider === 'sqlite'
          ? { provider: 'sqlite' as const, url: db.url, configDir: db.baseDir, hostThread: true }
          : { provider: 'postgresql' as const, url: db.url, timeoutMs: this.config(schema).timeoutMs };
      entry.connection = adapterFactoryFor(target).then((f) => f.connect());
    }
    return databaseFingerprint(await entry.connection, db.provider, datasource(schema.doc)?.schemas);
  }

  private stopAll(): void {
    this.watchTimer?.stop();
    if (this.keptShadows)
      void import('../../core/engine/shadowDatabasePool')
        .then((m) => m.dropAllShadowDatabases())
        .catch(() => undefined);
    for (const e of this.entries.values()) {
      e.cancel?.();
      void e.connection?.then((c) => c.dispose()).catch(() => undefined);
    }
  }
}

function diagnosticKey(file: string, r: vscode.Range, message: string): string {
  return `${file}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${message}`;
}

function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function toSeverity(s: string): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
    default:
      return vscode.DiagnosticSeverity.Warning;
  }
}
