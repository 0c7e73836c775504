/**
 * The pure rules of a list's inheritance: one per list (no identity prop); `copyRoleAssignments`
 * is used when breaking only, so it is create-only and not compared afterwards. Restoring
 * inheritance needs allow-wider-sharing: the list's own role assignments are dropped and everyone
 * with access to the site gets access to the list.
 */
import type { Change, Destructive } from '../../model/change.ts';
import type { KindRules } from '../kind-rules.ts';
import { permissionScopeDeclaration } from './model.ts';

export const permissionScopeRules: KindRules<'permissionScope'> = {
  kind: permissionScopeDeclaration.kind,
  api: 'SharePoint REST _api/web/lists(…)/breakroleinheritance, resetroleinheritance',
  identity: [],
  createOnly: ['copyRoleAssignments'],
  parentKinds: permissionScopeDeclaration.parentKinds,
  destructive(change) {
    return inheritanceRestored(change);
  },
};

/** Pure: an update that makes a list with its own permissions inherit its site's again. */
export function inheritanceRestored(change: Change): Destructive | undefined {
  if (change.action !== 'update' || change.before.inherit !== false || change.after.inherit !== true) return undefined;
  return {
    flag: 'allow-wider-sharing',
    reason: "restoring inheritance drops the list's own role assignments: everyone with access to the site gets access to the list",
  };
}
