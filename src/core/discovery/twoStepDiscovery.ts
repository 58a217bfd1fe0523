// Discovery in two steps: the schemas at the conventional places are shown as soon as they are read,
// while the workspace search (slow while the window starts, and the only way to find a monorepo's
// schemas) goes on; its answer then replaces them. Both steps sort the same way and a root's id is its
// schema path, so a schema the search confirms keeps its place and its id (and the tree its expansion).
import { discoverSchemas } from './discover';
import type { FoundFiles } from './conventionalPlaces';
import type { SchemaRoot } from './schemaRoot';

export interface DiscoveryStep {
  roots: SchemaRoot[];
  contents: Map<string, string>;
  /** `conventional places` first (only when it found something and the search was still running), then `search`. */
  step: 'conventional places' | 'search';
}

function discover(found: FoundFiles): SchemaRoot[] {
  return discoverSchemas(found.input, (f) => found.contents.get(f));
}

/**
 * Schemas at the conventional places first, then the search's: the conventional places' roots come first
 * in both steps (in every refresh, shown early or not), the others follow sorted by path. The search
 * starts first; the first step is shown only if it found something before the search ended.
 */
export async function discoverInTwoSteps(
  conventional: () => Promise<FoundFiles>,
  search: () => Promise<FoundFiles>,
  show: (step: DiscoveryStep) => void | Promise<void>,
  onConventionalError: (e: unknown) => void = () => undefined,
): Promise<void> {
  let searched = false;
  const searching = search().finally(() => (searched = true));
  searching.catch(() => undefined); // awaited below; a failure is the caller's, not an unhandled rejection
  let conventionalIds: string[] = [];
  try {
    const found = await conventional();
    const roots = discover(found);
    conventionalIds = roots.map((r) => r.id);
    if (!searched && roots.length) await show({ roots, contents: found.contents, step: 'conventional places' });
  } catch (e) {
    onConventionalError(e);
  }
  const found = await searching;
  await show({ roots: keepOrder(discover(found), conventionalIds), contents: found.contents, step: 'search' });
}

/** `roots` with those whose id is in `first` ahead, in that order. */
export function keepOrder(roots: SchemaRoot[], first: string[]): SchemaRoot[] {
  const rank = (r: SchemaRoot) => {
    const i = first.indexOf(r.id);
    return i < 0 ? first.length : i;
  };
  return roots
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map((x) => x.r);
}
