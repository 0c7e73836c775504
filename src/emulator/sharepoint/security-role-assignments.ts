/**
 * SharePoint REST routes of role assignments and permission inheritance on the root web and on
 * lists (listed in SP_ROUTES of ./index.ts):
 *
 *   _api/web[/lists(guid'…')]/roleassignments[?$expand=Member,RoleDefinitionBindings]   GET
 *   …/roleassignments/addroleassignment(principalid=7,roledefid=…) | removeroleassignment(…)  POST
 *   …/roleassignments/getbyprincipalid(7) | roleassignments(7)   GET, DELETE; /member, /roledefinitionbindings GET
 *   …/breakroleinheritance(copyroleassignments=false,clearsubscopes=true), …/resetroleinheritance  POST
 *   …/HasUniqueRoleAssignments              GET
 *
 * A securable that inherits refuses changes to its assignments; the root web cannot reset.
 */
import { emptyRes, type Res } from '../http.ts';
import type { SpEntity } from './project.ts';
import type { SpRouteCtx, SpRoutes } from './routes-api.ts';
import { assignmentEntity } from './security-entities.ts';
import { assignmentsOf, hasUnique, mutate, namedArgs, num, ownAssignments, requireUnique, roleDefById, secErrors as E, secOf, setAssignments, type Securable } from './security-records.ts';

type State =
  | { t: 'assignments'; on: Securable }
  | { t: 'assignment'; on: Securable; principalId: number }
  | { t: 'assignmentPart'; on: Securable; principalId: number; part: 'member' | 'bindings' }
  | { t: 'assignmentsFn'; on: Securable; name: string; raw: string | null }
  | { t: 'inheritance'; on: Securable; name: 'breakroleinheritance' | 'resetroleinheritance'; raw: string | null }
  | { t: 'hasUnique'; on: Securable };

export const roleAssignmentRoutes: SpRoutes = {
  enter(at, seg): State | undefined {
    if (at.k !== 'web' && at.k !== 'list') return undefined;
    const n = seg.name.toLowerCase();
    const on: Securable = at.k === 'web' ? { k: 'web' } : { k: 'list', listId: at.list.id };
    if (n === 'roleassignments') {
      if (seg.arg === null) return { t: 'assignments', on };
      const id = num(seg.arg);
      return id === undefined ? undefined : { t: 'assignment', on, principalId: id };
    }
    if (n === 'breakroleinheritance' || n === 'resetroleinheritance') return { t: 'inheritance', on, name: n, raw: seg.raw };
    if (n === 'hasuniqueroleassignments') return { t: 'hasUnique', on };
    return undefined;
  },
  step(state, seg): State | undefined {
    const s = state as State;
    const n = seg.name.toLowerCase();
    if (s.t === 'assignments') {
      if (n === 'getbyprincipalid') {
        const id = num(seg.arg);
        return id === undefined ? undefined : { t: 'assignment', on: s.on, principalId: id };
      }
      if (n === 'addroleassignment' || n === 'removeroleassignment') return { t: 'assignmentsFn', on: s.on, name: n, raw: seg.raw };
    }
    if (s.t === 'assignment') {
      if (n === 'member') return { t: 'assignmentPart', on: s.on, principalId: s.principalId, part: 'member' };
      if (n === 'roledefinitionbindings') return { t: 'assignmentPart', on: s.on, principalId: s.principalId, part: 'bindings' };
    }
    return undefined;
  },
  execute: (state, ctx) => execute(state as State, ctx),
};

function execute(state: State, ctx: SpRouteCtx): Res | undefined {
  const isGet = ctx.method === 'GET';
  const isPost = ctx.method === 'POST';
  const rec = secOf(ctx);
  switch (state.t) {
    case 'assignments':
      if (isGet) return ctx.collection(assignmentsOf(rec, state.on).map((a) => assignmentEntity(ctx, rec, state.on, a)), 'SP.ApiData.RoleAssignments');
      return undefined;
    case 'assignment': {
      const a = assignmentsOf(rec, state.on).find((x) => x.principalId === state.principalId);
      if (!a) throw E.sp('Can not find the principal with id: ' + state.principalId + '.', '-2146232832');
      if (isGet) return ctx.entity(assignmentEntity(ctx, rec, state.on, a), 'SP.ApiData.RoleAssignments');
      if (ctx.method === 'DELETE') {
        requireUnique(rec, state.on);
        mutate(ctx, (r) => setAssignments(r, state.on, ownAssignments(r, state.on).filter((x) => x.principalId !== state.principalId)));
        return emptyRes(200);
      }
      return undefined;
    }
    case 'assignmentPart': {
      if (!isGet) return undefined;
      const a = assignmentsOf(rec, state.on).find((x) => x.principalId === state.principalId);
      if (!a) throw E.sp('Can not find the principal with id: ' + state.principalId + '.', '-2146232832');
      const e = assignmentEntity(ctx, rec, state.on, a);
      if (state.part === 'member') {
        const m = e.navs?.Member?.() as SpEntity | undefined;
        if (!m) throw E.userNotFound();
        return ctx.entity(m, m.type === 'SP.User' ? 'SP.ApiData.Users' : 'SP.ApiData.Groups');
      }
      return ctx.collection(e.navs!.RoleDefinitionBindings!() as SpEntity[], 'SP.ApiData.RoleDefinitions');
    }
    case 'assignmentsFn':
      return isPost ? changeAssignment(ctx, state) : undefined;
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

/** addroleassignment / removeroleassignment(principalid=…, roledefid=…) on a securable with unique permissions. */
function changeAssignment(ctx: SpRouteCtx, state: Extract<State, { t: 'assignmentsFn' }>): Res {
  const args = namedArgs(state.raw);
  const principalId = num(args.principalid ?? null);
  const roleDefId = num(args.roledefid ?? null);
  if (principalId === undefined || roleDefId === undefined) throw E.argument('The parameters principalid and roledefid are required.');
  requireUnique(secOf(ctx), state.on);
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
