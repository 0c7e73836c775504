/**
 * SharePoint REST routes of role assignments and permission inheritance on the root web and on
 * lists (entries of the table in routes.ts, relative to the web or a list: `c.list`):
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
import type { AssignmentRec } from '../security-state.ts';
import type { SpEntity } from './project.ts';
import type { SpRouteCtx } from './route-context.ts';
import { otherMethods, type SpRoute } from './route-table.ts';
import { assignmentEntity } from './security-entities.ts';
import { assignmentsOf, hasUnique, mutate, namedArgs, num, ownAssignments, requireUnique, roleDefById, secErrors as E, secOf, setAssignments, type Securable } from './security-records.ts';

/** What the request's role assignments are on: the list the path names, else the root web. */
function securableOf(c: SpRouteCtx): Securable {
  return c.list ? { k: 'list', listId: c.list.id } : { k: 'web' };
}

/** The assignment of the principal `{principal}` (the service looks it up before it looks at the method). */
function assignmentOf(c: SpRouteCtx): AssignmentRec {
  const principalId = num(c.args.principal!.arg)!;
  const a = assignmentsOf(secOf(c), securableOf(c)).find((x) => x.principalId === principalId);
  if (!a) throw E.sp('Can not find the principal with id: ' + principalId + '.', '-2146232832');
  return a;
}

/** One assignment, relative to it. */
const ASSIGNMENT_ROUTES = (prefix: string): SpRoute[] => [
  { method: 'GET', pattern: prefix, handler: (c) => c.entity(assignmentEntity(c, secOf(c), securableOf(c), assignmentOf(c)), 'SP.ApiData.RoleAssignments') },
  {
    method: 'DELETE',
    pattern: prefix,
    handler: (c) => {
      const on = securableOf(c);
      const principalId = assignmentOf(c).principalId;
      requireUnique(secOf(c), on);
      mutate(c, (r) => setAssignments(r, on, ownAssignments(r, on).filter((x) => x.principalId !== principalId)));
      return emptyRes(200);
    },
  },
  otherMethods(prefix, (c) => void assignmentOf(c)),
  {
    method: 'GET',
    pattern: `${prefix}/member(*)`,
    handler: (c) => {
      const m = assignmentEntity(c, secOf(c), securableOf(c), assignmentOf(c)).navs?.Member?.() as SpEntity | undefined;
      if (!m) throw E.userNotFound();
      return c.entity(m, m.type === 'SP.User' ? 'SP.ApiData.Users' : 'SP.ApiData.Groups');
    },
  },
  {
    method: 'GET',
    pattern: `${prefix}/roledefinitionbindings(*)`,
    handler: (c) => c.collection(assignmentEntity(c, secOf(c), securableOf(c), assignmentOf(c)).navs!.RoleDefinitionBindings!() as SpEntity[], 'SP.ApiData.RoleDefinitions'),
  },
];

/** Role assignments and inheritance, relative to the web or a list. */
export const ROLE_ASSIGNMENT_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: 'roleassignments', handler: (c) => c.collection(assignmentsOf(secOf(c), securableOf(c)).map((a) => assignmentEntity(c, secOf(c), securableOf(c), a)), 'SP.ApiData.RoleAssignments') },
  ...ASSIGNMENT_ROUTES('roleassignments({principal:int})'),
  ...ASSIGNMENT_ROUTES('roleassignments/getbyprincipalid({principal:int})'),
  { method: 'POST', pattern: 'roleassignments/addroleassignment({call?})', handler: (c) => changeAssignment(c, 'addroleassignment') },
  { method: 'POST', pattern: 'roleassignments/removeroleassignment({call?})', handler: (c) => changeAssignment(c, 'removeroleassignment') },
  {
    method: 'POST',
    pattern: 'breakroleinheritance({call?})',
    handler: (c) => {
      const on = securableOf(c);
      const args = namedArgs(c.args.call!.raw);
      const copy = (args.copyroleassignments ?? 'true').toLowerCase() !== 'false';
      if (on.k === 'list' && secOf(c).lists[on.listId] === undefined) {
        mutate(c, (r) => {
          r.lists[on.listId] = copy ? r.web.map((a) => ({ principalId: a.principalId, roleDefIds: [...a.roleDefIds] })) : [];
        });
      }
      return emptyRes(200);
    },
  },
  {
    method: 'POST',
    pattern: 'resetroleinheritance(*)',
    handler: (c) => {
      const on = securableOf(c);
      if (on.k === 'web') throw E.sp('Cannot reset the permissions of the top-level site of a site collection: it has no parent to inherit from.');
      if (secOf(c).lists[on.listId] !== undefined) mutate(c, (r) => void delete r.lists[on.listId]);
      return emptyRes(200);
    },
  },
  { method: 'GET', pattern: 'hasuniqueroleassignments(*)', handler: (c) => c.value('HasUniqueRoleAssignments', 'Edm.Boolean', hasUnique(secOf(c), securableOf(c))) },
];

/** addroleassignment / removeroleassignment(principalid=…, roledefid=…) on a securable with unique permissions. */
function changeAssignment(ctx: SpRouteCtx, name: 'addroleassignment' | 'removeroleassignment'): Res {
  const state = { on: securableOf(ctx), name };
  const args = namedArgs(ctx.args.call!.raw);
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
