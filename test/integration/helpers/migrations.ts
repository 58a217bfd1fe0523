// What the Migrations view shows, read through its own provider (label, description, contextValue).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MigrationsNode } from '../../../src/features/migrations/migrationsTreeProvider';
import { activeApi, waitFor, workspaceRoot } from './extension';

export async function migrationsView() {
  const api = await activeApi();
  assert.ok(api.views.migrations, 'the Migrations view did not register');
  return api.views.migrations;
}

export interface ShownMigration {
  label: string;
  description: string;
  contextValue: string;
  node: MigrationsNode;
}

export async function shownMigrations(): Promise<{ root: ShownMigration; children: ShownMigration[] }> {
  const view = await migrationsView();
  await view.whenLoaded();
  const show = (node: MigrationsNode): ShownMigration => {
    const item = view.getTreeItem(node);
    return {
      node,
      label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
      description: String(item.description ?? ''),
      contextValue: item.contextValue ?? '',
    };
  };
  const [root] = view.getChildren();
  assert.ok(root, 'the Migrations view shows no schema');
  return { root: show(root), children: view.getChildren(root).map(show) };
}

export const migrationsOf = (children: ShownMigration[]) =>
  children.filter((c) => c.contextValue.startsWith('migration.'));

export const statesOf = (children: ShownMigration[]) =>
  migrationsOf(children)
    .map((c) => `${c.label}:${c.contextValue}`)
    .join(', ');

/** Runs a Prisma command the way the palette does (arguments skip the dialogs) and returns its exit code. */
export async function runCommand(id: string, args?: Record<string, unknown>): Promise<number | undefined> {
  const result = await vscode.commands.executeCommand<{ exitCode: number | undefined } | undefined>(id, args);
  return result?.exitCode;
}

/** Says why a suite skips, in the host console and in the run's results (the harness prints them). */
export function sayWhySkipped(reason: string): void {
  console.log(`    (skipped: ${reason})`);
  const results = process.env.PW_TEST_RESULTS;
  if (results) require('node:fs').appendFileSync(results, `  (skipped because ${reason})\n`);
}

/** In a `before` hook: the SQLite sample workspace with its schema discovered; anywhere else the suite skips, saying why. */
export async function sqliteSampleWorkspace(ctx: Mocha.Context): Promise<string> {
  const ws = workspaceRoot();
  const config = path.join(ws, 'prisma.config.ts');
  if (!existsSync(config) || !/file:/.test(readFileSync(config, 'utf8'))) {
    sayWhySkipped('this run is not the SQLite sample workspace');
    ctx.skip();
  }
  const api = await activeApi();
  await waitFor(
    'the sample schema to be discovered',
    () => api.services.schemas.schemas.length > 0 || undefined,
    30_000,
  );
  return ws;
}

/** How a command that should refuse ended: the error the user was shown, or the result it returned. */
export interface Refusal {
  readonly error?: string;
  readonly result?: unknown;
}

/**
 * Runs a command that should refuse, and waits until it has: its error shown to the user (the command
 * wrapper logs it, then waits on the message, so the command never settles) or the command settling (a
 * refusal reported by the task itself). What the refusal left behind is for the caller to check: the database.
 */
export async function untilRefused(id: string, args: Record<string, unknown>): Promise<Refusal> {
  const { log } = (await activeApi()).services;
  const original = log.error;
  let outcome: Refusal | undefined;
  log.error = (m) => {
    if (String(m).includes(`${id} failed`)) outcome = { error: String(m).split('\n')[0] };
    original(m);
  };
  try {
    vscode.commands.executeCommand(id, args).then(
      (result) => (outcome ??= { result }),
      (e: Error) => (outcome ??= { error: e.message }),
    );
    return await waitFor(`${id} to refuse or end`, () => outcome, 60_000);
  } finally {
    log.error = original;
  }
}

/** Waits until the extension has read a schema file holding `text` (after an edit on disk). */
export async function untilSchemaHolds(text: string): Promise<void> {
  const { schemas } = (await activeApi()).services;
  await waitFor(
    `the extension to read the edited schema (${text})`,
    () => schemas.schemas.some((s) => s.files.some((f) => f.content.includes(text))) || undefined,
    30_000,
  );
}
