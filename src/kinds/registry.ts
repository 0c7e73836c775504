/**
 * Registry 3 of 3 (SDK-bound): every kind whole, its pure rules and its effects. A kind moved to
 * `src/kinds/<kind>/` is its spec's rules (`pure.ts`) and its `effects.ts`; a kind not yet moved
 * is its provider in `src/providers/`, which already has that shape (`Provider<K> = Kind<K>`).
 * Only the observer, the pruner's finder, apply and the engine import this; the planner is given
 * `KIND_RULES` (`buildPlan(desired, observed, rules, ctx)`).
 */
import type { ResourceKind } from '../model/resources.ts';
import { columnProvider } from '../providers/column.ts';
import { commSiteProvider } from '../providers/comm-site.ts';
import { listProvider } from '../providers/list.ts';
import { teamSiteProvider } from '../providers/team-site.ts';
import { contentTypeProvider } from '../providers/content-type.ts';
import { listContentTypeProvider } from '../providers/list-content-type.ts';
import { termGroupProvider } from '../providers/term-group.ts';
import { termSetProvider } from '../providers/term-set.ts';
import { termProvider } from '../providers/term.ts';
import { siteGroupProvider } from '../providers/site-group.ts';
import { permissionScopeProvider } from '../providers/permission-scope.ts';
import { roleAssignmentProvider } from '../providers/role-assignment.ts';
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
import { teamEffects } from './team/effects.ts';
import { teamMemberEffects } from './team-member/effects.ts';
import { channelEffects } from './channel/effects.ts';
import { tabEffects } from './tab/effects.ts';

export const kinds: { readonly [K in ResourceKind]: Kind<K> } = {
  teamSite: teamSiteProvider,
  commSite: commSiteProvider,
  list: listProvider,
  column: columnProvider,
  contentType: contentTypeProvider,
  listContentType: listContentTypeProvider,
  termGroup: termGroupProvider,
  termSet: termSetProvider,
  term: termProvider,
  siteGroup: siteGroupProvider,
  permissionScope: permissionScopeProvider,
  roleAssignment: roleAssignmentProvider,
  view: { ...KIND_SPECS.view.rules, ...viewEffects },
  navigationNode: { ...KIND_SPECS.navigationNode.rules, ...navigationNodeEffects },
  hubSite: { ...KIND_SPECS.hubSite.rules, ...hubSiteEffects },
  hubAssociation: { ...KIND_SPECS.hubAssociation.rules, ...hubAssociationEffects },
  siteSettings: { ...KIND_SPECS.siteSettings.rules, ...siteSettingsEffects },
  siteSharing: { ...KIND_SPECS.siteSharing.rules, ...siteSharingEffects },
  roleDefinition: { ...KIND_SPECS.roleDefinition.rules, ...roleDefinitionEffects },
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
