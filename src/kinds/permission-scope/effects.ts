/**
 * The effects of whether a list or library inherits the permissions of its site
 * (`HasUniqueRoleAssignments`). SharePoint REST only: `breakroleinheritance(copyRoleAssignments=…,
 * clearSubscopes=true)` and `resetroleinheritance` on `_api/web/lists(guid'…')`. A property of its
 * list, so it is never created or deleted on its own: "create" (under a list that is being
 * created) and update both set the inheritance. `copyRoleAssignments` is used when breaking
 * (default true, as in SharePoint's UI) and not compared afterwards. Either call sets a state, so it
 * is sent again by an update after a passing failure (src/tenant/write-again.ts).
 */
import type { ObservedState } from '../../model/observed.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import type { ResourceIds } from '../../model/found.ts';
import { requireWeb } from '../shared/sp-security.ts';
import { readListSecurity } from '../shared/list-assignments.ts';
import type { KindEffects } from '../kind-effects.ts';
import type { PermissionScopeFacts } from './model.ts';
import { writeAgainWhenPassing } from '../../tenant/write-again.ts';

export const permissionScopeEffects: KindEffects<'permissionScope'> = {
  async read(_resource, ctx): Promise<ObservedState<'permissionScope'>> {
    const { parentIds } = ctx;
    const webUrl = parentIds.webUrl;
    const listId = parentIds.listId;
    if (!webUrl || !listId) return { status: 'unknown', reason: 'the list is not provisioned yet' };
    // one request: the flag, and the assignments the role assignments under this scope read
    const { unique } = await readListSecurity(ctx, webUrl, listId);
    return { status: 'present', id: listId, ids: scopeIds(parentIds), facts: scopeFacts(unique), props: { inherit: !unique } };
  },

  async create(resource, { tenant, parentIds }) {
    await setInheritance(tenant, parentIds, resource.props.inherit, resource.props.copyRoleAssignments);
    return { id: parentIds.listId ?? '', ids: scopeIds(parentIds), facts: scopeFacts(!resource.props.inherit, brokeEmpty(resource.props)) };
  },

  async update(resource, _id, ids, changed, { tenant }) {
    if (!changed.includes('inherit')) return;
    await setInheritance(tenant, ids, resource.props.inherit, resource.props.copyRoleAssignments, true);
  },
};

async function setInheritance(tenant: TenantClient, ids: ResourceIds, inherit: boolean, copy: boolean | undefined, again = false): Promise<void> {
  const webUrl = requireWeb(ids);
  const listId = ids.listId;
  if (!listId) throw new Error('the list has no known id');
  const list = tenant.sp.web(webUrl).web.lists.getById(listId);
  const set = () => (inherit ? tenant.sp.call(() => list.resetRoleInheritance()) : tenant.sp.call(() => list.breakRoleInheritance(copy ?? true, true)));
  // Each sets a state (a break of a list with its own permissions, a reset of one that inherits,
  // changes nothing), so an update sends it again after a passing failure; a create is looked
  // up and finished instead (src/apply/create-once.ts, finish-adopted.ts), with this update.
  await (again ? writeAgainWhenPassing(set) : set());
}

/** The scope's ids: its list's (service ids only). */
function scopeIds(parentIds: ResourceIds): ResourceIds {
  return { siteId: parentIds.siteId ?? '', webUrl: parentIds.webUrl ?? '', listId: parentIds.listId ?? '' };
}

/** The scope's facts (`PermissionScopeFacts`): whether the list has its own assignments, and whether this run left them empty. */
function scopeFacts(unique: boolean, empty = false): PermissionScopeFacts {
  return { uniquePermissions: unique, ...(empty ? { assignmentsEmpty: true } : {}) };
}

function brokeEmpty(p: { inherit: boolean; copyRoleAssignments?: boolean }): boolean {
  return !p.inherit && p.copyRoleAssignments === false;
}
