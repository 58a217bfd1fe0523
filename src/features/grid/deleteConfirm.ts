// Before pending deletes are saved: count what the database will delete or clear with them (core/data/
// deletePlan.ts) and ask, in a modal with the detail; a Restrict / NoAction that would fail says so and
// nothing is sent.
import * as vscode from 'vscode';
import { describeDeletePlan, planDeletes, type DeletePlan } from '../../core/data/deletePlan';
import type { SaveRequest } from '../../shared/protocol/messages';
import type { ModelMeta } from '../../shared/protocol/model';
import type { OpenedSession } from './gridSessions';

export interface DeleteQuestion {
  plan: DeletePlan;
  message: string;
  detail: string;
  blocked: boolean;
}

/** Shows the question and says whether the user confirmed; tests replace it. */
export type DeleteAsker = (q: DeleteQuestion) => Promise<boolean>;

export const askInModal: DeleteAsker = async (q) => {
  if (q.blocked) {
    await vscode.window.showWarningMessage(q.message, { modal: true, detail: q.detail });
    return false;
  }
  return (await vscode.window.showWarningMessage(q.message, { modal: true, detail: q.detail }, 'Delete')) === 'Delete';
};

/** Undefined when the deletes may go ahead; else why nothing is saved (in words). */
export async function confirmDeletes(
  opened: OpenedSession,
  meta: ModelMeta,
  request: SaveRequest,
  ask: DeleteAsker,
  onPlan?: (q: DeleteQuestion) => void,
): Promise<string | undefined> {
  if (request.deletes.length === 0) return undefined;
  // cancellable: a long Cascade chain is followed step by step (core/data/deletePlan.ts has an overall limit too)
  let plan: DeletePlan;
  try {
    plan = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Counting what deleting ${meta.name} rows takes with it…`,
        cancellable: true,
      },
      async (_progress, token) => {
        // Cancel ends the count at once, even while a read waits on a lock (the read itself runs out under
        // the query time limit; its answer is dropped), and no further read is sent
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          return await planDeletes(
            opened.schema.doc,
            meta,
            request.deletes.map((d) => d.key),
            opened.session.reader,
            { nulls: opened.session.nulls, signal: abort.signal },
          );
        } finally {
          sub.dispose();
        }
      },
    );
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError')
      return 'Nothing was saved: counting what the delete takes with it was cancelled.';
    throw e;
  }
  const q: DeleteQuestion = { plan, ...describeDeletePlan(plan, request.deletes.length) };
  onPlan?.(q);
  if (await ask(q)) return undefined;
  if (!q.blocked) return 'Nothing was saved: the delete was cancelled.';
  const why = plan.blockers
    .map(
      (b) =>
        `${b.count} ${b.model} row${b.count === 1 ? '' : 's'} still point at them (${b.via[0]}, onDelete: ${b.action})`,
    )
    .join('; ');
  return `Nothing was deleted: ${q.message} ${why}.`;
}
