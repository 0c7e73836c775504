/**
 * The pure rules of a list's inheritance: one per list (no identity prop); `copyRoleAssignments`
 * is used when breaking only, so it is create-only and not compared afterwards.
 */
import type { KindRules } from '../kind-rules.ts';
import { permissionScopeDeclaration } from './model.ts';

export const permissionScopeRules: KindRules<'permissionScope'> = {
  kind: permissionScopeDeclaration.kind,
  api: 'SharePoint REST _api/web/lists(…)/breakroleinheritance, resetroleinheritance',
  identity: [],
  createOnly: ['copyRoleAssignments'],
  parentKinds: permissionScopeDeclaration.parentKinds,
};
