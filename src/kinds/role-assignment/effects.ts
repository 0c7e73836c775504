/**
 * The effects of the permission levels one principal (a site group by name, a user by UPN, or an
 * Entra group as `entra:<name or id>`, ../shared/entra-groups.ts) has on a site's root web or on a
 * list with unique permissions. SharePoint REST only:
 * `roleassignments?$expand=Member,RoleDefinitionBindings` to read (once per securable),
 * `roleassignments/addroleassignment(principalid=…,roledefid=…)` and `removeroleassignment(…)`
 * to bind and unbind levels, `_api/web/ensureuser` to resolve a user. `roles` is exact: levels
 * bound to the principal and not stated are unbound. On a list that inherits, the list's own
 * assignments are none (what it shows is its site's), so its assignments read as absent.
 */
import { writeAgainWhenPassing } from '../../tenant/write-again.ts';
import type { ObservedState } from '../../model/observed.ts';
import type { ExistingResource, ResourceIds } from '../../model/found.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { requireWeb, upnOfLogin } from '../shared/sp-security.ts';
import { ownSiteGroupNamed } from '../shared/own-site-groups.ts';
import { principalIdIn, roleDefinitionIdIn } from '../shared/security-ids.ts';
import type { KindEffects, ReadContext, WriteContext } from '../kind-effects.ts';
import type { PermissionScopeFacts } from '../permission-scope/model.ts';
import { roleAssignmentAddress } from './model.ts';
import { EntraGroupNotUsable, entraGroupNamed, groupIdOfLogin, isGroupLogin } from '../shared/entra-groups.ts';
import { ENTRA_GROUP_PREFIX, entraGroupRef } from '../../model/principal.ts';
import { ASSIGNMENT_SELECT as SELECT, assignmentsKey, readListSecurity, type SpAssignment } from '../shared/list-assignments.ts';

function securable(tenant: TenantClient, ids: ResourceIds) {
  const web = tenant.sp.web(requireWeb(ids)).web;
  return ids.listId ? web.lists.getById(ids.listId) : web;
}

/** The principal as the blueprint names it: a UPN for a user, `entra:<name>` for an Entra group, the name of a site group. */
function principalName(a: SpAssignment): string {
  const m = a.Member;
  if (!m) return String(a.PrincipalId);
  // by its claims: PrincipalType 4 (a security group) is also that of tenant-wide claims such as
  // "Everyone except external users", which are no Entra group
  if (isGroupLogin(m.LoginName)) return `${ENTRA_GROUP_PREFIX}${m.Title}`;
  if (m.PrincipalType === 1 || m.LoginName.includes('|')) return m.UserPrincipalName || upnOfLogin(m.LoginName);
  return m.Title;
}

/**
 * The assignment of the Entra group a principal names (`entra:…`), found by the group's claims
 * login: the name SharePoint shows for it is the one it had when first granted something.
 * A group the directory does not have (or has twice under that name) makes the read unknown.
 */
async function entraAssignment(resource: { props: { principal: string } }, ref: string, all: SpAssignment[], ctx: ReadContext): Promise<ObservedState<'roleAssignment'>> {
  let login: string;
  try {
    login = (await entraGroupNamed(ctx.memo, ctx.tenant, ref)).login;
  } catch (error) {
    if (!(error instanceof EntraGroupNotUsable)) throw error;
    return { status: 'unknown', reason: error.message };
  }
  const a = all.find((x) => x.Member?.LoginName?.toLowerCase() === login);
  if (!a) return { status: 'absent' };
  return { status: 'present', id: String(a.PrincipalId), ids: ctx.parentIds, props: { principal: resource.props.principal, roles: (a.RoleDefinitionBindings ?? []).map((b) => b.Name) } };
}

/**
 * The securable's own assignments; none when it is a list that inherits. Whether it does is the
 * list scope's fact (`PermissionScopeFacts`), else it is read.
 */
async function ownAssignments(ctx: ReadContext<PermissionScopeFacts>, ids: ResourceIds): Promise<SpAssignment[]> {
  return ctx.memo(assignmentsKey(ids), async () => {
    if (ids.listId) {
      const unique = ctx.parentFacts?.uniquePermissions;
      // the scope's read left the assignments in the memo; without it, one read of both
      if (unique === undefined) return (await readListSecurity(ctx, requireWeb(ids), ids.listId)).assignments;
      if (!unique) return [];
    }
    const path = ids.listId ? `_api/web/lists('${ids.listId}')/roleAssignments` : '_api/web/roleAssignments';
    return ctx.tenant.sp.call(() => ctx.tenant.sp.query(requireWeb(ids), path).select(...SELECT).expand('Member', 'RoleDefinitionBindings')<SpAssignment[]>());
  });
}

export const roleAssignmentEffects: KindEffects<'roleAssignment', PermissionScopeFacts> = {
  uniqueKey: true,
  async read(resource, ctx): Promise<ObservedState<'roleAssignment'>> {
    if (!ctx.parentIds.webUrl) return { status: 'unknown', reason: 'the parent is not provisioned yet' };
    const all = await ownAssignments(ctx, ctx.parentIds);
    const entra = entraGroupRef(resource.props.principal);
    if (entra !== undefined) return entraAssignment(resource, entra, all, ctx);
    const want = resource.props.principal.toLowerCase();
    let a = all.find((x) => principalName(x).toLowerCase() === want);
    // `<the site's title> Owners` whose group kept an older title (own-site-groups.ts): that group's
    // assignment, shown under the name the blueprint gives it
    const own = a ? undefined : await ownSiteGroupNamed(ctx.tenant, ctx.parentIds.webUrl, resource.props.principal, ctx.memo);
    if (own) a = all.find((x) => x.PrincipalId === own.Id);
    if (!a) return { status: 'absent' };
    return {
      status: 'present',
      id: String(a.PrincipalId),
      ids: ctx.parentIds,
      props: { principal: own ? resource.props.principal : principalName(a), roles: (a.RoleDefinitionBindings ?? []).map((b) => b.Name) },
    };
  },

  async create(resource, ctx) {
    // Under a list this run broke without copying, the principal has no bindings yet.
    const id = await bind(ctx, ctx.parentIds, resource.props.principal, resource.props.roles, ctx.parentFacts?.assignmentsEmpty === true);
    return { id: String(id), ids: ctx.parentIds };
  },

  async update(resource, _id, ids, changed, ctx) {
    if (!changed.includes('roles')) return;
    // bind reads the levels bound now and writes the difference: after a lost answer it runs
    // again as a whole and finds what the lost write did (write-again.ts)
    await writeAgainWhenPassing(() => bind(ctx, ids, resource.props.principal, resource.props.roles, false));
  },

  async listExisting(parent, parentIds, ctx): Promise<ExistingResource[]> {
    if (!parentIds.webUrl) return [];
    const base = parent.endsWith('/permissions') ? parent.slice(0, -'/permissions'.length) : parent;
    const all = await ownAssignments(ctx, parentIds);
    return Promise.all(
      all.map(async (a) => {
        let principal = principalName(a);
        // An Entra group's assignment is named as the blueprint named it when it was made by
        // object id (`entra:<id>`: the address the ledger recorded), else by its display name.
        const groupId = groupIdOfLogin(a.Member?.LoginName);
        if (groupId && ctx.mayPrune && (await ctx.mayPrune(roleAssignmentAddress(base, `${ENTRA_GROUP_PREFIX}${groupId}`)))) principal = `${ENTRA_GROUP_PREFIX}${groupId}`;
        return {
          address: roleAssignmentAddress(base, principal),
          id: String(a.PrincipalId),
          ids: parentIds,
          props: { principal, roles: (a.RoleDefinitionBindings ?? []).map((b) => b.Name) },
        };
      }),
    );
  },

  async delete(_address, _before, id, ids, { tenant }) {
    await tenant.sp.call(() => securable(tenant, ids).roleAssignments.getById(Number(id)).delete());
  },
};

/**
 * Makes the principal's bindings on the securable exactly `roles`: resolves the principal and the
 * levels (security-ids.ts: built-in levels need no read, a site's groups are read once per run),
 * then adds the missing bindings and removes the others. `none`: the principal is known to have
 * no bindings there (its list was just broken without copying), so they are not read.
 */
async function bind(ctx: Pick<WriteContext, 'tenant' | 'run'>, ids: ResourceIds, principal: string, roles: string[], none: boolean): Promise<number> {
  const { tenant } = ctx;
  const webUrl = requireWeb(ids);
  const pid = await principalIdIn(ctx, webUrl, principal);
  const wanted: number[] = [];
  for (const r of roles) wanted.push(await roleDefinitionIdIn(ctx, webUrl, r));
  const target = securable(tenant, ids);
  const assignments = none ? [] : await tenant.sp.call(() => target.roleAssignments.select(...SELECT).expand('Member', 'RoleDefinitionBindings')<SpAssignment[]>());
  const current = (assignments.find((a) => a.PrincipalId === pid)?.RoleDefinitionBindings ?? []).map((b) => b.Id);
  for (const d of wanted) if (!current.includes(d)) await tenant.sp.call(() => target.roleAssignments.add(pid, d));
  for (const d of current) if (!wanted.includes(d)) await tenant.sp.call(() => target.roleAssignments.remove(pid, d));
  return pid;
}
