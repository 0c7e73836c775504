/**
 * The pure rules of a role assignment: the principal is the identity, the levels compare as a
 * set (case-insensitively) and are exact.
 */
import { sameSet } from '../../model/same-set.ts';
import type { KindRules } from '../kind-rules.ts';
import { roleAssignmentDeclaration } from './model.ts';

export const roleAssignmentRules: KindRules<'roleAssignment'> = {
  kind: roleAssignmentDeclaration.kind,
  api: 'SharePoint REST …/roleassignments, addroleassignment, removeroleassignment, ensureuser',
  identity: ['principal'],
  createOnly: [],
  parentKinds: roleAssignmentDeclaration.parentKinds,
  same(name, desired, observed) {
    if (name === 'roles') return sameSet(desired, observed);
    return undefined;
  },
};
