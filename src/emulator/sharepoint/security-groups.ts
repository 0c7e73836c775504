/**
 * SharePoint REST routes of a site's groups and their members (listed in SP_ROUTES of ./index.ts):
 *
 *   _api/web/sitegroups                     GET, POST {Title, Description}
 *   _api/web/sitegroups(3) | getbyid(3) | getbyname('x')   GET, MERGE, DELETE; /owner; SetUserAsOwner(id)
 *   _api/web/sitegroups/removebyid(3) | removebyloginname('x')   POST
 *   _api/web/sitegroups(3)/users            GET, POST {LoginName}; users(7) | getbyid(7) GET, DELETE
 *   …/users/removebyid(7) | removebyloginname(@v)   POST; getbyloginname(@v) | getbyemail(@v)   GET
 *
 * Deleting a group deletes its role assignments everywhere, as SharePoint does.
 */
import { emptyRes, type Res } from '../http.ts';
import type { SpGroupRec, SpUserRec } from '../security-state.ts';
import type { SpRouteCtx, SpRoutes } from './routes-api.ts';
import { groupEntity, principalEntity, userEntity } from './security-entities.ts';
import { ensureUser, groupById, groupByName, mutate, num, removeMember, removePrincipal, secErrors as E, secOf, str, userByLogin } from './security-records.ts';

type State =
  | { t: 'groups' }
  | { t: 'groupsFn'; name: string; arg: string | null }
  | { t: 'group'; id: number }
  | { t: 'groupFn'; id: number; name: string; arg: string | null }
  | { t: 'groupOwner'; id: number }
  | { t: 'groupUsers'; id: number }
  | { t: 'groupUser'; id: number; userId: number }
  | { t: 'groupUsersFn'; id: number; name: string; arg: string | null };

export const siteGroupRoutes: SpRoutes = {
  enter(at, seg): State | undefined {
    if (at.k !== 'web' || seg.name.toLowerCase() !== 'sitegroups') return undefined;
    if (seg.arg === null) return { t: 'groups' };
    const id = num(seg.arg);
    return id === undefined ? undefined : { t: 'group', id };
  },
  step(state, seg, ctx): State | undefined {
    const s = state as State;
    const n = seg.name.toLowerCase();
    const rec = secOf(ctx);
    switch (s.t) {
      case 'groups':
        if (n === 'getbyid') {
          const id = num(seg.arg);
          return id === undefined ? undefined : { t: 'group', id };
        }
        if (n === 'getbyname' && seg.arg !== null) return { t: 'group', id: groupByName(rec, seg.arg).id };
        if (n === 'removebyid' || n === 'removebyloginname') return { t: 'groupsFn', name: n, arg: seg.arg };
        return undefined;
      case 'group':
        groupById(rec, s.id);
        if (n === 'users') {
          if (seg.arg === null) return { t: 'groupUsers', id: s.id };
          const uid = num(seg.arg);
          return uid === undefined ? undefined : { t: 'groupUser', id: s.id, userId: uid };
        }
        if (n === 'owner') return { t: 'groupOwner', id: s.id };
        if (n === 'setuserasowner') return { t: 'groupFn', id: s.id, name: n, arg: seg.arg };
        return undefined;
      case 'groupUsers':
        if (n === 'getbyid') {
          const uid = num(seg.arg);
          return uid === undefined ? undefined : { t: 'groupUser', id: s.id, userId: uid };
        }
        if (n === 'removebyid' || n === 'removebyloginname' || n === 'getbyloginname' || n === 'getbyemail') return { t: 'groupUsersFn', id: s.id, name: n, arg: seg.arg };
        return undefined;
      default:
        return undefined;
    }
  },
  execute(state, ctx) {
    const s = state as State;
    const t = s.t;
    if (t === 'groups' || t === 'groupsFn' || t === 'group' || t === 'groupFn' || t === 'groupOwner') return groupRoute(s, ctx);
    return memberRoute(s, ctx);
  },
};

/** The groups, a group, its owner. */
function groupRoute(state: Extract<State, { t: 'groups' | 'groupsFn' | 'group' | 'groupFn' | 'groupOwner' }>, ctx: SpRouteCtx): Res | undefined {
  const { method } = ctx;
  const isGet = method === 'GET';
  const isPost = method === 'POST';
  const rec = secOf(ctx);
  switch (state.t) {
    case 'groups':
      if (isGet) return ctx.collection(rec.groups.map((g) => groupEntity(ctx, rec, g)), 'SP.ApiData.Groups');
      if (isPost) return createGroup(ctx);
      return undefined;
    case 'groupsFn':
      if (!isPost) return undefined;
      mutate(ctx, (r) => {
        const g = state.name === 'removebyid' ? groupById(r, num(state.arg) ?? -1) : groupByName(r, state.arg ?? '');
        removePrincipal(r, g.id);
      });
      return emptyRes(200);
    case 'group': {
      const g = groupById(rec, state.id);
      if (isGet) return ctx.entity(groupEntity(ctx, rec, g), 'SP.ApiData.Groups');
      if (method === 'MERGE' || method === 'PATCH' || method === 'PUT') return updateGroup(ctx, g.id);
      if (method === 'DELETE') {
        mutate(ctx, (r) => removePrincipal(r, g.id));
        return emptyRes(200);
      }
      return undefined;
    }
    case 'groupOwner': {
      const g = groupById(rec, state.id);
      const owner = principalEntity(ctx, rec, g.ownerId);
      if (isGet && owner) return ctx.entity(owner, owner.type === 'SP.User' ? 'SP.ApiData.Users' : 'SP.ApiData.Groups');
      if (isGet) throw E.userNotFound();
      return undefined;
    }
    case 'groupFn': {
      if (!isPost) return undefined;
      const ownerId = num(state.arg);
      mutate(ctx, (r) => {
        const g = groupById(r, state.id);
        if (ownerId === undefined || !(r.users.some((u) => u.id === ownerId) || r.groups.some((x) => x.id === ownerId))) throw E.userNotFound();
        g.ownerId = ownerId;
      });
      return emptyRes(200);
    }
  }
}

/** A group's members. */
function memberRoute(state: Extract<State, { t: 'groupUsers' | 'groupUser' | 'groupUsersFn' }>, ctx: SpRouteCtx): Res | undefined {
  const { method } = ctx;
  const isGet = method === 'GET';
  const isPost = method === 'POST';
  const rec = secOf(ctx);
  switch (state.t) {
    case 'groupUsers': {
      const g = groupById(rec, state.id);
      if (isGet) {
        const users = g.members.map((id) => rec.users.find((u) => u.id === id)).filter((u): u is SpUserRec => !!u);
        return ctx.collection(users.map((u) => userEntity(ctx, u)), 'SP.ApiData.Users');
      }
      if (isPost) {
        const b = ctx.body();
        const login = typeof b.LoginName === 'string' ? b.LoginName : '';
        if (!login) throw E.argument('The parameter LoginName cannot be empty.');
        const user = mutate(ctx, (r) => {
          const u = ensureUser(ctx.store, r, login);
          const grp = groupById(r, state.id);
          if (!grp.members.includes(u.id)) grp.members.push(u.id);
          return u;
        });
        return ctx.entity(userEntity(ctx, user), 'SP.ApiData.Users', 201);
      }
      return undefined;
    }
    case 'groupUser': {
      const g = groupById(rec, state.id);
      const u = rec.users.find((x) => x.id === state.userId);
      if (!u || !g.members.includes(u.id)) throw E.userNotFound();
      if (isGet) return ctx.entity(userEntity(ctx, u), 'SP.ApiData.Users');
      if (method === 'DELETE') {
        mutate(ctx, (r) => removeMember(groupById(r, state.id), u.id));
        return emptyRes(200);
      }
      return undefined;
    }
    case 'groupUsersFn': {
      const g = groupById(rec, state.id);
      const u = state.name === 'removebyid' ? rec.users.find((x) => x.id === num(state.arg)) : userByLogin(rec, state.arg ?? '');
      if (state.name === 'getbyloginname' || state.name === 'getbyemail') {
        if (!isGet) return undefined;
        if (!u || !g.members.includes(u.id)) throw E.userNotFound();
        return ctx.entity(userEntity(ctx, u), 'SP.ApiData.Users');
      }
      if (!isPost) return undefined;
      if (!u || !g.members.includes(u.id)) throw E.userNotFound();
      mutate(ctx, (r) => removeMember(groupById(r, state.id), u.id));
      return emptyRes(200);
    }
  }
}

function createGroup(ctx: SpRouteCtx): Res {
  const b = ctx.body();
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
  const b = ctx.body();
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
