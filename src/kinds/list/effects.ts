/**
 * The effects of a list (a document library or a generic list, keyed by its URL segment). Read
 * through Graph (`/sites/{id}/lists`, one read per site shared by its lists), renamed through
 * SharePoint REST. A list is created in one step under its final URL and title, so that a
 * concurrent create of the same list is refused (the URL or the title is taken) and adopted by
 * create-once, never renumbered (`Rutiner1`) and orphaned, as a create under a title followed by
 * a rename was:
 * - when its title is its URL segment in plain ASCII (`Dokument`), through Graph
 *   (`POST /sites/{id}/lists`, 2 resource units): the service derives the URL from
 *   `displayName`, which is then the final URL. The answer's `name` is checked: a list that
 *   landed elsewhere (the URL was taken by a list the plan did not see, so the service
 *   numbered it) is deleted at once, while still empty, and the create goes the REST way below,
 *   which refuses the taken URL (and create-once adopts what holds it);
 * - otherwise through SharePoint REST `_api/web/lists/add` (SP.ListCreationInformation with
 *   `Url`, the REST face of CSOM `ListCollection.Add`; 3 resource units), since Graph derives the
 *   URL from `displayName` and refuses `name`.
 */
import { listItemCounts } from '../shared/list-item-counts.ts';
import type { ObservedState } from '../../model/observed.ts';
import type { ResourceIds } from '../../model/found.ts';
import type { KindEffects } from '../kind-effects.ts';
import { listAddress, type ListProps } from './model.ts';
import { containerOf } from '../../model/address.ts';
import { SPQueryable, spPost } from '@pnp/sp';
import { body } from '@pnp/queryable';

interface GraphList {
  id: string;
  name: string;
  displayName: string;
  description?: string | null;
  list?: { template?: string };
}

/** Why a list to create is not planned: another list of the site has its title, and the ways out. */
function titleHeldReason(holder: GraphList, p: Pick<ListProps, 'url' | 'title'>): string {
  return `the list at '${holder.name}' of this site has the title '${holder.displayName}', and SharePoint gives a title to one list of a site, so the create of '${p.url}' would be refused: give it another title; or, if it replaces '${holder.name}', prune that one in the same apply (prune: [list]) or rename it first`;
}

const BASE_TEMPLATE: Record<ListProps['template'], number> = { documentLibrary: 101, genericList: 100 };

export const listEffects: KindEffects<'list'> = {
  uniqueKey: true,
  async read(resource, { tenant, parentIds, memo }): Promise<ObservedState<'list'>> {
    const siteId = parentIds.siteId;
    if (!siteId) return { status: 'unknown', reason: 'the parent site is not provisioned yet' };
    const lists = await memo(`lists:${siteId}`, () =>
      tenant.graph.list<GraphList>(`/sites/${siteId}/lists?$select=id,name,displayName,description,list`),
    );
    const wanted = resource.props.url.toLowerCase();
    const list = lists.find((l) => l.name.toLowerCase() === wanted);
    // SharePoint gives a title to one list of a site (compared case-insensitively)
    const title = resource.props.title.toLowerCase();
    if (!list) {
      // a create is refused while another list has it (src/plan/held-keys.ts: after its delete or its rename, or not)
      const holder = lists.find((l) => l.displayName.toLowerCase() === title);
      return holder ? { status: 'absent', heldBy: { address: listAddress(containerOf(resource.address)!, holder.name), props: ['title'], reason: titleHeldReason(holder, resource.props) } } : { status: 'absent' };
    }
    // and an update to a title another list has
    const holder = title !== list.displayName.toLowerCase() ? lists.find((l) => l !== list && l.displayName.toLowerCase() === title) : undefined;
    return {
      status: 'present',
      id: list.id,
      ids: listIds(parentIds, list.id),
      ...(holder ? { heldBy: { address: listAddress(containerOf(resource.address)!, holder.name), props: ['title'], reason: `the list at '${holder.name}' of this site has the title '${resource.props.title}', and SharePoint gives a title to one list of a site: rename or remove that list first (in the blueprint, if it is declared, or in the site)` } } : {}),
      props: {
        url: list.name,
        title: list.displayName,
        description: list.description ?? '',
        ...(list.list?.template === 'documentLibrary' || list.list?.template === 'genericList' ? { template: list.list.template } : {}),
      },
    };
  },

  async create(resource, { tenant, parentIds }) {
    const p = resource.props;
    const web = requireWeb(parentIds);
    const siteId = parentIds.siteId;
    if (siteId && graphPlacesAt(p)) {
      const made = await tenant.graph.post<GraphList>(`/sites/${siteId}/lists`, {
        displayName: p.title,
        ...(p.description ? { description: p.description } : {}),
        list: { template: p.template },
      });
      const name = typeof made.name === 'string' ? made.name : (await tenant.graph.get<GraphList>(`/sites/${siteId}/lists/${made.id}?$select=id,name`)).name;
      if (name.toLowerCase() === p.url.toLowerCase()) return { id: made.id, ids: listIds(parentIds, made.id) };
      // Numbered away from a taken URL: never keep a second copy under another name.
      await tenant.sp.web(web).web.lists.getById(made.id).delete();
    }
    // Site-relative URL: libraries live at the web's root, lists under Lists/ (as the service
    // places a list created from a title).
    const url = p.template === 'documentLibrary' ? p.url : `Lists/${p.url}`;
    const parameters = { Title: p.title, Url: url, TemplateType: BASE_TEMPLATE[p.template], Description: p.description ?? '' };
    const created = await spPost(SPQueryable([tenant.sp.web(web).web, web], '_api/web/lists/add'), body({ parameters }));
    const id = String((created as { Id?: string }).Id ?? (created as { d?: { Id?: string } }).d?.Id ?? '');
    if (!id) throw new Error('SharePoint did not return the new list id');
    return { id, ids: listIds(parentIds, id) };
  },

  async listExisting(parent, parentIds, { tenant, memo, mayPrune }) {
    const siteId = parentIds.siteId;
    const web = parentIds.webUrl;
    if (!siteId || !web) return [];
    const lists = (await memo(`lists:${siteId}`, () => tenant.graph.list<GraphList>(`/sites/${siteId}/lists?$select=id,name,displayName,description,list`)))
      .filter((l) => !(l.list as { hidden?: boolean } | undefined)?.hidden)
      .map((l) => ({ l, address: listAddress(parent, l.name) }));
    // The item count (SharePoint REST: Graph's list has none) only says what a delete would take
    // with it: read it only when a list here may be pruned, so a prune rule with nothing to
    // prune costs a site one Graph read, not a SharePoint one too.
    const pruned = mayPrune ? await Promise.all(lists.map(({ address }) => mayPrune(address))) : [true];
    const counts = pruned.includes(true) ? await listItemCounts(tenant, web, siteId, memo) : undefined;
    return lists.map(({ l, address }) => ({
      address,
      id: l.id,
      ids: listIds(parentIds, l.id),
      props: { url: l.name, title: l.displayName, template: l.list?.template, ...(counts ? { itemCount: counts.get(l.id.toLowerCase()) ?? 0 } : {}) },
    }));
  },

  async delete(_address, _before, id, ids, { tenant }) {
    const web = requireWeb(ids);
    await tenant.sp.web(web).web.lists.getById(id).delete();
  },

  async update(resource, id, ids, changed, { tenant }) {
    const p = resource.props;
    const patch: Record<string, unknown> = {};
    if (changed.includes('title')) patch.Title = p.title;
    if (changed.includes('description')) patch.Description = p.description;
    if (Object.keys(patch).length === 0) return;
    const web = requireWeb(ids);
    await tenant.sp.web(web).web.lists.getById(id).update(patch);
  },
};

/**
 * Whether Graph's create lands the list at its final URL: the title is the URL segment itself,
 * in ASCII letters, digits, `-` and `_` (the service keeps those as they are when it derives a
 * URL from a title; other characters it may drop or encode, so those lists go through REST).
 */
export function graphPlacesAt(p: Pick<ListProps, 'url' | 'title'>): boolean {
  return p.title === p.url && /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(p.url);
}

function listIds(parentIds: ResourceIds, listId: string): ResourceIds {
  return { siteId: parentIds.siteId ?? '', webUrl: parentIds.webUrl ?? '', listId };
}

function requireWeb(ids: ResourceIds): string {
  if (!ids.webUrl) throw new Error('the parent site has no known web URL');
  return ids.webUrl;
}
