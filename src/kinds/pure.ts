/**
 * Registry 2 of 3 (pure): the spec of every kind that lives in `src/kinds/<kind>/`: its rules,
 * schema fragment and expansion. No I/O, no SDK: the blueprint loader and the planner's callers
 * take what they need from here. (`declared.ts` lists the kinds, `registry.ts` adds the effects.)
 */
import type { DeclaredPropsByKind } from './declared.ts';
import type { JsonSchema, KindExpansion, KindSpec, SchemaForm } from './kind-spec.ts';
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
  // expanded by the permissions expansion (src/blueprint/expand-permissions.ts: expandSharing), after the site's permissions
  siteSharing: { rules: siteSharingRules, schema: siteSharingSchema },
  // expanded by the permissions expansion (expandRoleDefinitions, before groups and assignments);
  // its schema is part of the `sitePermissions` definition (src/blueprint/schema.ts)
  roleDefinition: { rules: roleDefinitionRules },
  // the team's schema holds the channel's and tab's definitions; teamMember's are the team's owners and members
  team: { rules: teamRules, schema: teamSchema, expansion: teamExpansion },
  teamMember: { rules: teamMemberRules, expansion: () => ({ team: expandTeamMembers }) },
  channel: { rules: channelRules, expansion: () => ({ team: expandChannels }) },
  tab: { rules: tabRules, expansion: () => ({ channel: expandTabs }) },
};

const specs = Object.values(KIND_SPECS) as KindSpec<DeclaredKind>[];

/** The moved kinds' schema definitions, merged into the blueprint schema's definitions. */
export function kindDefinitions(): Record<string, JsonSchema> {
  return Object.assign({}, ...specs.map((s) => s.schema?.definitions ?? {}));
}

/** The moved kinds' properties of a list, merged into a list's (and a template list's) properties. */
export function kindListProps(): Record<string, JsonSchema> {
  return Object.assign({}, ...specs.map((s) => s.schema?.listProps ?? {}));
}

/** The moved kinds' properties of a site, merged into a site's properties. */
export function kindSiteProps(): Record<string, JsonSchema> {
  return Object.assign({}, ...specs.map((s) => s.schema?.siteProps ?? {}));
}

/** The moved kinds' definitions and site properties in one form of the schema (plain or template). */
export function kindForms(f: SchemaForm): { definitions: Record<string, JsonSchema>; siteProps: Record<string, JsonSchema> } {
  const forms = specs.map((s) => s.schema?.forms?.(f) ?? {});
  return { definitions: Object.assign({}, ...forms.map((x) => x.definitions ?? {})), siteProps: Object.assign({}, ...forms.map((x) => x.siteProps ?? {})) };
}

/** Fresh expansions of the moved kinds for one load of a blueprint, in registry order (the order their resources come in). */
export function kindExpansions(): KindExpansion[] {
  return specs.flatMap((s) => (s.expansion ? [s.expansion()] : []));
}
