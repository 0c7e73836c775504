/**
 * Registry 3 of 3 (SDK-bound): every kind whole, its pure rules and its effects. Every kind lives in
 * `src/kinds/<kind>/`: it is its spec's rules (`pure.ts`) and its `effects.ts`.
 * Only the observer, the pruner's finder, apply and the engine import this; the planner is given
 * `KIND_RULES` (`buildPlan(desired, observed, rules, ctx)`).
 */
import type { ResourceKind } from '../model/resources.ts';
import type { AnyKind, Kind } from './kind-effects.ts';
import type { KindRulesByKind } from './kind-rules.ts';
import { KIND_SPECS } from './pure.ts';
import { hubAssociationEffects } from './hub-association/effects.ts';
import { hubSiteEffects } from './hub-site/effects.ts';
import { navigationNodeEffects } from './navigation-node/effects.ts';
import { siteSettingsEffects } from './site-settings/effects.ts';
import { roleDefinitionEffects } from './role-definition/effects.ts';
import { siteSharingEffects } from './site-sharing/effects.ts';
import { viewEffects } from './view/effects.ts';
import { termGroupEffects } from './term-group/effects.ts';
import { termSetEffects } from './term-set/effects.ts';
import { termEffects } from './term/effects.ts';
import { columnEffects } from './column/effects.ts';
import { contentTypeEffects } from './content-type/effects.ts';
import { listContentTypeEffects } from './list-content-type/effects.ts';
import { teamSiteEffects } from './team-site/effects.ts';
import { commSiteEffects } from './comm-site/effects.ts';
import { listEffects } from './list/effects.ts';
import { siteGroupEffects } from './site-group/effects.ts';
import { permissionScopeEffects } from './permission-scope/effects.ts';
import { roleAssignmentEffects } from './role-assignment/effects.ts';
import { teamEffects } from './team/effects.ts';
import { teamMemberEffects } from './team-member/effects.ts';
import { channelEffects } from './channel/effects.ts';
import { tabEffects } from './tab/effects.ts';

export const kinds: { readonly [K in ResourceKind]: Kind<K> } = {
  view: { ...KIND_SPECS.view.rules, ...viewEffects },
  navigationNode: { ...KIND_SPECS.navigationNode.rules, ...navigationNodeEffects },
  hubSite: { ...KIND_SPECS.hubSite.rules, ...hubSiteEffects },
  hubAssociation: { ...KIND_SPECS.hubAssociation.rules, ...hubAssociationEffects },
  siteSettings: { ...KIND_SPECS.siteSettings.rules, ...siteSettingsEffects },
  siteSharing: { ...KIND_SPECS.siteSharing.rules, ...siteSharingEffects },
  roleDefinition: { ...KIND_SPECS.roleDefinition.rules, ...roleDefinitionEffects },
  termGroup: { ...KIND_SPECS.termGroup.rules, ...termGroupEffects },
  termSet: { ...KIND_SPECS.termSet.rules, ...termSetEffects },
  term: { ...KIND_SPECS.term.rules, ...termEffects },
  column: { ...KIND_SPECS.column.rules, ...columnEffects },
  contentType: { ...KIND_SPECS.contentType.rules, ...contentTypeEffects },
  listContentType: { ...KIND_SPECS.listContentType.rules, ...listContentTypeEffects },
  teamSite: { ...KIND_SPECS.teamSite.rules, ...teamSiteEffects },
  commSite: { ...KIND_SPECS.commSite.rules, ...commSiteEffects },
  list: { ...KIND_SPECS.list.rules, ...listEffects },
  siteGroup: { ...KIND_SPECS.siteGroup.rules, ...siteGroupEffects },
  permissionScope: { ...KIND_SPECS.permissionScope.rules, ...permissionScopeEffects },
  roleAssignment: { ...KIND_SPECS.roleAssignment.rules, ...roleAssignmentEffects },
  team: { ...KIND_SPECS.team.rules, ...teamEffects },
  teamMember: { ...KIND_SPECS.teamMember.rules, ...teamMemberEffects },
  channel: { ...KIND_SPECS.channel.rules, ...channelEffects },
  tab: { ...KIND_SPECS.tab.rules, ...tabEffects },
};

/** The pure rules of every kind, for `buildPlan` (a kind whole is also its rules). */
export const KIND_RULES: KindRulesByKind = kinds;

/** One kind, typed by its name (for code and tests that name the kind). */
export function kindOf<K extends ResourceKind>(kind: K): Kind<K> {
  return kinds[kind];
}

/**
 * One kind as the engine's kind-generic code calls it: props by name, resources of any kind. The
 * caller passes resources and changes of this kind only (their `kind` is the key it looks up).
 */
export function anyKind(kind: ResourceKind): AnyKind {
  return kinds[kind] as unknown as AnyKind;
}
