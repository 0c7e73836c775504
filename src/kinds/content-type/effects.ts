/**
 * contentType: a site content type, keyed by name, with the deterministic id the blueprint derives
 * (parent id + `00` + a UUID v5 of the lower-cased name), so the same type has the same id on every
 * site and keeps it through a rename in case only (the name is then updated).
 * Read through Graph (`/sites/{id}/contentTypes`, one read per site; `/contentTypes/{id}/columns`),
 * created through SharePoint REST (`POST _api/web/contenttypes` with `Id.StringValue`: Graph
 * cannot choose an id), column links added, changed and removed through Graph
 * (`/contentTypes/{id}/columns`), name/description/group updated through Graph PATCH.
 */
import '@pnp/sp/content-types/index.js';
import type { ObservedState } from '../../model/observed.ts';
import type { ColumnLink, ContentTypeProps } from '../../model/resources.ts';
import { contentTypeAddress } from '../../model/address.ts';
import type { ExistingResource, Provider, ResourceIds, WriteContext } from '../../providers/provider.ts';
import { forgetRunMemo, runMemo, siteColumnMade } from '../../providers/run-memo.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { contentTypeId } from '../../blueprint/expand-metadata.ts';
import { uuidV5 } from '../../blueprint/uuid.ts';

interface GraphContentType {
  id: string;
  name: string;
  description?: string | null;
  group?: string | null;
  parentId?: string | null;
  base?: { id?: string } | null;
  isBuiltIn?: boolean;
}

interface GraphColumn {
  id: string;
  name: string;
  required?: boolean;
}

/** Links every new content type inherits (from Item / Document): compared only when stated. */
const INHERITED = new Set(['title', 'fileleafref', 'contenttype']);

export function sameCtId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/**
 * True when a content type's id is one this engine derives from its stored name (parent id +
 * `00` + UUID v5): today's derivation (lower-cased name) or the earlier one (the name as
 * written), so that a type made before names were lower-cased, or renamed in case since, is
 * still recognised as the blueprint's own under a name that differs only in case.
 */
export function madeFromName(id: string, name: string): boolean {
  if (!/^0x[0-9A-F]*00[0-9A-F]{32}$/i.test(id)) return false;
  const parent = id.slice(0, -34);
  const earlier = `${parent}00${uuidV5(`contentType:${name}`).replace(/-/g, '').toUpperCase()}`;
  return sameCtId(id, contentTypeId(name, parent)) || sameCtId(id, earlier);
}

/**
 * The site content type a desired one is: by its derived id, else (names compare
 * case-insensitively) one of the same name whose id was derived from its own name by this engine.
 */
export function findContentType<T extends { id: string; name: string }>(all: readonly T[], name: string, id: string): T | undefined {
  return all.find((c) => sameCtId(c.id, id)) ?? all.find((c) => c.name.toLowerCase() === name.toLowerCase() && madeFromName(c.id, c.name));
}

function linksOf(columns: GraphColumn[]): ColumnLink[] {
  return columns.map((c) => ({ name: c.name, required: c.required ?? false }));
}

/** Observed links compared against the stated ones: inherited links count only when stated. */
function comparableLinks(desired: ColumnLink[], observed: ColumnLink[]): ColumnLink[] {
  const stated = new Set(desired.map((l) => l.name.toLowerCase()));
  return observed.filter((l) => !INHERITED.has(l.name.toLowerCase()) || stated.has(l.name.toLowerCase()));
}

function key(links: ColumnLink[]): string {
  return links
    .map((l) => `${l.name.toLowerCase()}:${l.required}`)
    .sort()
    .join('|');
}

function ctIds(parentIds: ResourceIds, id: string): ResourceIds {
  return { siteId: parentIds.siteId ?? '', webUrl: parentIds.webUrl ?? '', contentTypeId: id };
}

/** The site's columns, read once per apply run (run-memo.ts) and again when a name is missing (a column newer than the read). */
async function siteColumns(ctx: Pick<WriteContext, 'tenant' | 'run'>, siteId: string, fresh = false): Promise<GraphColumn[]> {
  const key = `site-columns:${siteId}`;
  if (fresh) forgetRunMemo(ctx, key);
  return runMemo(ctx, key, () => ctx.tenant.graph.list<GraphColumn>(`/sites/${siteId}/columns?$select=id,name,required`));
}

export const contentTypeProvider: Provider<'contentType'> = {
  kind: 'contentType',
  api: 'Graph /sites/{id}/contentTypes[/{id}/columns]; SharePoint REST _api/web/contenttypes (create with its id)',
  identity: ['name'],
  createOnly: ['id'],
  renamable: ['name'],
  parentKinds: ['teamSite', 'commSite'],
  same(name, desired, observed) {
    if (name !== 'columns') return undefined;
    const want = desired as ColumnLink[];
    const have = (observed as ColumnLink[] | undefined) ?? [];
    return key(want) === key(comparableLinks(want, have));
  },
  replaceReason(desired, observed) {
    if (observed.parentId !== undefined && !sameCtId(observed.parentId, desired.parentId)) {
      return `a content type's parent cannot change (${observed.parentId} -> ${desired.parentId}): its id derives from the parent`;
    }
    return undefined;
  },

  async read(resource, { tenant, parentIds, memo }): Promise<ObservedState<'contentType'>> {
    const siteId = parentIds.siteId;
    if (!siteId) return { status: 'unknown', reason: 'the parent site is not provisioned yet' };
    const all = await memo(`contentTypes:${siteId}`, () => tenant.graph.list<GraphContentType>(`/sites/${siteId}/contentTypes`));
    const p = resource.props;
    const ct = findContentType(all, p.name, p.id);
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
      const cols = await tenant.graph.list<GraphColumn>(`/sites/${siteId}/contentTypes/${ct.id}/columns`);
      props.columns = linksOf(cols);
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
    if (p.columns?.length) await reconcileLinks(ctx, siteId, p.id, p.columns, []);
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
      const have = linksOf(await tenant.graph.list<GraphColumn>(`/sites/${siteId}/contentTypes/${id}/columns`));
      await reconcileLinks(ctx, siteId, id, p.columns, comparableLinks(p.columns, have), have);
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

/**
 * Makes a content type's links match `want`: adds missing ones (Graph POST with the site column
 * bound), sets `required` where it differs, removes links in `comparable` that are not wanted.
 */
async function reconcileLinks(
  ctx: Pick<WriteContext, 'tenant' | 'run'>,
  siteId: string,
  ctId: string,
  want: ColumnLink[],
  comparable: ColumnLink[],
  all: ColumnLink[] = comparable,
): Promise<void> {
  const { tenant } = ctx;
  const base = `/sites/${siteId}/contentTypes/${ctId}/columns`;
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
      const added = await tenant.graph.post<GraphColumn>(base, { 'sourceColumn@odata.bind': tenant.graph.url(`/sites/${siteId}/columns/${id}`) });
      if ((added.required ?? false) !== link.required) await tenant.graph.patch(`${base}/${id}`, { required: link.required });
    } else if (have.required !== link.required) {
      await tenant.graph.patch(`${base}/${id}`, { required: link.required });
    }
  }
  for (const extra of comparable.filter((l) => !want.some((w) => w.name.toLowerCase() === l.name.toLowerCase()))) {
    const col = (await tenant.graph.list<GraphColumn>(base)).find((c) => c.name.toLowerCase() === extra.name.toLowerCase());
    if (col) await tenant.graph.delete(`${base}/${col.id}`);
  }
}
