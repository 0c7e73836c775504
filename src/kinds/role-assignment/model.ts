/**
 * roleAssignment: the permission levels one principal (a site group by name, or a user by UPN)
 * has on a site or a list (`site[/sites/x]/roleAssignment[principal]`,
 * `…/list[X]/roleAssignment[principal]`). Its props, its address and its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

/** The permission levels one principal has on a site or a list. */
export interface RoleAssignmentProps {
  /** A site group's name, or a user principal name (contains @). Identity. */
  principal: string;
  /** Names of permission levels (built-in or declared), as a set. Exactly these are bound. */
  roles: string[];
}

/** Address of one principal's role assignment on a site or a list: `…/roleAssignment[principal]`. */
export function roleAssignmentAddress(securable: Address, principal: string): Address {
  return `${securable}/roleAssignment[${principal}]`;
}

/** An assignment lives in a site or a list (a top-level `prune: [roleAssignment]` looks in each) and can be pruned. */
export const roleAssignmentDeclaration = declareKind<RoleAssignmentProps>()('roleAssignment', { prunable: true, parentKinds: ['teamSite', 'commSite', 'list'] });
