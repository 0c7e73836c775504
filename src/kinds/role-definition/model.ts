/**
 * roleDefinition: a custom permission level of a site (`site[/sites/x]/roleDefinition[name]`).
 * Its props, the SPBasePermissions flag names, the built-in levels, its address and its
 * declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

/** SharePoint's SPBasePermissions flags a permission level may hold (see docs/blueprint.md). */
export const BASE_PERMISSIONS = [
  'ViewListItems', 'AddListItems', 'EditListItems', 'DeleteListItems', 'ApproveItems', 'OpenItems', 'ViewVersions',
  'DeleteVersions', 'CancelCheckout', 'ManagePersonalViews', 'ManageLists', 'ViewFormPages', 'AnonymousSearchAccessList',
  'Open', 'ViewPages', 'AddAndCustomizePages', 'ApplyThemeAndBorder', 'ApplyStyleSheets', 'ViewUsageData', 'CreateSSCSite',
  'ManageSubwebs', 'CreateGroups', 'ManagePermissions', 'BrowseDirectories', 'BrowseUserInfo', 'AddDelPrivateWebParts',
  'UpdatePersonalWebParts', 'ManageWeb', 'AnonymousSearchAccessWebLists', 'UseClientIntegration', 'UseRemoteAPIs',
  'ManageAlerts', 'CreateAlerts', 'EditMyUserInfo', 'EnumeratePermissions',
] as const;

/** The flag names of SharePoint's SPBasePermissions (a permission level's rights). */
export type BasePermissionName = (typeof BASE_PERMISSIONS)[number];

/** A custom permission level (role definition) of a site. Built-in levels are never declared. */
export interface RoleDefinitionProps {
  /** The level's name: its identity in the site collection. */
  name: string;
  description?: string;
  /** The rights of the level, as a set (order does not matter). */
  basePermissions?: BasePermissionName[];
}

/** The permission levels every site has; they are referenced, never declared. */
export const BUILTIN_LEVELS = ['Full Control', 'Design', 'Edit', 'Contribute', 'Read', 'Limited Access', 'View Only'];

const BUILTIN_KEYS = new Set(BUILTIN_LEVELS.map((b) => b.toLowerCase()));

/** Whether `name` is a built-in level's, compared as SharePoint compares names (case-insensitively). */
export function isBuiltinLevel(name: string): boolean {
  return BUILTIN_KEYS.has(name.toLowerCase());
}

/** Address of a custom permission level: `site[/sites/x]/roleDefinition[name]`. */
export function roleDefinitionAddress(site: Address, name: string): Address {
  return `${site}/roleDefinition[${name}]`;
}

/** A custom level lives in a site and can be pruned (built-in levels never are). */
export const roleDefinitionDeclaration = declareKind<RoleDefinitionProps>()('roleDefinition', { prunable: true, parentKinds: ['teamSite', 'commSite'] });
