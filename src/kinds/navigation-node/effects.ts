/**
 * The effects of a navigation node (a top-level node's parent is the site, a child node's parent
 * is its parent node): SharePoint REST `_api/web/navigation/QuickLaunch` / `TopNavigationBar`
 * (`…/children` below a node): add {Title, Url}, MERGE {Url}, DELETE, and `MoveAfter`
 * {nodeId, previousNodeId} for the order.
 *
 * Order: a node states the declared sibling it comes after (`after`); nodes that the blueprint
 * does not declare are ignored. A node whose order is wrong is updated by putting all its
 * declared siblings in order (each right after the previous one), so one apply converges
 * however the nodes were shuffled; siblings depend on each other in blueprint order.
 */
import '@pnp/sp/navigation/index.js';
import { NavigationNode, type INavigationNode, type INavigationNodes } from '@pnp/sp/navigation/index.js';
import type { ExistingResource, ResourceIds } from '../../model/found.ts';
import type { ObservedState } from '../../model/observed.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import type { KindEffects } from '../kind-effects.ts';
import { navigationAddress, navigationNodeAddress, type NavigationNodeFacts, type NavigationNodeProps } from './model.ts';

interface SpNode {
  Id: number;
  Title: string;
  Url: string;
  IsExternal?: boolean;
}

type Location = NavigationNodeProps['location'];

function collection(tenant: TenantClient, ids: ResourceIds, location: Location): INavigationNodes {
  const nav = tenant.sp.web(ids.webUrl!).web.navigation;
  const top = location === 'quickLaunch' ? nav.quicklaunch : nav.topNavigationBar;
  return ids.navNodeId ? top.getById(Number(ids.navNodeId)).children : top;
}

/** `_api/web/navigation/GetNodeById(id)`: a node wherever it is (top level or a child). */
function nodeById(tenant: TenantClient, webUrl: string, id: string): INavigationNode {
  return NavigationNode(tenant.sp.web(webUrl).web.navigation as unknown as INavigationNodes, `GetNodeById(${Number(id)})`);
}

function collectionKey(ids: ResourceIds, location: Location): string {
  return `nav:${ids.webUrl}:${location}:${ids.navNodeId ?? ''}`;
}

async function readNodes(tenant: TenantClient, ids: ResourceIds, location: Location): Promise<SpNode[]> {
  return (await collection(tenant, ids, location).select('Id', 'Title', 'Url', 'IsExternal')()) as SpNode[];
}

/** The parent's ids for the node collection: a site's web URL, or a parent node's id too. */
function parentOf(ids: ResourceIds): ResourceIds {
  return { webUrl: ids.webUrl ?? '', ...(ids.siteId ? { siteId: ids.siteId } : {}), ...(ids.navNodeId ? { navNodeId: ids.navNodeId } : {}) };
}

/** The ids of a node: its site's (siteId, webUrl: the ownership ledger keys on siteId), its own, its parent node's. */
function nodeIds(parent: ResourceIds, id: number | string): ResourceIds {
  return {
    webUrl: parent.webUrl ?? '',
    ...(parent.siteId ? { siteId: parent.siteId } : {}),
    navNodeId: String(id),
    ...(parent.navNodeId ? { parentNavNodeId: parent.navNodeId } : {}),
  };
}

/**
 * What the read reports as `after`: the desired one when the node sits right after it among the
 * declared siblings that exist (absent ones are left out, they will be created in place);
 * otherwise the declared sibling it actually follows ('' for none).
 */
function observedAfter(nodes: SpNode[], props: NavigationNodeProps): string {
  const declared = props.siblings.map((t) => t.toLowerCase());
  const present = nodes.filter((n) => declared.includes(n.Title.toLowerCase()));
  const i = present.findIndex((n) => n.Title.toLowerCase() === props.title.toLowerCase());
  const actual = i > 0 ? present[i - 1]!.Title : '';
  const presentTitles = new Set(present.map((n) => n.Title.toLowerCase()));
  const mine = declared.indexOf(props.title.toLowerCase());
  let wanted = '';
  for (let j = mine - 1; j >= 0; j--) {
    if (presentTitles.has(declared[j]!)) {
      wanted = props.siblings[j]!;
      break;
    }
  }
  return actual.toLowerCase() === wanted.toLowerCase() ? (props.after ?? '') : actual;
}

/** Puts the declared siblings in blueprint order: each right after the previous declared one. */
async function ensureOrder(tenant: TenantClient, ids: ResourceIds, location: Location, siblings: string[]): Promise<void> {
  const nodes = collection(tenant, ids, location);
  let current = await readNodes(tenant, ids, location);
  const byTitle = (t: string) => current.find((n) => n.Title.toLowerCase() === t.toLowerCase());
  let prev: SpNode | undefined;
  for (const title of siblings) {
    const node = byTitle(title);
    if (!node) continue;
    if (prev) {
      const declared = current.filter((n) => siblings.some((s) => s.toLowerCase() === n.Title.toLowerCase()));
      const at = declared.indexOf(node);
      if (at <= 0 || declared[at - 1] !== prev) {
        await nodes.moveAfter(node.Id, prev!.Id);
        current = await readNodes(tenant, ids, location);
      }
    }
    prev = byTitle(title);
  }
}

export const navigationNodeEffects: KindEffects<'navigationNode', NavigationNodeFacts> = {
  async read(resource, { tenant, parentIds, memo }): Promise<ObservedState<'navigationNode'>> {
    if (!parentIds.webUrl) return { status: 'unknown', reason: 'the parent site is not provisioned yet' };
    const p = resource.props;
    const ids = parentOf(parentIds);
    const nodes = await memo(collectionKey(ids, p.location), () => readNodes(tenant, ids, p.location));
    const node = nodes.find((n) => n.Title.toLowerCase() === p.title.toLowerCase());
    if (!node) return { status: 'absent' };
    return {
      status: 'present',
      id: String(node.Id),
      ids: nodeIds(ids, node.Id),
      facts: { location: p.location },
      props: { location: p.location, title: node.Title, url: node.Url, after: observedAfter(nodes, p) },
    };
  },

  async create(resource, { tenant, parentIds }) {
    const p = resource.props;
    const ids = parentOf(parentIds);
    if (!ids.webUrl) throw new Error('the parent site has no known web URL');
    const created = (await collection(tenant, ids, p.location).add(p.title, p.url ?? '')) as { Id?: number; data?: { Id?: number } };
    const id = created.Id ?? created.data?.Id;
    if (id === undefined) throw new Error('SharePoint did not return the new node id');
    await ensureOrder(tenant, ids, p.location, p.siblings);
    return { id: String(id), ids: nodeIds(ids, id), facts: { location: p.location } };
  },

  async update(resource, id, ids, changed, { tenant }) {
    const p = resource.props;
    const parent = parentOf({ webUrl: ids.webUrl ?? '', ...(ids.siteId ? { siteId: ids.siteId } : {}), ...(ids.parentNavNodeId ? { navNodeId: ids.parentNavNodeId } : {}) });
    if (changed.includes('url') || changed.includes('title')) {
      const patch = { ...(changed.includes('url') ? { Url: p.url ?? '' } : {}), ...(changed.includes('title') ? { Title: p.title } : {}) };
      await nodeById(tenant, ids.webUrl!, id).update(patch);
    }
    if (changed.includes('after')) await ensureOrder(tenant, parent, p.location, p.siblings);
  },

  async listExisting(parent, parentIds, { tenant, parentFacts }) {
    if (!parentIds.webUrl) return [];
    const out: ExistingResource[] = [];
    // Under a node: its navigation is its fact (a node that could not tell it has nothing listed).
    const under = parentFacts?.location;
    const locations: Location[] = parentIds.navNodeId ? (under ? [under] : []) : ['quickLaunch', 'topNavigation'];
    for (const location of locations) {
      const ids = parentOf(parentIds);
      const nodes = await readNodes(tenant, ids, location);
      const base = parentIds.navNodeId ? parent : navigationAddress(parent, location);
      for (const n of nodes) {
        out.push({
          address: navigationNodeAddress(base, n.Title),
          id: String(n.Id),
          ids: nodeIds(ids, n.Id),
          facts: { location },
          props: { location, title: n.Title, url: n.Url },
        });
      }
    }
    return out;
  },

  async delete(_address, before, id, ids, { tenant }) {
    void before;
    await nodeById(tenant, ids.webUrl!, id).delete();
  },
};
