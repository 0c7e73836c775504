/**
 * A list's permission inheritance and its own role assignments, read in one SharePoint request
 * (`_api/web/lists(guid'…')?$select=HasUniqueRoleAssignments,RoleAssignments/…&$expand=
 * RoleAssignments/Member,RoleAssignments/RoleDefinitionBindings`: OData v3 expands a navigation
 * of an expanded navigation with `/`), shared by the permissionScope read (which needs the flag)
 * and the roleAssignment read under it (which needs the assignments): a plan reads each list with
 * unique permissions once, not twice (docs/performance.md, "Planning").
 */
import type { ResourceIds } from '../../model/found.ts';
import type { ReadContext } from '../kind-effects.ts';

/** A role assignment as SharePoint REST shows it with `Member` and `RoleDefinitionBindings` expanded. */
export interface SpAssignment {
  PrincipalId: number;
  Member?: { Id: number; Title: string; LoginName: string; PrincipalType?: number; UserPrincipalName?: string | null };
  RoleDefinitionBindings?: { Id: number; Name: string }[];
}

/** The properties of an assignment the permission kinds read. */
export const ASSIGNMENT_SELECT = ['PrincipalId', 'Member/Id', 'Member/Title', 'Member/LoginName', 'Member/PrincipalType', 'RoleDefinitionBindings/Id', 'RoleDefinitionBindings/Name'];

/** The read memo's key of a securable's own assignments (the web's, or a list's). */
export function assignmentsKey(ids: ResourceIds): string {
  return `roleassignments:${ids.webUrl}:${ids.listId ?? 'web'}`;
}

/** A collection as a JSON answer carries it: an array, or `{ results }` in verbose JSON. */
function arrayOf<T>(v: T[] | { results?: T[] } | undefined): T[] {
  if (Array.isArray(v)) return v;
  return v?.results ?? [];
}

/**
 * Whether the list has unique permissions and, when it has, its assignments (none when it
 * inherits: what it shows then is its site's). The assignments are left in the read memo under
 * `assignmentsKey`, so that the roleAssignment reads of this list make no request.
 */
export async function readListSecurity(ctx: Pick<ReadContext, 'tenant' | 'memo'>, webUrl: string, listId: string): Promise<{ unique: boolean; assignments: SpAssignment[] }> {
  const { tenant } = ctx;
  const list = await tenant.sp.call(() =>
    tenant.sp
      .query(webUrl, `_api/web/lists('${listId}')`)
      .select('HasUniqueRoleAssignments', ...ASSIGNMENT_SELECT.map((s) => `RoleAssignments/${s}`))
      .expand('RoleAssignments/Member', 'RoleAssignments/RoleDefinitionBindings')<{
      HasUniqueRoleAssignments: boolean;
      RoleAssignments?: SpAssignment[] | { results?: SpAssignment[] };
    }>(),
  );
  const unique = list.HasUniqueRoleAssignments === true;
  const assignments = unique
    ? arrayOf(list.RoleAssignments).map((a) => ({ ...a, ...(a.RoleDefinitionBindings ? { RoleDefinitionBindings: arrayOf(a.RoleDefinitionBindings as SpAssignment['RoleDefinitionBindings'] | { results?: { Id: number; Name: string }[] }) } : {}) }))
    : [];
  void ctx.memo(assignmentsKey({ webUrl, listId }), () => Promise.resolve(assignments));
  return { unique, assignments };
}
