/**
 * The effects of a SharePoint site group, keyed by its name, with its owner and members. SharePoint
 * REST only (`_api/web/sitegroups`): Microsoft Graph has no API for SharePoint groups. Read once
 * per site (`sitegroups?$expand=Owner,Users`), shared by the site's groups. Members are users by
 * UPN or Entra groups as `entra:<display name or object id>` (../shared/entra-groups.ts: added by
 * their claims login, and compared by it), a lower bound (`members`) unless the blueprint prunes
 * them (`exactMembers`); UPNs compare case-insensitively.
 */
import type { ObservedState } from '../../model/observed.ts';
import type { ExistingResource, ResourceIds } from '../../model/found.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { writeAgainWhenPassing } from '../../tenant/write-again.ts';
import type { ISiteGroup } from '@pnp/sp/site-groups/types.js';
import { forgetGroupId, rememberGroupId } from '../shared/security-ids.ts';
import { loginOf, principalId, requireWeb, upnOfLogin } from '../shared/sp-security.ts';
import { ownSiteGroupNamed } from '../shared/own-site-groups.ts';
import type { KindEffects, ReadContext, WriteContext } from '../kind-effects.ts';
import { EntraGroupNotUsable, entraGroupNamed, isGroupLogin } from '../shared/entra-groups.ts';
import { runMemoOf } from '../shared/run-memo.ts';
import { ENTRA_GROUP_PREFIX, entraGroupRef } from '../../model/principal.ts';
import { siteGroupAddress, type SiteGroupProps } from './model.ts';

interface SpPrincipal {
  Id: number;
  Title: string;
  LoginName: string;
  PrincipalType?: number;
  UserPrincipalName?: string | null;
}

interface SpGroup {
  Id: number;
  Title: string;
  Description?: string | null;
  OwnerTitle?: string;
  Owner?: SpPrincipal;
  Users?: SpPrincipal[];
}

const GROUP_SELECT = ['Id', 'Title', 'Description', 'OwnerTitle', 'Owner/Id', 'Owner/Title', 'Owner/LoginName', 'Owner/PrincipalType', 'Users/Id', 'Users/Title', 'Users/LoginName', 'Users/UserPrincipalName'];

/** A principal as the blueprint names it: a user's UPN, a group's name. */
function principalName(p: SpPrincipal): string {
  if (p.PrincipalType === 1 || p.LoginName.includes('|')) return p.UserPrincipalName || upnOfLogin(p.LoginName);
  return p.Title;
}

/**
 * A member as the blueprint names it: a user by UPN, an Entra group as `entra:<its name>`, or as
 * the blueprint wrote it when that names the same group (`named`: the claims logins of the
 * blueprint's `entra:` members, found in the directory).
 */
function memberName(u: SpPrincipal, named: ReadonlyMap<string, string>): string {
  if (isGroupLogin(u.LoginName)) return named.get(u.LoginName.toLowerCase()) ?? `${ENTRA_GROUP_PREFIX}${u.Title}`;
  return u.UserPrincipalName || upnOfLogin(u.LoginName);
}

function memberNames(g: SpGroup, named: ReadonlyMap<string, string> = new Map()): string[] {
  return (g.Users ?? []).map((u) => memberName(u, named));
}

/** The claims logins of the Entra groups among `members` (`entra:…`), to the name the blueprint gives each. */
async function entraMembers(memo: ReadContext['memo'], tenant: TenantClient, members: readonly string[]): Promise<Map<string, string>> {
  const named = new Map<string, string>();
  for (const m of members) {
    const ref = entraGroupRef(m);
    if (ref !== undefined) named.set((await entraGroupNamed(memo, tenant, ref)).login, m);
  }
  return named;
}

/** The key a member is compared by: a user's UPN, an Entra group's claims login (lower case). */
function memberKey(u: SpPrincipal): string {
  return isGroupLogin(u.LoginName) ? u.LoginName.toLowerCase() : (u.UserPrincipalName || upnOfLogin(u.LoginName)).toLowerCase();
}

async function readGroups(ctx: { tenant: TenantClient; memo<T>(k: string, l: () => Promise<T>): Promise<T> }, webUrl: string): Promise<SpGroup[]> {
  return ctx.memo(`sitegroups:${webUrl}`, () => ctx.tenant.sp.call(() => ctx.tenant.sp.query(webUrl, '_api/web/siteGroups').select(...GROUP_SELECT).expand('Owner', 'Users')<SpGroup[]>()));
}

/**
 * Adds a member (a user or an Entra group, by its claims login) to a group. SharePoint makes a member of one already a member no second time, so
 * the add is sent again after no clear answer or a refusal in passing (write-again.ts): one lost
 * answer among a group's member adds left it short of members until the next apply.
 */
async function addMember(tenant: TenantClient, group: ISiteGroup, login: string): Promise<void> {
  await writeAgainWhenPassing(() => tenant.sp.call(() => group.users.add(login)));
}

/** The claims login of a member the blueprint names: a user's, or an Entra group's (found once a run). */
async function memberLogin(ctx: Pick<WriteContext, 'tenant' | 'run'>, member: string): Promise<string> {
  const ref = entraGroupRef(member);
  return ref === undefined ? loginOf(member) : (await entraGroupNamed(runMemoOf(ctx), ctx.tenant, ref)).login;
}

export const siteGroupEffects: KindEffects<'siteGroup'> = {
  uniqueKey: true,
  async read(resource, ctx): Promise<ObservedState<'siteGroup'>> {
    const webUrl = ctx.parentIds.webUrl;
    if (!webUrl) return { status: 'unknown', reason: 'the parent site is not provisioned yet' };
    const groups = await readGroups(ctx, webUrl);
    const want = resource.props.name.toLowerCase();
    const g = groups.find((x) => x.Title.toLowerCase() === want);
    if (!g) return { status: 'absent' };
    let named: Map<string, string>;
    try {
      named = await entraMembers(ctx.memo, ctx.tenant, resource.props.exactMembers ?? resource.props.members ?? []);
    } catch (error) {
      if (!(error instanceof EntraGroupNotUsable)) throw error;
      return { status: 'unknown', reason: error.message };
    }
    const members = memberNames(g, named);
    const props: Partial<SiteGroupProps> = { name: g.Title, description: g.Description ?? '', members, exactMembers: members };
    if (g.Owner) props.owner = principalName(g.Owner);
    // owned by `<the site's title> Owners` whose group kept an older title (own-site-groups.ts):
    // shown under the name the blueprint gives it
    const owner = resource.props.owner;
    if (g.Owner && owner !== undefined && props.owner?.toLowerCase() !== owner.toLowerCase() && (await ownSiteGroupNamed(ctx.tenant, webUrl, owner, ctx.memo))?.Id === g.Owner.Id) props.owner = owner;
    return { status: 'present', id: String(g.Id), ids: groupIds(ctx.parentIds, g.Id), props };
  },

  async create(resource, ctx) {
    const { tenant, parentIds } = ctx;
    const p = resource.props;
    const webUrl = requireWeb(parentIds);
    const web = tenant.sp.web(webUrl).web;
    const created = (await tenant.sp.call(() => web.siteGroups.add({ Title: p.name, Description: p.description ?? '' }))) as { Id?: number; data?: { Id?: number } };
    const id = created.Id ?? created.data?.Id;
    if (id === undefined) throw new Error('SharePoint did not return the new group id');
    rememberGroupId(ctx, webUrl, p.name, id);
    if (p.owner !== undefined) await setOwner(tenant, webUrl, id, p.owner);
    for (const member of p.exactMembers ?? p.members ?? []) await addMember(tenant, web.siteGroups.getById(id), await memberLogin(ctx, member));
    return { id: String(id), ids: groupIds(parentIds, id) };
  },

  async update(resource, id, ids, changed, ctx) {
    const { tenant } = ctx;
    const p = resource.props;
    const webUrl = requireWeb(ids);
    const group = tenant.sp.web(webUrl).web.siteGroups.getById(Number(id));
    if (changed.includes('name')) {
      await tenant.sp.call(() => group.update({ Title: p.name }));
      forgetGroupId(ctx, webUrl, Number(id));
      rememberGroupId(ctx, webUrl, p.name, Number(id));
    }
    if (changed.includes('description')) await tenant.sp.call(() => group.update({ Description: p.description ?? '' }));
    if (changed.includes('owner') && p.owner !== undefined) await setOwner(tenant, webUrl, Number(id), p.owner);
    if (changed.includes('members') || changed.includes('exactMembers')) {
      const users = await tenant.sp.call(() => group.users.select('Id', 'LoginName', 'UserPrincipalName')<SpPrincipal[]>());
      const have = new Map(users.map((u) => [memberKey(u), u]));
      const want = p.exactMembers ?? p.members ?? [];
      // the claims login of each member wanted, by what it is compared by (memberKey): a user's
      // UPN, an Entra group's login
      const wantKeys = new Map<string, string>();
      for (const member of want) {
        const login = await memberLogin(ctx, member);
        wantKeys.set(entraGroupRef(member) === undefined ? member.toLowerCase() : login.toLowerCase(), login);
      }
      for (const [key, login] of wantKeys) {
        if (!have.has(key)) await addMember(tenant, group, login);
      }
      if (p.exactMembers) {
        for (const [key, u] of have) {
          if (!wantKeys.has(key)) await tenant.sp.call(() => group.users.removeById(u.Id));
        }
      }
    }
  },

  async listExisting(parent, parentIds, ctx): Promise<ExistingResource[]> {
    const webUrl = parentIds.webUrl;
    if (!webUrl) return [];
    const groups = await readGroups(ctx, webUrl);
    return groups.map((g) => ({
      address: siteGroupAddress(parent, g.Title),
      id: String(g.Id),
      ids: groupIds(parentIds, g.Id),
      props: { name: g.Title, description: g.Description ?? '', members: memberNames(g) },
    }));
  },

  async delete(_address, _before, id, ids, ctx) {
    const webUrl = requireWeb(ids);
    await ctx.tenant.sp.call(() => ctx.tenant.sp.web(webUrl).web.siteGroups.removeById(Number(id)));
    forgetGroupId(ctx, webUrl, Number(id));
  },
};

async function setOwner(tenant: TenantClient, webUrl: string, groupId: number, owner: string): Promise<void> {
  const ownerId = await principalId(tenant, webUrl, owner);
  await tenant.sp.call(() => tenant.sp.web(webUrl).web.siteGroups.getById(groupId).setUserAsOwner(ownerId));
}

/** The site's ids with the SharePoint group's id (`spGroupId`: `groupId` is the Microsoft 365 group's). */
function groupIds(parentIds: ResourceIds, id: number): ResourceIds {
  return { siteId: parentIds.siteId ?? '', webUrl: parentIds.webUrl ?? '', spGroupId: String(id) };
}
