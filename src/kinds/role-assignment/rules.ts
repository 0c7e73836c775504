/**
 * The pure rules of a role assignment: the principal is the identity, the levels compare as a
 * set (case-insensitively) and are exact.
 */
import { sameText } from '../../model/same-set.ts';
import { inOneSite } from '../site/model.ts';
import { isUserName, namedUsers } from '../../model/principal.ts';
import type { KindRules } from '../kind-rules.ts';
import { roleAssignmentDeclaration } from './model.ts';

export const roleAssignmentRules: KindRules<'roleAssignment'> = {
  kind: roleAssignmentDeclaration.kind,
  api: 'SharePoint REST …/roleassignments, addroleassignment, removeroleassignment, ensureuser',
  identity: ['principal'],
  createOnly: [],
  nameSets: ['roles'],
  parentKinds: roleAssignmentDeclaration.parentKinds,
  // An assignment uses the group it names and the levels it grants, in its site (groups and
  // levels are per site).
  usedKinds: ['siteGroup', 'roleDefinition'],
  uses(found, other) {
    if (!inOneSite(found.address, other.address)) return false;
    if (other.kind === 'siteGroup') return sameText(found.props.principal, other.props.name);
    if (other.kind === 'roleDefinition') return Array.isArray(found.props.roles) && found.props.roles.some((r) => sameText(r, other.props.name));
    return false;
  },
  // the principal is a user only when it holds an @ (else it is a group)
  principals(p) {
    return namedUsers('role assignment principal', isUserName(p.principal) ? [p.principal] : []);
  },
};
