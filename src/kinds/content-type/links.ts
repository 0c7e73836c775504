/**
 * A content type's column links as the engine reads and writes them, for a site content type
 * and for a list's copy of one alike: what a read asks for (`LINK_SELECT`), the links of an
 * answer (`linksOf`), and the writes that make them the blueprint's (`reconcileLinks`, Graph
 * `…/contentTypes/{id}/columns`).
 */
import { forgetRunMemo, runMemo, siteColumnMade } from '../shared/run-memo.ts';
import type { WriteContext } from '../kind-effects.ts';
import type { ColumnLink } from './model.ts';
import { writeAgainWhenPassing } from '../../tenant/write-again.ts';
import { isConflict } from '../../model/tenant-error.ts';

/** A content type's column as a link read asks for it. */
export interface GraphColumn {
  id: string;
  name: string;
  required?: boolean;
  hidden?: boolean;
}

/**
 * What a read of a content type's columns asks for: what a link is compared by, and `hidden`,
 * without which Graph leaves out the columns the type hides. The engine's links are not hidden,
 * but a site column hidden out of band is linked hidden: left out, the link would be added again
 * at every apply.
 */
export const LINK_SELECT = '$select=id,name,required,hidden';

/**
 * The links of a type's columns: the visible ones, and the hidden ones the blueprint states
 * (`stated`), so that the answer is the same whether or not the service's expansion leaves
 * hidden ones out as its `/columns` does, and a type's own hidden links (a built-in parent's)
 * are not taken for extra ones.
 */
export function linksOf(columns: GraphColumn[], stated: readonly ColumnLink[]): ColumnLink[] {
  const names = new Set(stated.map((l) => l.name.toLowerCase()));
  return columns.filter((c) => c.hidden !== true || names.has(c.name.toLowerCase())).map((c) => ({ name: c.name, required: c.required ?? false }));
}

/**
 * The site's columns, read once per apply run (run-memo.ts): the visible ones (most of a real
 * site's are hidden, and Graph lists those only when `$select` names `hidden`); `fresh` reads
 * them again with the hidden ones, when a name is missing (a hidden column, or one newer than
 * the read).
 */
async function siteColumns(ctx: Pick<WriteContext, 'tenant' | 'run'>, siteId: string, fresh = false): Promise<GraphColumn[]> {
  const key = `site-columns:${siteId}`;
  if (fresh) forgetRunMemo(ctx, key);
  return runMemo(ctx, key, () => ctx.tenant.graph.list<GraphColumn>(`/sites/${siteId}/columns?$select=id,name,required${fresh ? ',hidden' : ''}`));
}

/**
 * Makes a content type's links match `want`: adds missing ones (Graph POST with the site column
 * bound), sets `required` where it differs, removes links in `comparable` that are not wanted.
 * `base` is the type's columns: a site type's (`/sites/{id}/contentTypes/{id}/columns`) or a
 * list's copy's (`/sites/{id}/lists/{id}/contentTypes/{id}/columns`, with `listId`: the list's
 * own column of that name is bound, else the site column, which the service adds to the list; a
 * list's copy of a site column keeps the column's id).
 */
export async function reconcileLinks(
  ctx: Pick<WriteContext, 'tenant' | 'run'>,
  siteId: string,
  base: string,
  want: readonly ColumnLink[],
  comparable: readonly ColumnLink[],
  all: readonly ColumnLink[] = comparable,
  listId?: string,
): Promise<void> {
  const { tenant } = ctx;
  // A list's copy links the list's own column where the list has it (its values live there; a
  // site column bound to a list's copy is added to the list): read once a call, not kept across
  // the run, since the list's columns are made in the same apply.
  let listColumns: Promise<GraphColumn[]> | undefined;
  const sourceOf = async (name: string, id: string): Promise<string> => {
    if (!listId) return `/sites/${siteId}/columns/${id}`;
    listColumns ??= tenant.graph.list<GraphColumn>(`/sites/${siteId}/lists/${listId}/columns?$select=id,name`);
    const own = (await listColumns).find((c) => c.name.toLowerCase() === name.toLowerCase());
    return own ? `/sites/${siteId}/lists/${listId}/columns/${own.id}` : `/sites/${siteId}/columns/${id}`;
  };
  const columnId = async (name: string): Promise<string> => {
    const made = siteColumnMade(ctx, siteId, name);
    if (made) return made;
    const find = (columns: GraphColumn[]) => columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
    const c = find(await siteColumns(ctx, siteId)) ?? find(await siteColumns(ctx, siteId, true));
    if (!c) throw new Error(`site column '${name}' does not exist on the site`);
    return c.id;
  };
  for (const link of want) {
    const have = all.find((l) => l.name.toLowerCase() === link.name.toLowerCase());
    const id = await columnId(link.name);
    if (!have) {
      const added = await addLink(ctx, base, tenant.graph.url(await sourceOf(link.name, id)), id);
      if ((added.required ?? false) !== link.required) await tenant.graph.patch(`${base}/${id}`, { required: link.required });
    } else if (have.required !== link.required) {
      await tenant.graph.patch(`${base}/${id}`, { required: link.required });
    }
  }
  const extras = comparable.filter((l) => !want.some((w) => w.name.toLowerCase() === l.name.toLowerCase()));
  // the links' ids, read once for all the links to remove
  const linked = extras.length > 0 ? await tenant.graph.list<GraphColumn>(`${base}?${LINK_SELECT}`) : [];
  for (const extra of extras) {
    const col = linked.find((c) => c.name.toLowerCase() === extra.name.toLowerCase());
    if (col) await tenant.graph.delete(`${base}/${col.id}`);
  }
}

/**
 * Links the column `source` (its Graph URL) to the type at `base`, sending the add again after a
 * passing failure; a link the service already has (a first send that took but lost its answer, or
 * another run's) is read instead (`${base}/${id}`): the type ends linked either way.
 */
async function addLink(ctx: Pick<WriteContext, 'tenant'>, base: string, source: string, id: string): Promise<GraphColumn> {
  const graph = ctx.tenant.graph;
  try {
    return await writeAgainWhenPassing(() => graph.post<GraphColumn>(base, { 'sourceColumn@odata.bind': source }));
  } catch (error) {
    if (!isConflict(error)) throw error;
    return graph.get<GraphColumn>(`${base}/${id}?${LINK_SELECT}`);
  }
}
