/**
 * Registry 2 of 3 (pure): the spec of every kind that lives in `src/kinds/<kind>/`: its rules,
 * schema fragment and expansion. No I/O, no SDK: the blueprint loader and the planner's callers
 * take what they need from here. (`declared.ts` lists the kinds, `registry.ts` adds the effects.)
 */
import type { DeclaredPropsByKind } from './declared.ts';
import type { EarlierExpansions, JsonSchema, KindExpansion, KindGroupSpec, KindSchema, KindSpec, SchemaForm } from './kind-spec.ts';
import { hubAssociationExpansion } from './hub-association/expand.ts';
import { hubAssociationRules } from './hub-association/rules.ts';
import { hubAssociationSchema } from './hub-association/schema.ts';
import { expandHub } from './hub-site/expand.ts';
import { hubSiteRules } from './hub-site/rules.ts';
import { hubSiteSchema } from './hub-site/schema.ts';
import { expandNavigation } from './navigation-node/expand.ts';
import { navigationNodeRules } from './navigation-node/rules.ts';
import { navigationNodeSchema } from './navigation-node/schema.ts';
import { expandViews } from './view/expand.ts';
import { viewRules } from './view/rules.ts';
import { expandSettings } from './site-settings/expand.ts';
import { siteSettingsRules } from './site-settings/rules.ts';
import { siteSettingsSchema } from './site-settings/schema.ts';
import { roleDefinitionRules } from './role-definition/rules.ts';
import { siteSharingRules } from './site-sharing/rules.ts';
import { siteSharingSchema } from './site-sharing/schema.ts';
import { viewSchema } from './view/schema.ts';
import { expandTermStore } from './term-group/expand.ts';
import { termGroupRules } from './term-group/rules.ts';
import { termGroupSchema } from './term-group/schema.ts';
import { termSetRules } from './term-set/rules.ts';
import { termSetSchema } from './term-set/schema.ts';
import { termRules } from './term/rules.ts';
import { termSchema } from './term/schema.ts';
import { columnExpansion } from './column/expand.ts';
import { columnRules } from './column/rules.ts';
import { contentTypeExpansion } from './content-type/expand.ts';
import { contentTypeRules } from './content-type/rules.ts';
import { listContentTypeExpansion } from './list-content-type/expand.ts';
import { listContentTypeRules } from './list-content-type/rules.ts';
import { teamSiteRules } from './team-site/rules.ts';
import { commSiteRules } from './comm-site/rules.ts';
import { listRules } from './list/rules.ts';
import { siteGroupRules } from './site-group/rules.ts';
import { permissionScopeRules } from './permission-scope/rules.ts';
import { permissionScopeSchema } from './permission-scope/schema.ts';
import { roleAssignmentRules } from './role-assignment/rules.ts';
import { permissionsExpansion } from './permissions/expand.ts';
import { sitePermissionsSchema } from './permissions/schema.ts';
import { teamExpansion } from './team/expand.ts';
import { teamRules } from './team/rules.ts';
import { teamSchema } from './team/schema.ts';
import { expandTeamMembers } from './team-member/expand.ts';
import { teamMemberRules } from './team-member/rules.ts';
import { expandChannels } from './channel/expand.ts';
import { channelRules } from './channel/rules.ts';
import { expandTabs } from './tab/expand.ts';
import { tabRules } from './tab/rules.ts';

type DeclaredKind = keyof DeclaredPropsByKind;

export const KIND_SPECS: { readonly [K in DeclaredKind]: KindSpec<K> } = {
  view: { rules: viewRules, schema: viewSchema, expansion: () => ({ list: expandViews }) },
  navigationNode: { rules: navigationNodeRules, schema: navigationNodeSchema, expansion: () => ({ site: expandNavigation }) },
  hubSite: { rules: hubSiteRules, schema: hubSiteSchema, expansion: () => ({ site: expandHub }) },
  hubAssociation: { rules: hubAssociationRules, schema: hubAssociationSchema, expansion: hubAssociationExpansion },
  siteSettings: { rules: siteSettingsRules, schema: siteSettingsSchema, expansion: () => ({ site: expandSettings }) },
  // expanded by the permissions expansion (KIND_GROUPS: expandSharing), after the site's permissions
  siteSharing: { rules: siteSharingRules, schema: siteSharingSchema },
  // expanded by the permissions expansion (expandRoleDefinitions, before groups and assignments);
  // its schema is part of the `sitePermissions` definition (src/kinds/permissions/schema.ts)
  roleDefinition: { rules: roleDefinitionRules },
  // the top-level `termStore:`: groups, each followed by its sets and their terms (term-set/expand.ts, term/expand.ts)
  termGroup: { rules: termGroupRules, schema: termGroupSchema, expansion: () => ({ top: expandTermStore }) },
  // expanded by termGroup's expansion (a group's `sets:`)
  termSet: { rules: termSetRules, schema: termSetSchema, expandedBy: 'termGroup' },
  // expanded by termGroup's expansion, after its set (a set's `terms:`, a term's `children:`)
  term: { rules: termRules, schema: termSchema, expandedBy: 'termGroup' },
  // Columns, then content types, then lists' content types (each reads the expansion before it);
  // their `top` hooks run after the term store's (a taxonomy column names its sets). Their schema
  // nodes are placed by src/blueprint/schema.ts where they always were (src/kinds/*/schema.ts).
  column: { rules: columnRules, expansion: columnExpansion },
  contentType: { rules: contentTypeRules, expansion: contentTypeExpansion },
  listContentType: { rules: listContentTypeRules, expansion: listContentTypeExpansion },
  // sites and lists are the containers: the expander (src/blueprint/expand.ts) expands them
  // (src/kinds/site/expand.ts, list/expand.ts) before their children, and src/blueprint/schema.ts
  // builds the `site` and `list` definitions (site/schema.ts, list/schema.ts) around the
  // children's properties
  teamSite: { rules: teamSiteRules, expandedBy: 'expander' },
  commSite: { rules: commSiteRules, expandedBy: 'expander' },
  list: { rules: listRules, expandedBy: 'expander' },
  // expanded by the permissions expansion (expandSiteGroups); its schema is part of `sitePermissions`
  siteGroup: { rules: siteGroupRules },
  // expanded by the permissions expansion (expandListPermissions, list by list after the site's assignments)
  permissionScope: { rules: permissionScopeRules, schema: permissionScopeSchema },
  // expanded by the permissions expansion (expandRoleAssignments); its schema is part of `sitePermissions` and `listPermissions`
  roleAssignment: { rules: roleAssignmentRules },
  // the team's schema holds the channel's and tab's definitions; teamMember's are the team's owners and members
  team: { rules: teamRules, schema: teamSchema, expansion: teamExpansion },
  teamMember: { rules: teamMemberRules, expansion: () => ({ team: expandTeamMembers }) },
  channel: { rules: channelRules, expansion: () => ({ team: expandChannels }) },
  tab: { rules: tabRules, expansion: () => ({ channel: expandTabs }) },
};

/**
 * Kinds whose resources interleave, expanded together by one expansion in a fixed order (after
 * the kinds' own expansions): the permission kinds (src/kinds/permissions/).
 */
export const KIND_GROUPS: readonly KindGroupSpec[] = [
  { kinds: ['roleDefinition', 'siteGroup', 'roleAssignment', 'permissionScope', 'siteSharing'], schema: sitePermissionsSchema, expansion: permissionsExpansion },
];

const specs = Object.values(KIND_SPECS) as KindSpec<DeclaredKind>[];
/** The schema fragments of the kinds, then of the groups. */
const fragments: KindSchema[] = [...specs, ...KIND_GROUPS].flatMap((s) => (s.schema ? [s.schema] : []));

/** The moved kinds' schema definitions, merged into the blueprint schema's definitions. */
export function kindDefinitions(): Record<string, JsonSchema> {
  return Object.assign({}, ...fragments.map((f) => f.definitions ?? {}));
}

/** The moved kinds' properties of a list, merged into a list's (and a template list's) properties. */
export function kindListProps(): Record<string, JsonSchema> {
  return Object.assign({}, ...fragments.map((f) => f.listProps ?? {}));
}

/** The moved kinds' properties of a site, merged into a site's properties. */
export function kindSiteProps(): Record<string, JsonSchema> {
  return Object.assign({}, ...fragments.map((f) => f.siteProps ?? {}));
}

/** The moved kinds' definitions and site properties in one form of the schema (plain or template). */
export function kindForms(f: SchemaForm): { definitions: Record<string, JsonSchema>; siteProps: Record<string, JsonSchema> } {
  const forms = fragments.map((x) => x.forms?.(f) ?? {});
  return { definitions: Object.assign({}, ...forms.map((x) => x.definitions ?? {})), siteProps: Object.assign({}, ...forms.map((x) => x.siteProps ?? {})) };
}

/** The moved kinds' properties of the blueprint's top level (`termStore:`), merged into the root's properties. */
export function kindTopProps(): Record<string, JsonSchema> {
  return Object.assign({}, ...fragments.map((f) => f.topProps ?? {}));
}

/** The definitions only the top-level properties use, merged after the sites' and templates' definitions. */
export function kindTopDefinitions(): Record<string, JsonSchema> {
  return Object.assign({}, ...fragments.map((f) => f.topDefinitions ?? {}));
}

/**
 * Fresh expansions of the moved kinds for one load of a blueprint, in registry order (the order
 * their resources come in; each is given those made before it), then the groups' expansions.
 */
export function kindExpansions(): KindExpansion[] {
  const made: EarlierExpansions = {};
  for (const s of specs) if (s.expansion) made[s.rules.kind] = s.expansion(made);
  return [...Object.values(made), ...KIND_GROUPS.map((g) => g.expansion())];
}
