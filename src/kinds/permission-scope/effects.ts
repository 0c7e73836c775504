/**
 * The effects of whether a list or library inherits the permissions of its site
 * (`HasUniqueRoleAssignments`). SharePoint REST only: `breakroleinheritance(copyRoleAssignments=…,
 * clearSubscopes=true)` and `resetroleinheritance` on `_api/web/lists(guid'…')`. A property of its
 * list, so it is never created or deleted on its own: "create" (under a list that is being
 * created) and update both set the inheritance. `copyRoleAssignments` is used when breaking
 * (default true, as in SharePoint's UI) and not compared afterwards.
 */
import type { ObservedState } from '../../model/observed.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import type { ResourceIds } from '../../model/found.ts';
import { requireWeb } from '../shared/sp-security.ts';
import type { KindEffects } from '../kind-effects.ts';

export const permissionScopeEffects: KindEffects<'permissionScope'> = {
  async read(_resource, { tenant, parentIds }): Promise<ObservedState<'permissionScope'>> {
    const webUrl = parentIds.webUrl;
    const listId = parentIds.listId;
    if (!webUrl || !listId) return { status: 'unknown', reason: 'the list is not provisioned yet' };
    const list = await tenant.sp.call(() => tenant.sp.web(webUrl).web.lists.getById(listId).select('HasUniqueRoleAssignments')<{ HasUniqueRoleAssignments: boolean }>());
    const unique = list.HasUniqueRoleAssignments === true;
    return { status: 'present', id: listId, ids: scopeIds(parentIds, unique), props: { inherit: !unique } };
  },

  async create(resource, { tenant, parentIds }) {
    await setInheritance(tenant, parentIds, resource.props.inherit, resource.props.copyRoleAssignments);
    return { id: parentIds.listId ?? '', ids: scopeIds(parentIds, !resource.props.inherit, brokeEmpty(resource.props)) };
  },

  async update(resource, _id, ids, changed, { tenant }) {
    if (!changed.includes('inherit')) return;
    await setInheritance(tenant, ids, resource.props.inherit, resource.props.copyRoleAssignments);
  },
};

async function setInheritance(tenant: TenantClient, ids: ResourceIds, inherit: boolean, copy: boolean | undefined): Promise<void> {
  const webUrl = requireWeb(ids);
  const listId = ids.listId;
  if (!listId) throw new Error('the list has no known id');
  const list = tenant.sp.web(webUrl).web.lists.getById(listId);
  if (inherit) await tenant.sp.call(() => list.resetRoleInheritance());
  else await tenant.sp.call(() => list.breakRoleInheritance(copy ?? true, true));
}

/**
 * The list's ids, with whether it has its own role assignments (`uniquePermissions`) for the
 * assignments under it, and `assignmentsEmpty` when this run broke the inheritance without
 * copying (the list then holds only what the run's own assignment creates add: they need not
 * read it first).
 */
function scopeIds(parentIds: ResourceIds, unique: boolean, empty = false): ResourceIds {
  const { assignmentsEmpty: _, ...rest } = parentIds;
  return { ...rest, uniquePermissions: String(unique), ...(empty ? { assignmentsEmpty: 'true' } : {}) };
}

function brokeEmpty(p: { inherit: boolean; copyRoleAssignments?: boolean }): boolean {
  return !p.inherit && p.copyRoleAssignments === false;
}
