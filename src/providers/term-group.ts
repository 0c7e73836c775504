/**
 * termGroup: a group of the tenant's term store (reached through the root site), keyed by its
 * display name. Read, created, updated and deleted through Graph `/sites/root/termStore/groups`.
 * Groups have no custom properties, so ownership is the engine's ledger's to decide.
 */
import type { ObservedState } from '../model/observed.ts';
import { termGroupAddress } from '../model/address.ts';
import type { Provider } from './provider.ts';
import { eqName, TERM_STORE, type GraphGroup } from './term-store.ts';

export const termGroupProvider: Provider<'termGroup'> = {
  kind: 'termGroup',
  api: 'Graph /sites/root/termStore/groups',
  identity: ['name'],
  createOnly: [],

  async read(resource, { tenant, memo }): Promise<ObservedState<'termGroup'>> {
    const groups = await memo('termGroups', () => tenant.graph.list<GraphGroup>(`${TERM_STORE}/groups`));
    const g = groups.find((x) => eqName(x.displayName, resource.props.name));
    if (!g) return { status: 'absent' };
    return { status: 'present', id: g.id, ids: { groupId: g.id }, props: { name: g.displayName, description: g.description ?? '' } };
  },

  async create(resource, { tenant }) {
    const p = resource.props;
    const g = await tenant.graph.post<GraphGroup>(`${TERM_STORE}/groups`, { displayName: p.name, description: p.description ?? '' });
    return { id: g.id, ids: { groupId: g.id } };
  },

  async update(resource, id, _ids, changed, { tenant }) {
    if (changed.includes('description')) await tenant.graph.patch(`${TERM_STORE}/groups/${id}`, { description: resource.props.description ?? '' });
  },

  async listExisting(_parent, _parentIds, { tenant }) {
    const groups = await tenant.graph.list<GraphGroup & { scope?: string }>(`${TERM_STORE}/groups`);
    return groups
      .filter((g) => g.scope !== 'system')
      .map((g) => ({ address: termGroupAddress(g.displayName), id: g.id, ids: { groupId: g.id }, props: { name: g.displayName, description: g.description ?? '' } }));
  },

  async delete(_address, _before, id, _ids, { tenant }) {
    await tenant.graph.delete(`${TERM_STORE}/groups/${id}`);
  },
};
