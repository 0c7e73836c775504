/**
 * The effects of a term group of the tenant's default site collection term store, keyed by its
 * display name. Read, created (with the id the blueprint address gives it), updated and deleted through
 * CSOM taxonomy (`TermStore.Groups`, `CreateGroup`, `Description`, `DeleteObject`), which works
 * app-only when the app is a term store administrator.
 */
import type { ObservedState } from '../../model/observed.ts';
import { P, readGroups, writeTaxonomy } from '../shared/taxonomy-csom.ts';
import { eqName, taxonomyId } from '../shared/term-store.ts';
import type { KindEffects } from '../kind-effects.ts';
import { termGroupAddress } from './model.ts';

export const termGroupEffects: KindEffects<'termGroup'> = {
  uniqueKey: true,
  async read(resource, { tenant, memo }): Promise<ObservedState<'termGroup'>> {
    const groups = await memo('termGroups', () => readGroups(tenant));
    const g = groups.find((x) => eqName(x.name, resource.props.name));
    if (!g) return { status: 'absent' };
    return { status: 'present', id: g.id, ids: { groupId: g.id }, props: { name: g.name, description: g.description } };
  },

  async create(resource, { tenant }) {
    const p = resource.props;
    const id = taxonomyId(resource.address);
    await writeTaxonomy(tenant, (q) => {
      const g = q.method(q.store, 'CreateGroup', [P.str(p.name), P.guid(id)]);
      if (p.description) q.setProperty(g, 'Description', P.str(p.description));
    });
    return { id, ids: { groupId: id } };
  },

  async update(resource, id, _ids, changed, { tenant }) {
    if (!changed.includes('description')) return;
    await writeTaxonomy(tenant, (q) => q.setProperty(q.method(q.store, 'GetGroup', [P.guid(id)]), 'Description', P.str(resource.props.description ?? '')));
  },

  async listExisting(_parent, _parentIds, { tenant }) {
    const groups = await readGroups(tenant);
    return groups
      .filter((g) => !g.system)
      .map((g) => ({ address: termGroupAddress(g.name), id: g.id, ids: { groupId: g.id }, props: { name: g.name, description: g.description } }));
  },

  async delete(_address, _before, id, _ids, { tenant }) {
    await writeTaxonomy(tenant, (q) => q.call(q.method(q.store, 'GetGroup', [P.guid(id)]), 'DeleteObject'));
  },
};
