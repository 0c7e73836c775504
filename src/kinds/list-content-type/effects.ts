/**
 * The effects of a site content type added to a list or library, keyed by the site content
 * type's name and found by its parent id (the list's copy derives from the site type's id).
 * Read through Graph (`/sites/{id}/lists/{id}/contentTypes`, one read per list) and, for the
 * default, SharePoint REST (`lists(id)/RootFolder` ContentTypeOrder: the default is the first);
 * added through Graph `contentTypes/addCopy` after turning on content type management
 * (SharePoint REST list `ContentTypesEnabled`); the default is set through SharePoint REST
 * `GetFolderByServerRelativeUrl(root folder)` MERGE `UniqueContentTypeOrder` (Graph cannot set
 * it); its column links (the site type's, which Graph does not carry to the lists' copies) read
 * and made the blueprint's through Graph `…/lists/{id}/contentTypes/{id}/columns` when the site
 * type states them; removed through Graph DELETE.
 */
import { SPInstance, spPostMerge } from '@pnp/sp';
import { body } from '@pnp/queryable';
import type { ObservedState } from '../../model/observed.ts';
import type { ExistingResource, ResourceIds } from '../../model/found.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { madeFromName, sameCtId } from '../content-type/id.ts';
import { contentTypeAddress } from '../content-type/model.ts';
import type { KindEffects } from '../kind-effects.ts';
import { TenantError } from '../../model/tenant-error.ts';
import { LINK_SELECT, linksOf, reconcileLinks, type GraphColumn } from '../content-type/links.ts';
import { comparableLinks } from '../content-type/rules.ts';
import type { ListContentTypeProps } from './model.ts';

interface GraphContentType {
  id: string;
  name: string;
  parentId?: string | null;
  base?: { id?: string } | null;
  isBuiltIn?: boolean;
}

interface RootFolder {
  ServerRelativeUrl: string;
  ContentTypeOrder?: { StringValue: string }[] | { results?: { StringValue: string }[] };
}

function orderOf(f: RootFolder): string[] {
  const o = f.ContentTypeOrder;
  const arr = Array.isArray(o) ? o : (o?.results ?? []);
  return arr.map((x) => x.StringValue);
}

async function readRootFolder(tenant: TenantClient, ids: ResourceIds): Promise<RootFolder> {
  if (!ids.webUrl || !ids.listId) throw new Error('the list is not known');
  return tenant.sp.query(ids.webUrl, `_api/web/lists('${ids.listId}')/RootFolder`).select('ServerRelativeUrl', 'ContentTypeOrder')<RootFolder>();
}

/** Puts the list content type `id` first (default) or, when `first` is false, after the next one. */
async function setDefault(tenant: TenantClient, ids: ResourceIds, id: string, first: boolean): Promise<void> {
  const folder = await readRootFolder(tenant, ids);
  const rest = orderOf(folder).filter((x) => !sameCtId(x, id));
  const order = first ? [id, ...rest] : [...rest.slice(0, 1), id, ...rest.slice(1)];
  const path = folder.ServerRelativeUrl.replace(/'/g, "''");
  const target = SPInstance(tenant.sp.web(ids.webUrl!).web, `getFolderByServerRelativeUrl('${path}')`);
  await spPostMerge(target, body({ UniqueContentTypeOrder: order.map((x) => ({ StringValue: x })) }));
}

/** The column links of a list's copy of a content type (Graph). */
function columnsOf(siteId: string, listId: string, ctId: string): string {
  return `/sites/${siteId}/lists/${listId}/contentTypes/${ctId}/columns`;
}

function ids(parentIds: ResourceIds, id: string): ResourceIds {
  return { siteId: parentIds.siteId ?? '', webUrl: parentIds.webUrl ?? '', listId: parentIds.listId ?? '', contentTypeId: id };
}

export const listContentTypeEffects: KindEffects<'listContentType'> = {
  uniqueKey: true,
  async read(resource, { tenant, parentIds, memo }): Promise<ObservedState<'listContentType'>> {
    const { siteId, listId } = parentIds;
    if (!siteId || !listId) return { status: 'unknown', reason: 'the parent list is not provisioned yet' };
    const all = await memo(`listContentTypes:${listId}`, () => tenant.graph.list<GraphContentType>(`/sites/${siteId}/lists/${listId}/contentTypes`));
    const p = resource.props;
    const parentOf = (c: GraphContentType) => c.parentId ?? c.base?.id ?? undefined;
    // By the site type's derived id; else (names compare case-insensitively) a copy of the same
    // name whose site type was derived by this engine from that name (made before a case rename).
    const ct =
      all.find((c) => sameCtId(parentOf(c), p.contentTypeId)) ??
      all.find((c) => c.name.toLowerCase() === p.name.toLowerCase() && madeFromName(parentOf(c) ?? '', c.name));
    if (!ct) return { status: 'absent' };
    // The site type the copy was made from, as read (a copy found by its name may derive from a
    // type the blueprint replaces: a change of parent gives the site type another id).
    const props: Partial<ListContentTypeProps> = { name: ct.name, contentTypeId: parentOf(ct) ?? p.contentTypeId };
    if (p.default !== undefined) {
      const folder = await memo(`rootFolder:${listId}`, () => readRootFolder(tenant, parentIds));
      props.default = sameCtId(orderOf(folder)[0], ct.id);
    }
    if (p.columns !== undefined) props.columns = linksOf(await tenant.graph.list<GraphColumn>(`${columnsOf(siteId, listId, ct.id)}?${LINK_SELECT}`), p.columns);
    return { status: 'present', id: ct.id, ids: ids(parentIds, ct.id), props };
  },

  async create(resource, { tenant, parentIds }) {
    const p = resource.props;
    const { siteId, listId, webUrl } = parentIds;
    if (!siteId || !listId || !webUrl) throw new Error('the parent list is not known');
    await tenant.sp.web(webUrl).web.lists.getById(listId).update({ ContentTypesEnabled: true });
    const copy = await tenant.graph.post<GraphContentType>(`/sites/${siteId}/lists/${listId}/contentTypes/addCopy`, {
      contentType: tenant.graph.url(`/sites/${siteId}/contentTypes/${p.contentTypeId}`),
    });
    const created = ids(parentIds, copy.id);
    if (p.default === true) await setDefault(tenant, created, copy.id, true);
    return { id: copy.id, ids: created };
  },

  async update(resource, id, ids, changed, ctx) {
    const p = resource.props;
    if (changed.includes('default') && p.default !== undefined) await setDefault(ctx.tenant, ids, id, p.default);
    if (changed.includes('columns') && p.columns) {
      if (!ids.siteId || !ids.listId) throw new Error('the list is not known');
      const base = columnsOf(ids.siteId, ids.listId, id);
      const have = linksOf(await ctx.tenant.graph.list<GraphColumn>(`${base}?${LINK_SELECT}`), p.columns);
      await reconcileLinks(ctx, ids.siteId, base, p.columns, comparableLinks(p.columns, have), have, ids.listId);
    }
  },

  async listExisting(parent, parentIds, { tenant }): Promise<ExistingResource[]> {
    const { siteId, listId } = parentIds;
    if (!siteId || !listId) return [];
    const all = await tenant.graph.list<GraphContentType>(`/sites/${siteId}/lists/${listId}/contentTypes`);
    return all
      .filter((c) => !c.isBuiltIn)
      .map((c) => ({ address: contentTypeAddress(parent, c.name), id: c.id, ids: ids(parentIds, c.id), props: { name: c.name, contentTypeId: c.parentId ?? c.base?.id } }));
  },

  async delete(_address, _before, id, ids, { tenant }) {
    if (!ids.siteId || !ids.listId) throw new Error('the list is not known');
    try {
      await tenant.graph.delete(`/sites/${ids.siteId}/lists/${ids.listId}/contentTypes/${id}`);
    } catch (error) {
      // SharePoint keeps a list's content type while an item of the list is of it.
      if (error instanceof TenantError && /still in use/i.test(error.message)) {
        throw new TenantError(error.status, error.code, `${error.message} Items of the list are of this content type: give them another one (or delete them) first.`, false);
      }
      throw error;
    }
  },
};
