// Connecting and disconnecting rows of a list relation, as writes a save runs in its transaction:
// a back relation (1-n, `Team.members`) sets or clears the related row's foreign key, conditional on it
// pointing at this row when disconnecting; an implicit many-to-many (`Course.tags`, the hidden `_AToB`
// table) goes through the client's nested `connect` / `disconnect`. A required foreign key is not cleared:
// the refusal says so in words. Everything comes from the schema (relationMode = "prisma" works the same).
import type { LinkChange } from '../../shared/protocol/messages';
import type { ModelMeta } from '../../shared/protocol/model';
import { clearRefusal } from '../../shared/protocol/relations';
import type { PrismaNulls } from './codec';
import { decodeValue } from './codec';
import { columnOf, keyWhere, QueryError, type Where } from './query';

/** One write of a link change. */
export type LinkWrite =
  | {
      /** The related row's foreign key: exactly one row must change, else `failure` is the answer. */
      kind: 'updateMany';
      model: ModelMeta;
      where: Where;
      data: Record<string, unknown>;
      failure: string;
    }
  | { kind: 'update'; model: ModelMeta; where: Where; data: Record<string, unknown> };

/** The writes of `links` on rows of `meta`; throws a QueryError naming what cannot be done. */
export function planLinks(
  meta: ModelMeta,
  links: readonly LinkChange[],
  related: (model: string) => ModelMeta,
  nulls?: PrismaNulls,
): LinkWrite[] {
  return links.map((link) => {
    const parentWhere = keyOf(meta, link.parent, nulls);
    const back = meta.backRelations.find((r) => r.name === link.relation && r.list);
    if (back) {
      const child = related(back.model);
      const childWhere = keyOf(child, link.child, nulls);
      const fk: Record<string, unknown> = {};
      back.fields.forEach((f, i) => {
        const ref = back.references[i]!;
        if (!(ref in parentWhere))
          throw new QueryError(
            `${meta.name}.${back.name} references ${ref}, which is not ${meta.name}'s key: link it from ${child.name}'s foreign key instead`,
          );
        fk[f] = decodeValue(link.parent[ref] ?? null, columnOf(child, f), nulls, true);
      });
      const label = `${child.name} ${describeKey(link.child)}`;
      if (link.connect)
        return {
          kind: 'updateMany',
          model: child,
          where: childWhere,
          data: fk,
          failure: `${label} is no longer in the database.`,
        };
      const refusal = clearRefusal(child, back.fields[0]!);
      if (refusal) throw new QueryError(`${label} cannot be disconnected: ${refusal}`);
      return {
        kind: 'updateMany',
        model: child,
        where: { AND: [childWhere, fk] },
        data: Object.fromEntries(back.fields.map((f) => [f, null])),
        failure: `${label} is no longer linked to this ${meta.name} (changed or deleted since it was read).`,
      };
    }
    const mn = meta.manyToMany?.find((r) => r.name === link.relation);
    if (mn) {
      const child = related(mn.model);
      const childWhere = keyOf(child, link.child, nulls);
      return {
        kind: 'update',
        model: meta,
        where: parentWhere,
        data: { [mn.name]: { [link.connect ? 'connect' : 'disconnect']: childWhere } },
      };
    }
    throw new QueryError(`${meta.name} has no list relation ${JSON.stringify(link.relation)}`);
  });
}

function keyOf(meta: ModelMeta, key: Record<string, unknown>, nulls?: PrismaNulls): Where {
  if (Object.keys(key).some((k) => !meta.primaryKey.includes(k)))
    throw new QueryError(`the row key names columns outside ${meta.primaryKey.join(', ')}`);
  return keyWhere(meta, key as Parameters<typeof keyWhere>[1], nulls);
}

const describeKey = (key: Record<string, unknown>) =>
  Object.values(key)
    .map((v) => String(v))
    .join(', ');
