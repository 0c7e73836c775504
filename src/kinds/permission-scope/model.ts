/**
 * permissionScope: whether a list or library inherits its site's permissions
 * (`site[/sites/x]/list[X]/permissions`). Its props, its address and its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

/** Whether a list or library inherits the permissions of its site. */
export interface PermissionScopeProps {
  /** false: the list has its own role assignments (inheritance broken). */
  inherit: boolean;
  /** When inheritance is broken: start from a copy of the site's assignments. Create-only. */
  copyRoleAssignments?: boolean;
}

/** Address of a list's inheritance state: `site[/sites/x]/list[X]/permissions`. */
export function permissionScopeAddress(list: Address): Address {
  return `${list}/permissions`;
}

/**
 * The scope's facts (src/model/facts.ts), for the role assignments under it: whether the list has
 * its own role assignments (`uniquePermissions`), and `assignmentsEmpty` when this run broke the
 * inheritance without copying (the list then holds only what the run's own assignment creates
 * add: they need not read it first).
 */
export type PermissionScopeFacts = { uniquePermissions: boolean; assignmentsEmpty?: boolean };

/** A property of its list: never created or deleted on its own, so never pruned. */
export const permissionScopeDeclaration = declareKind<PermissionScopeProps, PermissionScopeFacts>()('permissionScope', { prunable: false, parentKinds: ['list'] });
