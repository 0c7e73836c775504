/**
 * The effects of a site content type, keyed by name, with the deterministic id the blueprint
 * derives (id.ts), so the same type has the same id on every site and keeps it through a rename
 * in case only (the name is then updated). Read through Graph (`/sites/{id}/contentTypes/{id}` by
 * its id with its columns expanded, the site's `/contentTypes` and `/contentTypes/{id}/columns`
 * only when that is not found, or when the service refuses the expansion),
 * created through SharePoint REST (`POST _api/web/contenttypes` with `Id.StringValue`: Graph
 * cannot choose an id), column links added, changed and removed through Graph
 * (`/contentTypes/{id}/columns`), name/description/group updated through Graph PATCH.
 */
import '@pnp/sp/content-types/index.js';
import type { ExistingResource, ResourceIds } from '../../model/found.ts';
import type { ObservedState } from '../../model/observed.ts';
import type { KindEffects, ReadContext } from '../kind-effects.ts';
import { TenantError } from '../../model/tenant-error.ts';
import { findContentType } from './id.ts';
import { contentTypeAddress, type ContentTypeProps } from './model.ts';
import { comparableLinks } from './rules.ts';
import { LINK_SELECT, linksOf, reconcileLinks, type GraphColumn } from './links.ts';

interface GraphContentType {
  id: string;
  name: string;
  description?: string | null;
  group?: string | null;
  parentId?: string | null;
  base?: { id?: string } | null;
  isBuiltIn?: boolean;
}

/**
 * Tenants (clients) whose Graph refused a content type read that expands its columns (400): their
 * types' columns are read apart for the rest of the run. No Microsoft page shows a content type's
 * `$expand=columns($select=…)` (a list's is documented, "Get list"), so a service that refuses
 * the form costs one request, not every content type's read.
 */
const expansionRefused = new WeakSet<object>();

/** A content type by its id (undefined when there is none), with its columns when `withColumns` and the service expands them. */
async function readById(tenant: ReadContext['tenant'], siteId: string, id: string, withColumns: boolean): Promise<(GraphContentType & { columns?: GraphColumn[] }) | undefined> {
  const path = `/sites/${siteId}/contentTypes/${id}`;
  if (!withColumns || expansionRefused.has(tenant)) return tenant.graph.find<GraphContentType>(path);
  try {
    return await tenant.graph.find<GraphContentType & { columns?: GraphColumn[] }>(`${path}?$expand=columns(${LINK_SELECT})`);
  } catch (error) {
    if (!(error instanceof TenantError) || error.status !== 400) throw error;
    expansionRefused.add(tenant);
    return tenant.graph.find<GraphContentType>(path);
  }
}

function ctIds(parentIds: ResourceIds, id: string): ResourceIds {
  return { siteId: parentIds.siteId ?? '', webUrl: parentIds.webUrl ?? '', contentTypeId: id };
}

export const contentTypeEffects: KindEffects<'contentType'> = {
  uniqueKey: true,
  async read(resource, { tenant, parentIds, memo }): Promise<ObservedState<'contentType'>> {
    const siteId = parentIds.siteId;
    if (!siteId) return { status: 'unknown', reason: 'the parent site is not provisioned yet' };
    const p = resource.props;
    // By its derived id first: one small answer, where the site's whole collection is large (a
    // real site holds dozens of built-in types). The collection, read once a site, only when the
    // id is not there: a type made from its name, or its name taken by another id.
    // The columns come with it when the blueprint states them (one request where two were: half
    // of a benchmark workspace's Graph reads of its types, issue 12).
    const byId = await readById(tenant, siteId, p.id, p.columns !== undefined);
    const all = byId ? [] : await memo(`contentTypes:${siteId}`, () => tenant.graph.list<GraphContentType>(`/sites/${siteId}/contentTypes`));
    const ct = byId ?? findContentType(all, p.name, p.id);
    if (!ct) {
      const clash = all.find((c) => c.name.toLowerCase() === p.name.toLowerCase());
      if (clash) return { status: 'unknown', reason: `a content type named '${p.name}' exists with another id (${clash.id}); it was not made from this blueprint's id` };
      return { status: 'absent' };
    }
    const props: Partial<ContentTypeProps> = {
      name: ct.name,
      id: ct.id,
      parentId: ct.parentId ?? ct.base?.id ?? undefined,
      description: ct.description ?? '',
      group: ct.group ?? '',
    };
    if (p.columns !== undefined) {
      const expanded = byId?.columns;
      props.columns = linksOf(expanded ?? (await tenant.graph.list<GraphColumn>(`/sites/${siteId}/contentTypes/${ct.id}/columns?${LINK_SELECT}`)), p.columns);
    }
    return { status: 'present', id: ct.id, ids: ctIds(parentIds, ct.id), props };
  },

  async create(resource, ctx) {
    const { tenant, parentIds } = ctx;
    const p = resource.props;
    const web = parentIds.webUrl;
    const siteId = parentIds.siteId;
    if (!web || !siteId) throw new Error('the parent site has no known web URL');
    await tenant.sp.web(web).web.contentTypes.add(p.id, p.name, p.description ?? '', p.group ?? 'Custom Content Types');
    if (p.columns?.length) await reconcileLinks(ctx, siteId, `/sites/${siteId}/contentTypes/${p.id}/columns`, p.columns, []);
    return { id: p.id, ids: ctIds(parentIds, p.id) };
  },

  async update(resource, id, ids, changed, ctx) {
    const { tenant } = ctx;
    const p = resource.props;
    const siteId = ids.siteId;
    if (!siteId) throw new Error('the site is not known');
    const patch: Record<string, unknown> = {};
    if (changed.includes('name')) patch.name = p.name;
    if (changed.includes('description')) patch.description = p.description;
    if (changed.includes('group')) patch.group = p.group;
    if (Object.keys(patch).length) await tenant.graph.patch(`/sites/${siteId}/contentTypes/${id}`, patch);
    if (changed.includes('columns') && p.columns) {
      const have = linksOf(await tenant.graph.list<GraphColumn>(`/sites/${siteId}/contentTypes/${id}/columns?${LINK_SELECT}`), p.columns);
      await reconcileLinks(ctx, siteId, `/sites/${siteId}/contentTypes/${id}/columns`, p.columns, comparableLinks(p.columns, have), have);
    }
  },

  async listExisting(parent, parentIds, { tenant }): Promise<ExistingResource[]> {
    const siteId = parentIds.siteId;
    if (!siteId) return [];
    const all = await tenant.graph.list<GraphContentType>(`/sites/${siteId}/contentTypes`);
    return all
      .filter((c) => !c.isBuiltIn)
      .map((c) => ({
        address: contentTypeAddress(parent, c.name),
        id: c.id,
        ids: ctIds(parentIds, c.id),
        props: { name: c.name, id: c.id, parentId: c.parentId ?? c.base?.id, description: c.description ?? '', group: c.group ?? '' },
      }));
  },

  async delete(_address, _before, id, ids, { tenant }) {
    if (!ids.siteId) throw new Error('the site is not known');
    await tenant.graph.delete(`/sites/${ids.siteId}/contentTypes/${id}`);
  },
};
