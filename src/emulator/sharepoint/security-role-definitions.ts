/**
 * SharePoint REST routes of a site collection's role definitions (permission levels; entries of
 * the table in routes.ts, relative to the web). The built-in ones (security-state.ts) cannot be changed or deleted.
 *
 *   _api/web/roledefinitions                GET, POST {Name, Description, Order, BasePermissions {High, Low}}
 *   _api/web/roledefinitions(id) | getbyid(id) | getbyname('x') | getbytype(n)   GET, MERGE, DELETE
 *
 * Deleting a role definition removes it from every role assignment (an assignment left without
 * one is removed).
 */
import { emptyRes, isObj, type Res } from '../http.ts';
import { isBuiltinRoleDef, type AssignmentRec, type RoleDefRec } from '../security-state.ts';
import type { SpRouteCtx } from './route-context.ts';
import { otherMethods, type SpResolvers, type SpRoute } from './route-table.ts';
import { roleDefEntity } from './security-entities.ts';
import { mutate, num, roleDefById, secErrors as E, secOf, str } from './security-records.ts';
import { SP_ROLE_DEFINITION } from './body-types.ts';

/** The role definition the path names (the service looks it up before it looks at the method). */
function roleDefOf(c: SpRouteCtx): RoleDefRec {
  return roleDefById(secOf(c), c.roleDefId ?? num(c.args.roledef!.arg)!);
}

function deleteRoleDef(c: SpRouteCtx): Res {
  const d = roleDefOf(c);
  if (isBuiltinRoleDef(d.id)) throw E.sp('You cannot delete a default permission level.');
  mutate(c, (r) => {
    r.roleDefs = r.roleDefs.filter((x) => x.id !== d.id);
    const strip = (as: AssignmentRec[]) => as.map((a) => ({ ...a, roleDefIds: a.roleDefIds.filter((id) => id !== d.id) })).filter((a) => a.roleDefIds.length > 0);
    r.web = strip(r.web);
    for (const k of Object.keys(r.lists)) r.lists[k] = strip(r.lists[k]!);
  });
  return emptyRes(200);
}

/** A role definition, relative to it. */
const ROLE_DEF_ROUTES = (pattern: string): SpRoute[] => [
  { method: 'GET', pattern, handler: (c) => c.entity(roleDefEntity(c, roleDefOf(c)), 'SP.ApiData.RoleDefinitions') },
  { method: ['MERGE', 'PATCH', 'PUT'], pattern, handler: (c) => updateRoleDef(c, roleDefOf(c).id) },
  { method: 'DELETE', pattern, handler: deleteRoleDef },
  otherMethods(pattern, (c) => void roleDefOf(c)),
];

/** The role definitions, relative to the web. */
export const ROLE_DEFINITION_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: 'roledefinitions', handler: (c) => c.collection(secOf(c).roleDefs.map((d) => roleDefEntity(c, d)), 'SP.ApiData.RoleDefinitions') },
  { method: 'POST', pattern: 'roledefinitions', handler: createRoleDef },
  ...['roledefinitions({roledef:int})', 'roledefinitions/getbyid({roledef:int})', 'roledefinitions/getbyname({roledefname})', 'roledefinitions/getbytype({roledeftype?})'].flatMap(ROLE_DEF_ROUTES),
];

/** `{roledefname}` (case-insensitively) and `{roledeftype}` (a role type kind): the definition, or the service's 404. */
export const ROLE_DEFINITION_RESOLVERS: SpResolvers = {
  roledefname: (c, seg) => {
    const want = seg.arg!.toLowerCase();
    const d = secOf(c).roleDefs.find((x) => x.name.toLowerCase() === want);
    if (!d) throw E.roleDefNotFound();
    c.roleDefId = d.id;
  },
  roledeftype: (c, seg) => {
    const kind = num(seg.arg);
    const d = kind === 0 ? undefined : secOf(c).roleDefs.find((x) => x.roleTypeKind === kind);
    if (!d) throw E.roleDefNotFound();
    c.roleDefId = d.id;
  },
};

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
  const b = ctx.body({ entity: SP_ROLE_DEFINITION });
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
  const b = ctx.body({ entity: SP_ROLE_DEFINITION });
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
