/**
 * SharePoint REST routes of a site's groups and their members (entries of the table in routes.ts,
 * relative to the web; `{group}` and `{groupname}` found by `SITE_GROUP_RESOLVERS`):
 *
 *   _api/web/sitegroups                     GET, POST {Title, Description}
 *   _api/web/sitegroups(3) | getbyid(3) | getbyname('x')   GET, MERGE, DELETE; /owner; SetUserAsOwner(id)
 *   _api/web/sitegroups/removebyid(3) | removebyloginname('x')   POST
 *   _api/web/associatedownergroup | associatedmembergroup | associatedvisitorgroup   GET
 *   _api/web/sitegroups(3)/users            GET, POST {LoginName}; users(7) | getbyid(7) GET, DELETE
 *   …/users/removebyid(7) | removebyloginname(@v)   POST; getbyloginname(@v) | getbyemail(@v)   GET
 *
 * Deleting a group deletes its role assignments everywhere, as SharePoint does.
 */
import { emptyRes, type Res } from '../http.ts';
import type { SpGroupRec, SpUserRec } from '../security-state.ts';
import type { SpRouteCtx } from './route-context.ts';
import { mountAll, otherMethods, type SpResolvers, type SpRoute } from './route-table.ts';
import { groupEntity, principalEntity, userEntity } from './security-entities.ts';
import { ensureUser, groupById, groupByName, mutate, num, removeMember, removePrincipal, secErrors as E, secOf, str, userByLogin } from './security-records.ts';
import { SP_GROUP, SP_USER } from './body-types.ts';

/** A group's members, relative to the group (`c.groupId`, found). */
const MEMBER_ROUTES: SpRoute[] = [
  {
    method: 'GET',
    pattern: 'users',
    handler: (c) => {
      const rec = secOf(c);
      const g = groupById(rec, c.groupId!);
      const users = g.members.map((id) => rec.users.find((u) => u.id === id)).filter((u): u is SpUserRec => !!u);
      return c.collection(users.map((u) => userEntity(c, u)), 'SP.ApiData.Users');
    },
  },
  { method: 'POST', pattern: 'users', handler: addMember },
  { method: 'GET', pattern: 'users({member:int})', handler: (c) => c.entity(userEntity(c, memberOf(c)), 'SP.ApiData.Users') },
  { method: 'DELETE', pattern: 'users({member:int})', handler: deleteMember },
  otherMethods('users({member:int})', (c) => void memberOf(c)),
  { method: 'GET', pattern: 'users/getbyid({member:int})', handler: (c) => c.entity(userEntity(c, memberOf(c)), 'SP.ApiData.Users') },
  { method: 'DELETE', pattern: 'users/getbyid({member:int})', handler: deleteMember },
  otherMethods('users/getbyid({member:int})', (c) => void memberOf(c)),
  { method: 'POST', pattern: 'users/removebyid({login?})', handler: removeMemberBy('removebyid') },
  { method: 'POST', pattern: 'users/removebyloginname({login?})', handler: removeMemberBy('removebyloginname') },
  { method: 'GET', pattern: 'users/getbyloginname({login?})', handler: memberByLogin },
  { method: 'GET', pattern: 'users/getbyemail({login?})', handler: memberByLogin },
];

/** A group, relative to it. */
const GROUP_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: '', handler: (c) => c.entity(groupEntity(c, secOf(c), groupById(secOf(c), c.groupId!)), 'SP.ApiData.Groups') },
  { method: ['MERGE', 'PATCH', 'PUT'], pattern: '', handler: (c) => updateGroup(c, c.groupId!) },
  {
    method: 'DELETE',
    pattern: '',
    handler: (c) => {
      mutate(c, (r) => removePrincipal(r, c.groupId!));
      return emptyRes(200);
    },
  },
  {
    method: 'GET',
    pattern: 'owner(*)',
    handler: (c) => {
      const rec = secOf(c);
      const owner = principalEntity(c, rec, groupById(rec, c.groupId!).ownerId);
      if (!owner) throw E.userNotFound();
      return c.entity(owner, owner.type === 'SP.User' ? 'SP.ApiData.Users' : 'SP.ApiData.Groups');
    },
  },
  {
    method: 'POST',
    pattern: 'setuserasowner({owner?})',
    handler: (c) => {
      const ownerId = num(c.args.owner!.arg);
      mutate(c, (r) => {
        const g = groupById(r, c.groupId!);
        if (ownerId === undefined || !(r.users.some((u) => u.id === ownerId) || r.groups.some((x) => x.id === ownerId))) throw E.userNotFound();
        g.ownerId = ownerId;
      });
      return emptyRes(200);
    },
  },
  ...MEMBER_ROUTES,
];

/** The site groups, relative to the web. */
export const SITE_GROUP_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: 'sitegroups', handler: (c) => c.collection(secOf(c).groups.map((g) => groupEntity(c, secOf(c), g)), 'SP.ApiData.Groups') },
  { method: 'POST', pattern: 'sitegroups', handler: createGroup },
  { method: 'POST', pattern: 'sitegroups/removebyid({name?})', handler: removeGroupBy('removebyid') },
  { method: 'POST', pattern: 'sitegroups/removebyloginname({name?})', handler: removeGroupBy('removebyloginname') },
  ...mountAll(['sitegroups({group:int})', 'sitegroups/getbyid({group:int})', 'sitegroups/getbyname({groupname})'], GROUP_ROUTES),
  // the web's own Owners, Members and Visitors groups, whatever they are called now (SharePoint
  // keeps the name a group was made with when the site's title changes)
  ...(['owner', 'member', 'visitor'] as const).map(
    (role): SpRoute => ({
      method: 'GET',
      pattern: `associated${role}group`,
      handler: (c) => {
        const rec = secOf(c);
        return c.entity(groupEntity(c, rec, groupById(rec, rec.associated[`${role}s`])), 'SP.ApiData.Groups');
      },
    }),
  ),
];

/** `{group}` (an id) and `{groupname}` (a title, case-insensitively): the group, or the service's 404. */
export const SITE_GROUP_RESOLVERS: SpResolvers = {
  group: (c, seg) => {
    c.groupId = groupById(secOf(c), num(seg.arg)!).id;
  },
  groupname: (c, seg) => {
    c.groupId = groupByName(secOf(c), seg.arg!).id;
  },
};

function removeGroupBy(name: 'removebyid' | 'removebyloginname') {
  return (c: SpRouteCtx): Res => {
    const arg = c.args.name!.arg;
    mutate(c, (r) => {
      const g = name === 'removebyid' ? groupById(r, num(arg) ?? -1) : groupByName(r, arg ?? '');
      removePrincipal(r, g.id);
    });
    return emptyRes(200);
  };
}

/** The member `{member}` of the group (the service looks it up before it looks at the method). */
function memberOf(c: SpRouteCtx): SpUserRec {
  const rec = secOf(c);
  const g = groupById(rec, c.groupId!);
  const id = num(c.args.member!.arg);
  const u = rec.users.find((x) => x.id === id);
  if (!u || !g.members.includes(u.id)) throw E.userNotFound();
  return u;
}

function deleteMember(c: SpRouteCtx): Res {
  const u = memberOf(c);
  mutate(c, (r) => removeMember(groupById(r, c.groupId!), u.id));
  return emptyRes(200);
}

function addMember(c: SpRouteCtx): Res {
  groupById(secOf(c), c.groupId!);
  const b = c.body({ entity: SP_USER });
  const login = typeof b.LoginName === 'string' ? b.LoginName : '';
  if (!login) throw E.argument('The parameter LoginName cannot be empty.');
  const user = mutate(c, (r) => {
    const u = ensureUser(c.store, r, login);
    const grp = groupById(r, c.groupId!);
    if (!grp.members.includes(u.id)) grp.members.push(u.id);
    return u;
  });
  return c.entity(userEntity(c, user), 'SP.ApiData.Users', 201);
}

function memberByLogin(c: SpRouteCtx): Res {
  const rec = secOf(c);
  const g = groupById(rec, c.groupId!);
  const u = userByLogin(rec, c.args.login!.arg ?? '');
  if (!u || !g.members.includes(u.id)) throw E.userNotFound();
  return c.entity(userEntity(c, u), 'SP.ApiData.Users');
}

function removeMemberBy(name: 'removebyid' | 'removebyloginname') {
  return (c: SpRouteCtx): Res => {
    const rec = secOf(c);
    const g = groupById(rec, c.groupId!);
    const arg = c.args.login!.arg;
    const u = name === 'removebyid' ? rec.users.find((x) => x.id === num(arg)) : userByLogin(rec, arg ?? '');
    if (!u || !g.members.includes(u.id)) throw E.userNotFound();
    mutate(c, (r) => removeMember(groupById(r, c.groupId!), u.id));
    return emptyRes(200);
  };
}

function createGroup(ctx: SpRouteCtx): Res {
  const b = ctx.body({ entity: SP_GROUP });
  const title = str(b, 'Title')?.trim();
  if (!title) throw E.argument('The group name is empty.');
  if (title.length > 255) throw E.argument('The group name is too long.');
  const g = mutate(ctx, (r) => {
    if (r.groups.some((x) => x.title.toLowerCase() === title.toLowerCase()) || r.users.some((u) => u.title.toLowerCase() === title.toLowerCase())) {
      throw E.sp('The specified name is already in use.\n\nPlease choose another name.', '-2130575293');
    }
    const grp: SpGroupRec = {
      id: r.nextPrincipalId++,
      title,
      description: str(b, 'Description') ?? '',
      ownerId: r.associated.owners,
      members: [],
      onlyAllowMembersViewMembership: b.OnlyAllowMembersViewMembership === true,
      allowMembersEditMembership: b.AllowMembersEditMembership === true,
    };
    r.groups.push(grp);
    return grp;
  });
  return ctx.entity(groupEntity(ctx, secOf(ctx), g), 'SP.ApiData.Groups', 201);
}

function updateGroup(ctx: SpRouteCtx, id: number): Res {
  const b = ctx.body({ entity: SP_GROUP });
  mutate(ctx, (r) => {
    const g = groupById(r, id);
    const title = str(b, 'Title');
    if (title !== undefined) {
      if (!title.trim()) throw E.argument('The group name is empty.');
      if (r.groups.some((x) => x.id !== id && x.title.toLowerCase() === title.toLowerCase())) throw E.sp('The specified name is already in use.', '-2130575293');
      g.title = title.trim();
    }
    const d = str(b, 'Description');
    if (d !== undefined) g.description = d;
    if (typeof b.OnlyAllowMembersViewMembership === 'boolean') g.onlyAllowMembersViewMembership = b.OnlyAllowMembersViewMembership;
    if (typeof b.AllowMembersEditMembership === 'boolean') g.allowMembersEditMembership = b.AllowMembersEditMembership;
  });
  return emptyRes(204);
}
