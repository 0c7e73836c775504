/**
 * SharePoint REST routes of site security: site groups and their users, site users and
 * ensureuser, role definitions, role assignments with breaking/resetting inheritance on the root
 * web and on lists; the tenant admin host's `SPO.Tenant/sites('<id>')` is tenant-sites.ts's.
 *
 *   _api/web/sitegroups                     GET, POST {Title, Description}
 *   _api/web/sitegroups(3) | getbyid(3) | getbyname('x')   GET, MERGE, DELETE; /owner; SetUserAsOwner(id)
 *   _api/web/sitegroups/removebyid(3) | removebyloginname('x')   POST
 *   _api/web/sitegroups(3)/users            GET, POST {LoginName}; removebyid(7) | removebyloginname(@v) POST
 *   _api/web/siteusers, getuserbyid(7), ensureuser {logonName}
 *   _api/web/roledefinitions                GET, POST {Name, Description, Order, BasePermissions {High, Low}}
 *   _api/web/roledefinitions(id) | getbyid(id) | getbyname('x') | getbytype(n)   GET, MERGE, DELETE
 *   _api/web[/lists(guid'…')]/roleassignments[?$expand=Member,RoleDefinitionBindings]
 *   …/roleassignments/addroleassignment(principalid=7,roledefid=…) | removeroleassignment(…)  POST
 *   …/roleassignments/getbyprincipalid(7) | roleassignments(7)   GET, DELETE
 *   …/breakroleinheritance(copyroleassignments=false,clearsubscopes=true), …/resetroleinheritance  POST
 *   …/HasUniqueRoleAssignments              GET
 */
import { emptyRes, isObj, type Res } from '../http.ts';
import type { Store } from '../store.ts';
import { isBuiltinRoleDef, type AssignmentRec, type RoleDefRec, type SiteSecurityRec, type SpGroupRec, type SpUserRec } from '../security-state.ts';
import { apiBase, type SpEntity } from './project.ts';
import { notFoundSegment, SpError, type SpRouteCtx, type SpRoutes, type SpScope, type SpSeg } from './routes-api.ts';
import { tenantSiteRoute } from './tenant-sites.ts';

type Securable = { k: 'web' } | { k: 'list'; listId: string };

type State =
  | { t: 'groups' }
  | { t: 'groupsFn'; name: string; arg: string | null }
  | { t: 'group'; id: number }
  | { t: 'groupFn'; id: number; name: string; arg: string | null }
  | { t: 'groupOwner'; id: number }
  | { t: 'groupUsers'; id: number }
  | { t: 'groupUser'; id: number; userId: number }
  | { t: 'groupUsersFn'; id: number; name: string; arg: string | null }
  | { t: 'users' }
  | { t: 'user'; id: number }
  | { t: 'ensureUser' }
  | { t: 'roleDefs' }
  | { t: 'roleDef'; id: number }
  | { t: 'assignments'; on: Securable }
  | { t: 'assignment'; on: Securable; principalId: number }
  | { t: 'assignmentPart'; on: Securable; principalId: number; part: 'member' | 'bindings' }
  | { t: 'assignmentsFn'; on: Securable; name: string; raw: string | null }
  | { t: 'inheritance'; on: Securable; name: 'breakroleinheritance' | 'resetroleinheritance'; raw: string | null }
  | { t: 'hasUnique'; on: Securable };

const CLAIMS = 'i:0#.f|membership|';

const E = {
  groupNotFound: () => new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'Group cannot be found.'),
  userNotFound: () => new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'User cannot be found.'),
  roleDefNotFound: () => new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'Permission level cannot be found.'),
  argument: (msg: string) => new SpError(400, '-2147024809, System.ArgumentException', msg),
  sp: (msg: string, code = '-2146232832') => new SpError(400, `${code}, Microsoft.SharePoint.SPException`, msg),
  notFound: (msg: string) => new SpError(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', msg),
};

// ------------------------------------------------------------------ record helpers

function secOf(ctx: SpRouteCtx): SiteSecurityRec {
  return ctx.store.sec.of(ctx.site);
}

/** Changes a copy of the site's record and commits it (one journal op). */
function mutate<T>(ctx: SpRouteCtx, change: (rec: SiteSecurityRec) => T): T {
  const rec = structuredClone(secOf(ctx));
  const out = change(rec);
  ctx.store.commit({ k: 'sec', v: rec });
  return out;
}

function groupById(rec: SiteSecurityRec, id: number): SpGroupRec {
  const g = rec.groups.find((x) => x.id === id);
  if (!g) throw E.groupNotFound();
  return g;
}

function groupByName(rec: SiteSecurityRec, name: string): SpGroupRec {
  const n = name.toLowerCase();
  const g = rec.groups.find((x) => x.title.toLowerCase() === n);
  if (!g) throw E.groupNotFound();
  return g;
}

function roleDefById(rec: SiteSecurityRec, id: number): RoleDefRec {
  const d = rec.roleDefs.find((x) => x.id === id);
  if (!d) throw E.roleDefNotFound();
  return d;
}

function upnOfLogin(login: string): string {
  const l = login.trim();
  return l.toLowerCase().startsWith(CLAIMS) ? l.slice(CLAIMS.length) : l;
}

function userByLogin(rec: SiteSecurityRec, login: string): SpUserRec | undefined {
  const upn = upnOfLogin(login).toLowerCase();
  return rec.users.find((u) => u.upn.toLowerCase() === upn || u.loginName.toLowerCase() === login.toLowerCase());
}

/** ensureuser: the site user of a directory user, added to the site collection when new. */
function ensureUser(store: Store, rec: SiteSecurityRec, login: string): SpUserRec {
  const known = userByLogin(rec, login);
  if (known) return known;
  const aad = store.getUser(upnOfLogin(login));
  if (!aad) throw E.sp(`The specified user ${login} could not be found.`);
  const user: SpUserRec = {
    id: rec.nextPrincipalId++,
    loginName: `${CLAIMS}${aad.userPrincipalName.toLowerCase()}`,
    title: aad.displayName,
    email: aad.mail ?? aad.userPrincipalName,
    upn: aad.userPrincipalName,
    aadId: aad.id,
  };
  rec.users.push(user);
  return user;
}

function num(s: string | null): number | undefined {
  if (s === null || !/^\s*-?\d+\s*$/.test(s)) return undefined;
  return Number(s);
}

/** `principalid=7, roledefid=1073741826` -> { principalid: '7', roledefid: '1073741826' } */
function namedArgs(raw: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (raw ?? '').split(',')) {
    const m = /^\s*([A-Za-z]+)\s*=\s*(.*?)\s*$/.exec(part);
    if (m) out[m[1]!.toLowerCase()] = m[2]!.replace(/^'(.*)'$/, '$1');
  }
  return out;
}

function assignmentsOf(ctx: SpRouteCtx, rec: SiteSecurityRec, on: Securable): AssignmentRec[] {
  if (on.k === 'list') return rec.lists[on.listId] ?? rec.web;
  return rec.web;
}

function hasUnique(rec: SiteSecurityRec, on: Securable): boolean {
  return on.k === 'web' || rec.lists[on.listId] !== undefined;
}

// ------------------------------------------------------------------ entities

function base(ctx: SpRouteCtx): string {
  return apiBase(ctx.store, ctx.site);
}

function userEntity(ctx: SpRouteCtx, u: SpUserRec): SpEntity {
  const path = `Web/GetUserById(${u.id})`;
  return {
    type: 'SP.User',
    id: `${base(ctx)}/${path}`,
    editLink: path,
    props: {
      Id: u.id,
      IsHiddenInUI: false,
      LoginName: u.loginName,
      Title: u.title,
      PrincipalType: 1,
      Email: u.email,
      Expiration: '',
      IsEmailAuthenticationGuestUser: false,
      IsShareByEmailGuestUser: false,
      IsSiteAdmin: false,
      UserId: { NameId: u.aadId.replace(/-/g, '').slice(0, 16), NameIdIssuer: 'urn:federation:microsoftonline' },
      UserPrincipalName: u.upn,
    },
  };
}

function groupEntity(ctx: SpRouteCtx, rec: SiteSecurityRec, g: SpGroupRec): SpEntity {
  const path = `Web/SiteGroups/GetById(${g.id})`;
  const owner = principalEntity(ctx, rec, g.ownerId, false);
  return {
    type: 'SP.Group',
    id: `${base(ctx)}/${path}`,
    editLink: path,
    props: {
      Id: g.id,
      IsHiddenInUI: false,
      LoginName: g.title,
      Title: g.title,
      PrincipalType: 8,
      AllowMembersEditMembership: g.allowMembersEditMembership,
      AllowRequestToJoinLeave: false,
      AutoAcceptRequestToJoinLeave: false,
      Description: g.description,
      OnlyAllowMembersViewMembership: g.onlyAllowMembersViewMembership,
      OwnerTitle: owner ? (owner.props.Title as string) : '',
      RequestToJoinLeaveEmailSetting: null,
    },
    navs: {
      ...(owner ? { Owner: () => owner } : {}),
      Users: () => g.members.map((id) => rec.users.find((u) => u.id === id)).filter((u): u is SpUserRec => !!u).map((u) => userEntity(ctx, u)),
    },
  };
}

function principalEntity(ctx: SpRouteCtx, rec: SiteSecurityRec, id: number, deep = true): SpEntity | undefined {
  const u = rec.users.find((x) => x.id === id);
  if (u) return userEntity(ctx, u);
  const g = rec.groups.find((x) => x.id === id);
  if (!g) return undefined;
  if (deep) return groupEntity(ctx, rec, g);
  const path = `Web/SiteGroups/GetById(${g.id})`;
  return { type: 'SP.Group', id: `${base(ctx)}/${path}`, editLink: path, props: { Id: g.id, IsHiddenInUI: false, LoginName: g.title, Title: g.title, PrincipalType: 8 } };
}

function roleDefEntity(ctx: SpRouteCtx, d: RoleDefRec): SpEntity {
  const path = `Web/RoleDefinitions(${d.id})`;
  return {
    type: 'SP.RoleDefinition',
    id: `${base(ctx)}/${path}`,
    editLink: path,
    props: {
      BasePermissions: { High: String(d.high), Low: String(d.low) },
      Description: d.description,
      Hidden: d.hidden,
      Id: d.id,
      Name: d.name,
      Order: d.order,
      RoleTypeKind: d.roleTypeKind,
    },
  };
}

function securablePath(ctx: SpRouteCtx, on: Securable): string {
  return on.k === 'web' ? 'Web' : `Web/Lists(guid'${on.listId}')`;
}

function assignmentEntity(ctx: SpRouteCtx, rec: SiteSecurityRec, on: Securable, a: AssignmentRec): SpEntity {
  const path = `${securablePath(ctx, on)}/RoleAssignments/GetByPrincipalId(${a.principalId})`;
  const member = principalEntity(ctx, rec, a.principalId);
  return {
    type: 'SP.RoleAssignment',
    id: `${base(ctx)}/${path}`,
    editLink: path,
    props: { PrincipalId: a.principalId },
    navs: {
      ...(member ? { Member: () => member } : {}),
      RoleDefinitionBindings: () => a.roleDefIds.map((id) => rec.roleDefs.find((d) => d.id === id)).filter((d): d is RoleDefRec => !!d).map((d) => roleDefEntity(ctx, d)),
    },
  };
}

// ------------------------------------------------------------------ walking

function enter(at: SpScope, seg: SpSeg, ctx: SpRouteCtx): State | undefined {
  const n = seg.name.toLowerCase();
  if (at.k === 'web') {
    if (n === 'sitegroups') {
      if (seg.arg === null) return { t: 'groups' };
      const id = num(seg.arg);
      return id === undefined ? undefined : { t: 'group', id };
    }
    if (n === 'siteusers') {
      if (seg.arg === null) return { t: 'users' };
      const id = num(seg.arg);
      return id === undefined ? undefined : { t: 'user', id };
    }
    if (n === 'getuserbyid') {
      const id = num(seg.arg);
      return id === undefined ? undefined : { t: 'user', id };
    }
    if (n === 'ensureuser') return { t: 'ensureUser' };
    if (n === 'roledefinitions') {
      if (seg.arg === null) return { t: 'roleDefs' };
      const id = num(seg.arg);
      return id === undefined ? undefined : { t: 'roleDef', id };
    }
  }
  if (at.k === 'web' || at.k === 'list') {
    const on: Securable = at.k === 'web' ? { k: 'web' } : { k: 'list', listId: at.list.id };
    if (n === 'roleassignments') {
      if (seg.arg === null) return { t: 'assignments', on };
      const id = num(seg.arg);
      return id === undefined ? undefined : { t: 'assignment', on, principalId: id };
    }
    if (n === 'breakroleinheritance' || n === 'resetroleinheritance') return { t: 'inheritance', on, name: n, raw: seg.raw };
    if (n === 'hasuniqueroleassignments') return { t: 'hasUnique', on };
  }
  void ctx;
  return undefined;
}

function step(state: State, seg: SpSeg, ctx: SpRouteCtx): State | undefined {
  const n = seg.name.toLowerCase();
  const rec = secOf(ctx);
  switch (state.t) {
    case 'groups':
      if (n === 'getbyid') {
        const id = num(seg.arg);
        return id === undefined ? undefined : { t: 'group', id };
      }
      if (n === 'getbyname' && seg.arg !== null) return { t: 'group', id: groupByName(rec, seg.arg).id };
      if (n === 'removebyid' || n === 'removebyloginname') return { t: 'groupsFn', name: n, arg: seg.arg };
      return undefined;
    case 'group':
      groupById(rec, state.id);
      if (n === 'users') {
        if (seg.arg === null) return { t: 'groupUsers', id: state.id };
        const uid = num(seg.arg);
        return uid === undefined ? undefined : { t: 'groupUser', id: state.id, userId: uid };
      }
      if (n === 'owner') return { t: 'groupOwner', id: state.id };
      if (n === 'setuserasowner') return { t: 'groupFn', id: state.id, name: n, arg: seg.arg };
      return undefined;
    case 'groupUsers':
      if (n === 'getbyid') {
        const uid = num(seg.arg);
        return uid === undefined ? undefined : { t: 'groupUser', id: state.id, userId: uid };
      }
      if (n === 'removebyid' || n === 'removebyloginname' || n === 'getbyloginname' || n === 'getbyemail') return { t: 'groupUsersFn', id: state.id, name: n, arg: seg.arg };
      return undefined;
    case 'users':
      if (n === 'getbyid') {
        const id = num(seg.arg);
        return id === undefined ? undefined : { t: 'user', id };
      }
      if (n === 'getbyemail' && seg.arg !== null) {
        const u = userByLogin(rec, seg.arg);
        if (!u) throw E.userNotFound();
        return { t: 'user', id: u.id };
      }
      return undefined;
    case 'roleDefs': {
      if (n === 'getbyid') {
        const id = num(seg.arg);
        return id === undefined ? undefined : { t: 'roleDef', id };
      }
      if (n === 'getbyname' && seg.arg !== null) {
        const want = seg.arg.toLowerCase();
        const d = rec.roleDefs.find((x) => x.name.toLowerCase() === want);
        if (!d) throw E.roleDefNotFound();
        return { t: 'roleDef', id: d.id };
      }
      if (n === 'getbytype') {
        const kind = num(seg.arg);
        const d = rec.roleDefs.find((x) => x.roleTypeKind === kind && kind !== 0) ?? (kind === 0 ? undefined : undefined);
        if (!d) throw E.roleDefNotFound();
        return { t: 'roleDef', id: d.id };
      }
      return undefined;
    }
    case 'assignments':
      if (n === 'getbyprincipalid') {
        const id = num(seg.arg);
        return id === undefined ? undefined : { t: 'assignment', on: state.on, principalId: id };
      }
      if (n === 'addroleassignment' || n === 'removeroleassignment') return { t: 'assignmentsFn', on: state.on, name: n, raw: seg.raw };
      return undefined;
    case 'assignment':
      if (n === 'member') return { t: 'assignmentPart', on: state.on, principalId: state.principalId, part: 'member' };
      if (n === 'roledefinitionbindings') return { t: 'assignmentPart', on: state.on, principalId: state.principalId, part: 'bindings' };
      return undefined;
    default:
      return undefined;
  }
}

// ------------------------------------------------------------------ execution

function execute(state: State, ctx: SpRouteCtx): Res | undefined {
  const { method } = ctx;
  const isGet = method === 'GET';
  const isPost = method === 'POST';
  const isMerge = method === 'MERGE' || method === 'PATCH' || method === 'PUT';
  const isDelete = method === 'DELETE';
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
      if (isMerge) return updateGroup(ctx, g.id);
      if (isDelete) {
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
      if (isDelete) {
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
    case 'users':
      if (isGet) return ctx.collection(rec.users.map((u) => userEntity(ctx, u)), 'SP.ApiData.Users');
      if (isPost) {
        const b = ctx.body();
        const login = typeof b.LoginName === 'string' ? b.LoginName : '';
        const user = mutate(ctx, (r) => ensureUser(ctx.store, r, login));
        return ctx.entity(userEntity(ctx, user), 'SP.ApiData.Users', 201);
      }
      return undefined;
    case 'user': {
      const u = rec.users.find((x) => x.id === state.id);
      if (!u) throw E.userNotFound();
      if (isGet) return ctx.entity(userEntity(ctx, u), 'SP.ApiData.Users');
      return undefined;
    }
    case 'ensureUser': {
      if (!isPost) return undefined;
      const b = ctx.body();
      const login = typeof b.logonName === 'string' ? b.logonName : typeof b.LogonName === 'string' ? b.LogonName : '';
      if (!login) throw E.argument('The parameter logonName cannot be empty.');
      const existing = userByLogin(rec, login);
      const user = existing ?? mutate(ctx, (r) => ensureUser(ctx.store, r, login));
      return ctx.entity(userEntity(ctx, user), 'SP.ApiData.Users');
    }
    case 'roleDefs':
      if (isGet) return ctx.collection(rec.roleDefs.map((d) => roleDefEntity(ctx, d)), 'SP.ApiData.RoleDefinitions');
      if (isPost) return createRoleDef(ctx);
      return undefined;
    case 'roleDef': {
      const d = roleDefById(rec, state.id);
      if (isGet) return ctx.entity(roleDefEntity(ctx, d), 'SP.ApiData.RoleDefinitions');
      if (isMerge) return updateRoleDef(ctx, d.id);
      if (isDelete) {
        if (isBuiltinRoleDef(d.id)) throw E.sp('You cannot delete a default permission level.');
        mutate(ctx, (r) => {
          r.roleDefs = r.roleDefs.filter((x) => x.id !== d.id);
          const strip = (as: AssignmentRec[]) => as.map((a) => ({ ...a, roleDefIds: a.roleDefIds.filter((id) => id !== d.id) })).filter((a) => a.roleDefIds.length > 0);
          r.web = strip(r.web);
          for (const k of Object.keys(r.lists)) r.lists[k] = strip(r.lists[k]!);
        });
        return emptyRes(200);
      }
      return undefined;
    }
    case 'assignments':
      if (isGet) return ctx.collection(assignmentsOf(ctx, rec, state.on).map((a) => assignmentEntity(ctx, rec, state.on, a)), 'SP.ApiData.RoleAssignments');
      return undefined;
    case 'assignment': {
      const a = assignmentsOf(ctx, rec, state.on).find((x) => x.principalId === state.principalId);
      if (!a) throw E.sp('Can not find the principal with id: ' + state.principalId + '.', '-2146232832');
      if (isGet) return ctx.entity(assignmentEntity(ctx, rec, state.on, a), 'SP.ApiData.RoleAssignments');
      if (isDelete) {
        requireUnique(rec, state.on);
        mutate(ctx, (r) => setAssignments(r, state.on, ownAssignments(r, state.on).filter((x) => x.principalId !== state.principalId)));
        return emptyRes(200);
      }
      return undefined;
    }
    case 'assignmentPart': {
      if (!isGet) return undefined;
      const a = assignmentsOf(ctx, rec, state.on).find((x) => x.principalId === state.principalId);
      if (!a) throw E.sp('Can not find the principal with id: ' + state.principalId + '.', '-2146232832');
      const e = assignmentEntity(ctx, rec, state.on, a);
      if (state.part === 'member') {
        const m = e.navs?.Member?.() as SpEntity | undefined;
        if (!m) throw E.userNotFound();
        return ctx.entity(m, m.type === 'SP.User' ? 'SP.ApiData.Users' : 'SP.ApiData.Groups');
      }
      return ctx.collection(e.navs!.RoleDefinitionBindings!() as SpEntity[], 'SP.ApiData.RoleDefinitions');
    }
    case 'assignmentsFn': {
      if (!isPost) return undefined;
      const args = namedArgs(state.raw);
      const principalId = num(args.principalid ?? null);
      const roleDefId = num(args.roledefid ?? null);
      if (principalId === undefined || roleDefId === undefined) throw E.argument('The parameters principalid and roledefid are required.');
      requireUnique(rec, state.on);
      mutate(ctx, (r) => {
        if (!r.users.some((u) => u.id === principalId) && !r.groups.some((g) => g.id === principalId)) throw E.sp('Can not find the principal with id: ' + principalId + '.');
        roleDefById(r, roleDefId);
        const own = ownAssignments(r, state.on).map((a) => ({ ...a, roleDefIds: [...a.roleDefIds] }));
        let a = own.find((x) => x.principalId === principalId);
        if (state.name === 'addroleassignment') {
          if (!a) own.push((a = { principalId, roleDefIds: [] }));
          if (!a.roleDefIds.includes(roleDefId)) a.roleDefIds.push(roleDefId);
          setAssignments(r, state.on, own);
        } else if (a) {
          a.roleDefIds = a.roleDefIds.filter((id) => id !== roleDefId);
          setAssignments(r, state.on, own.filter((x) => x.roleDefIds.length > 0));
        }
      });
      return emptyRes(200);
    }
    case 'inheritance': {
      if (!isPost) return undefined;
      const on = state.on;
      if (state.name === 'resetroleinheritance') {
        if (on.k === 'web') throw E.sp('Cannot reset the permissions of the top-level site of a site collection: it has no parent to inherit from.');
        if (rec.lists[on.listId] !== undefined) mutate(ctx, (r) => void delete r.lists[on.listId]);
        return emptyRes(200);
      }
      const args = namedArgs(state.raw);
      const copy = (args.copyroleassignments ?? 'true').toLowerCase() !== 'false';
      if (on.k === 'list' && rec.lists[on.listId] === undefined) {
        mutate(ctx, (r) => {
          r.lists[on.listId] = copy ? r.web.map((a) => ({ principalId: a.principalId, roleDefIds: [...a.roleDefIds] })) : [];
        });
      }
      return emptyRes(200);
    }
    case 'hasUnique':
      if (isGet) return ctx.value('HasUniqueRoleAssignments', 'Edm.Boolean', hasUnique(rec, state.on));
      return undefined;
  }
}

function requireUnique(rec: SiteSecurityRec, on: Securable): void {
  if (!hasUnique(rec, on)) throw E.sp('This operation is not allowed on an object that inherits permissions.', '-2147024891');
}

function ownAssignments(rec: SiteSecurityRec, on: Securable): AssignmentRec[] {
  return on.k === 'web' ? rec.web : (rec.lists[on.listId] ?? []);
}

function setAssignments(rec: SiteSecurityRec, on: Securable, as: AssignmentRec[]): void {
  if (on.k === 'web') rec.web = as;
  else rec.lists[on.listId] = as;
}

function removeMember(g: SpGroupRec, userId: number): void {
  g.members = g.members.filter((id) => id !== userId);
}

/** Deletes a group with its role assignments everywhere (as SharePoint does). */
function removePrincipal(rec: SiteSecurityRec, id: number): void {
  rec.groups = rec.groups.filter((g) => g.id !== id);
  rec.web = rec.web.filter((a) => a.principalId !== id);
  for (const k of Object.keys(rec.lists)) rec.lists[k] = rec.lists[k]!.filter((a) => a.principalId !== id);
}

function str(b: Record<string, unknown>, k: string): string | undefined {
  const v = b[k];
  return typeof v === 'string' ? v : v === null ? '' : undefined;
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

function basePermissionsOf(b: Record<string, unknown>): { high: number; low: number } | undefined {
  const bp = b.BasePermissions;
  if (bp === undefined) return undefined;
  if (!isObj(bp)) throw E.argument('Invalid BasePermissions.');
  const high = Number(bp.High);
  const low = Number(bp.Low);
  if (!Number.isInteger(high) || !Number.isInteger(low) || high < 0 || low < 0 || high > 0xffffffff || low > 0xffffffff) throw E.argument('Invalid BasePermissions.');
  return { high, low };
}

function createRoleDef(ctx: SpRouteCtx): Res {
  const b = ctx.body();
  const name = str(b, 'Name')?.trim();
  if (!name) throw E.argument('The permission level name cannot be empty.');
  const bp = basePermissionsOf(b) ?? { high: 0, low: 0 };
  const d = mutate(ctx, (r) => {
    if (r.roleDefs.some((x) => x.name.toLowerCase() === name.toLowerCase())) throw E.sp('The role definition name already exists.', '-2130575293');
    const def: RoleDefRec = {
      id: r.nextRoleDefId++,
      name,
      description: str(b, 'Description') ?? '',
      high: bp.high,
      low: bp.low,
      roleTypeKind: 0,
      order: typeof b.Order === 'number' ? b.Order : 1000,
      hidden: false,
    };
    r.roleDefs.push(def);
    return def;
  });
  return ctx.entity(roleDefEntity(ctx, d), 'SP.ApiData.RoleDefinitions', 201);
}

function updateRoleDef(ctx: SpRouteCtx, id: number): Res {
  if (isBuiltinRoleDef(id)) throw E.sp('You cannot customize a default permission level.', '-2147024891');
  const b = ctx.body();
  mutate(ctx, (r) => {
    const d = roleDefById(r, id);
    const name = str(b, 'Name');
    if (name !== undefined) {
      if (!name.trim()) throw E.argument('The permission level name cannot be empty.');
      if (r.roleDefs.some((x) => x.id !== id && x.name.toLowerCase() === name.toLowerCase())) throw E.sp('The role definition name already exists.', '-2130575293');
      d.name = name.trim();
    }
    const desc = str(b, 'Description');
    if (desc !== undefined) d.description = desc;
    const bp = basePermissionsOf(b);
    if (bp) {
      d.high = bp.high;
      d.low = bp.low;
    }
    if (typeof b.Order === 'number') d.order = b.Order;
  });
  return emptyRes(204);
}

export const securityRoutes: SpRoutes = {
  enter: (at, seg, ctx) => enter(at, seg, ctx),
  step: (state, seg, ctx) => step(state as State, seg, ctx),
  execute: (state, ctx) => execute(state as State, ctx),
  admin: tenantSiteRoute,
};

void notFoundSegment;
void E.notFound;
