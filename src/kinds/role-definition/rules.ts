/**
 * The pure rules of a custom permission level: its name is the identity (renamable in case
 * only, as every SharePoint name), its rights compare as a set.
 */
import type { KindRules } from '../kind-rules.ts';
import { roleDefinitionDeclaration } from './model.ts';

export const roleDefinitionRules: KindRules<'roleDefinition'> = {
  kind: roleDefinitionDeclaration.kind,
  api: 'SharePoint REST _api/web/roledefinitions',
  identity: ['name'],
  createOnly: [],
  renamable: ['name'],
  nameSets: ['basePermissions'],
  parentKinds: roleDefinitionDeclaration.parentKinds,
};
