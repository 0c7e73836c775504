/**
 * The effects of a view: read and written through SharePoint REST
 * (`_api/web/lists(guid'…')/views`, one read per list with `$expand=ViewFields` shared by its
 * views); the query (filter, sort, grouping) is CAML `ViewQuery`, emitted from the blueprint's
 * structured form and parsed back for a structural comparison (caml.ts). View fields are set
 * with `removeallviewfields` + `addviewfield` in order.
 */
import { writeAgainWhenPassing } from '../../tenant/write-again.ts';
import '@pnp/sp/views/index.js';
import type { ExistingResource, ResourceIds } from '../../model/found.ts';
import type { ObservedState } from '../../model/observed.ts';
import type { KindEffects, WriteContext } from '../kind-effects.ts';
import { parseViewQuery, rawWhere, viewQueryXml, type ViewQueryParts } from './caml.ts';
import { viewAddress, type ViewProps } from './model.ts';

interface SpView {
  Id: string;
  Title: string;
  ViewQuery: string | null;
  RowLimit: number;
  Paged: boolean;
  DefaultView: boolean;
  PersonalView: boolean;
  Hidden: boolean;
  ViewFields?: { Items?: string[] | { results?: string[] } };
}

const SELECT = ['Id', 'Title', 'ViewQuery', 'RowLimit', 'Paged', 'DefaultView', 'PersonalView', 'Hidden', 'ViewFields/Items'];

function items(v: SpView): string[] {
  const i = v.ViewFields?.Items;
  if (Array.isArray(i)) return i;
  return i?.results ?? [];
}

async function readViews(ctx: { tenant: WriteContext['tenant'] }, webUrl: string, listId: string): Promise<SpView[]> {
  const { tenant } = ctx;
  return tenant.sp.call(() => tenant.sp.query(webUrl, `_api/web/lists('${listId}')/views`).select(...SELECT).expand('ViewFields')()) as Promise<SpView[]>;
}

function observedProps(v: SpView): Partial<ViewProps> {
  const q = parseViewQuery(v.ViewQuery ?? '');
  return {
    name: v.Title,
    columns: items(v),
    orderBy: q.orderBy,
    filter: q.filter,
    groupBy: q.groupBy,
    groupCollapsed: q.groupCollapsed,
    rowLimit: v.RowLimit,
    paged: v.Paged,
    default: v.DefaultView,
  };
}

/** The desired query parts, taking what the blueprint does not state from the current query. */
function queryParts(p: ViewProps, current: ViewQueryParts): ViewQueryParts {
  return {
    filter: p.filter !== undefined ? p.filter : current.filter,
    orderBy: p.orderBy ?? current.orderBy,
    groupBy: p.groupBy ?? current.groupBy,
    groupCollapsed: p.groupCollapsed ?? current.groupCollapsed,
  };
}

const EMPTY: ViewQueryParts = { filter: null, orderBy: [], groupBy: [], groupCollapsed: false };

export const viewEffects: KindEffects<'view'> = {
  async read(resource, { tenant, parentIds, memo }): Promise<ObservedState<'view'>> {
    const { webUrl, listId } = parentIds;
    if (!webUrl || !listId) return { status: 'unknown', reason: 'the parent list is not provisioned yet' };
    const views = await memo(`views:${listId}`, () => readViews({ tenant }, webUrl, listId));
    const wanted = resource.props.name.toLowerCase();
    const v = views.find((x) => !x.PersonalView && x.Title.toLowerCase() === wanted);
    if (!v) return { status: 'absent' };
    return { status: 'present', id: v.Id, ids: { ...parentIds, viewId: v.Id }, props: observedProps(v) };
  },

  async create(resource, { tenant, parentIds }) {
    const p = resource.props;
    const { webUrl, listId } = requireList(parentIds);
    const views = tenant.sp.web(webUrl).web.lists.getById(listId).views;
    const settings: Record<string, unknown> = { ViewQuery: viewQueryXml(queryParts(p, EMPTY)) };
    if (p.rowLimit !== undefined) settings.RowLimit = p.rowLimit;
    if (p.paged !== undefined) settings.Paged = p.paged;
    if (p.default === true) settings.DefaultView = true;
    const created = (await tenant.sp.call(() => views.add(p.name, false, settings))) as { Id?: string; data?: { Id?: string } };
    const id = String(created.Id ?? created.data?.Id ?? '');
    if (!id) throw new Error('SharePoint did not return the new view id');
    if (p.columns) await setFields({ tenant }, webUrl, listId, id, p.columns);
    return { id, ids: { ...parentIds, viewId: id } };
  },

  async update(resource, id, ids, changed, { tenant }) {
    const p = resource.props;
    const { webUrl, listId } = requireList(ids);
    const view = tenant.sp.web(webUrl).web.lists.getById(listId).views.getById(id);
    const patch: Record<string, unknown> = {};
    if (changed.some((c) => c === 'filter' || c === 'orderBy' || c === 'groupBy' || c === 'groupCollapsed')) {
      const current = (await tenant.sp.call(() => view.select('ViewQuery')())) as { ViewQuery?: string | null };
      const xml = current.ViewQuery ?? '';
      // a filter the blueprint does not state stays as written (even CAML the blueprint form cannot express)
      patch.ViewQuery = viewQueryXml(queryParts(p, parseViewQuery(xml)), p.filter === undefined ? rawWhere(xml) : undefined);
    }
    if (changed.includes('name')) patch.Title = p.name;
    if (changed.includes('rowLimit')) patch.RowLimit = p.rowLimit;
    if (changed.includes('paged')) patch.Paged = p.paged;
    if (changed.includes('default') && p.default === true) patch.DefaultView = true;
    if (Object.keys(patch).length) await tenant.sp.call(() => view.update(patch));
    if (changed.includes('columns') && p.columns) await setFields({ tenant }, webUrl, listId, id, p.columns);
  },

  async listExisting(parent, parentIds, { tenant }) {
    const { webUrl, listId } = parentIds;
    if (!webUrl || !listId) return [];
    const views = await readViews({ tenant }, webUrl, listId);
    return views
      .filter((v) => !v.PersonalView && !v.Hidden)
      .map((v): ExistingResource => ({ address: viewAddress(parent, v.Title), id: v.Id, ids: { ...parentIds, viewId: v.Id }, props: observedProps(v) }));
  },

  async delete(_address, before, id, ids, { tenant }) {
    const { webUrl, listId } = requireList(ids);
    // It was the default when the plan read it; the plan runs this after the change that makes
    // another view the default, if the blueprint makes one (rules.ts): asked again now.
    const now = before.default === true ? await tenant.sp.call(() => tenant.sp.query(webUrl, `_api/web/lists('${listId}')/views('${id}')`).select('DefaultView')<{ DefaultView: boolean }>()) : undefined;
    if (now?.DefaultView) throw new Error('the default view of a list cannot be deleted: make another view of the list the default first (default: true)');
    await tenant.sp.call(() => tenant.sp.web(webUrl).web.lists.getById(listId).views.getById(id).delete());
  },
};

/**
 * Sets the view's fields to `columns`, in order: all removed, then each added. The sequence ends
 * the same however often it runs, whatever an earlier run of it left, so after no clear answer or
 * a refusal in passing to any of its requests it runs again from the start (each is a POST the
 * transport never sends twice; one lost answer among a view's six left it half-made until the
 * next apply).
 */
async function setFields(ctx: { tenant: WriteContext['tenant'] }, webUrl: string, listId: string, viewId: string, columns: string[]): Promise<void> {
  const { tenant } = ctx;
  const fields = tenant.sp.web(webUrl).web.lists.getById(listId).views.getById(viewId).fields;
  await writeAgainWhenPassing(async () => {
    await tenant.sp.call(() => fields.removeAll());
    for (const c of columns) await tenant.sp.call(() => fields.add(c));
  });
}

function requireList(ids: ResourceIds): { webUrl: string; listId: string } {
  if (!ids.webUrl || !ids.listId) throw new Error('the parent list is not known');
  return { webUrl: ids.webUrl, listId: ids.listId };
}
