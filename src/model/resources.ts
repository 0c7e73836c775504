import type { RowsOfSites } from './rows-of-sites.ts';
import type { DeclaredFactsByKind, DeclaredPropsByKind, DeclaredPruneKind } from '../kinds/declared.ts';
import { DECLARED_PRUNE_KINDS } from '../kinds/declared.ts';
import type { Address } from './address.ts';

/**
 * The resource kinds the engine manages: the keys of PropsByKind. A kind lives in
 * `src/kinds/<kind>/` (declared in its model.ts, listed in `src/kinds/kind-list.ts`).
 * - `teamSite`: a Microsoft 365 group (groupTypes Unified) and its group-connected SharePoint site
 *   (`src/kinds/team-site/`).
 * - `commSite`: a communication site, created through SPSiteManager (`src/kinds/comm-site/`).
 * - `list`: a document library or a generic list on a site (`src/kinds/list/`).
 * - `column`: a site column (parent is a site) or a list column (parent is a list)
 *   (`src/kinds/column/`).
 * - `view`: a public view of a list (`src/kinds/view/`).
 * - `navigationNode`: a node of a site's quick launch or top navigation bar
 *   (`src/kinds/navigation-node/`).
 * - `hubSite`, `hubAssociation`: a site registered as a hub, a site joined to a hub
 *   (`src/kinds/hub-site/`, `src/kinds/hub-association/`).
 * - `siteSettings`: property bag, logo, regional settings, theme and label of a site
 *   (`src/kinds/site-settings/`).
 * - `siteSharing`: who the site may be shared with outside the organisation
 *   (`site[/sites/x]/sharing`, `src/kinds/site-sharing/`).
 * - `roleDefinition`: a custom permission level of a site (`src/kinds/role-definition/`).
 * - `siteGroup`, `permissionScope`, `roleAssignment`: a SharePoint site group and its members, a
 *   list's inheritance of its site's permissions, one principal's permission levels on a site or
 *   a list (`src/kinds/site-group/`, `permission-scope/`, `role-assignment/`).
 */
export type ResourceKind = keyof PropsByKind;

/**
 * Content types and managed metadata kinds (src/kinds/content-type/, list-content-type/,
 * term-group/, term-set/, term/):
 * - `contentType`: a site content type (`site[/sites/x]/contentType[name]`), with its column links.
 * - `listContentType`: a site content type added to a list (`…/list[X]/contentType[name]`).
 * - `termGroup`: a term group of the tenant's term store (`termGroup[name]`).
 * - `termSet`: a term set of a group (`termGroup[G]/termSet[name]`).
 * - `term`: a term of a set, keyed by its path of default labels (`…/termSet[S]/term[A/B]`).
 */
export type MetadataKind = 'contentType' | 'listContentType' | 'termGroup' | 'termSet' | 'term';

/**
 * Microsoft Teams kinds (src/kinds/team/, team-member/, channel/, tab/):
 * - `team`: the team of a group-connected team site (`site[/sites/x]/team`).
 * - `teamMember`: one user's membership of a team, owner or member (`…/team/member[upn]`).
 * - `channel`: a standard, private or shared channel (`…/team/channel[displayName]`).
 * - `tab`: a website or document-library tab in a channel (`…/channel[X]/tab[displayName]`).
 */
export type TeamsKind = 'team' | 'teamMember' | 'channel' | 'tab';

/**
 * Where a piece of the blueprint was written, for diagnostics and plan annotations.
 * `line` and `col` are 1-based.
 */
export interface SourceSpan {
  file: string;
  line: number;
  col: number;
}

/**
 * Desired properties per kind. Contract: a property that is `undefined` was not stated in the
 * blueprint and is neither compared nor written on update ("a blueprint is a partial intent").
 * Identity properties (URL, mailNickname, internal name, list URL) are always present. Every
 * kind lives in src/kinds/ and declares its props in its model.ts (src/kinds/declared.ts).
 */
export type PropsByKind = DeclaredPropsByKind;

/**
 * Facts of every kind (src/model/facts.ts), as its model.ts declares them: `never` for a kind
 * without facts (every kind not moved to `src/kinds/` yet).
 */
export type FactsByKind = { [K in ResourceKind]: K extends keyof DeclaredFactsByKind ? DeclaredFactsByKind[K] : never };

/**
 * One resource the blueprint asks for, fully expanded (templates stamped over rows).
 * `parent` is the address of the containing resource (a site for lists and site columns, a list
 * for list columns); the engine creates parents first. `source` points at the blueprint text
 * that produced it.
 */
export interface DesiredResource<K extends ResourceKind = ResourceKind> {
  kind: K;
  address: Address;
  parent?: Address;
  props: PropsByKind[K];
  source?: SourceSpan;
  /**
   * Other declared resources that must exist before this one is created, besides its parent
   * (e.g. the site columns a content type links, the term set a taxonomy column is bound to).
   */
  after?: Address[];
  /** On a container: kinds of its children to prune (owned by the engine, no longer declared). */
  prune?: PruneKind[];
}

/** `site`, which a blueprint's `prune:` names for both site kinds (`teamSite`, `commSite`: src/kinds/site/model.ts). */
const PROVIDER_PRUNE_KINDS = ['site'] as const;

/**
 * The kinds a blueprint may prune, as it spells them (`site` means both site kinds): the moved
 * kinds declared prunable, and the others. Kept in step with the kinds' effects by a test.
 */
export const PRUNE_KINDS: readonly PruneKind[] = [...PROVIDER_PRUNE_KINDS, ...DECLARED_PRUNE_KINDS];
export type PruneKind = (typeof PROVIDER_PRUNE_KINDS)[number] | DeclaredPruneKind;

export type AnyDesiredResource = { [K in ResourceKind]: DesiredResource<K> }[ResourceKind];

/**
 * A pruning rule: delete what the blueprint owns (an ownership record says the engine created
 * it for this blueprint) but no longer declares, for one kind, either under one container
 * (`container` is the address of a declared site or list) or under every declared container.
 */
export interface PruneRule {
  kind: PruneKind;
  container?: Address;
}

/** The whole expanded blueprint, in blueprint order. Addresses are unique. */
export interface Desired {
  /** Path of the blueprint file, as given. */
  file: string;
  /**
   * The blueprint's `name`: the owner recorded on everything the engine creates for it.
   * Optional for in-memory callers; ownership records then use the file name.
   */
  name?: string;
  resources: AnyDesiredResource[];
  /** What to prune; empty or absent means nothing is ever deleted. */
  prune?: PruneRule[];
  /**
   * The row each site stamped from a template was made from, by the site's address: for the
   * messages after validation that name a row (a user missing from the directory). Absent for a
   * blueprint without templates, and for a Desired re-made from a saved plan.
   */
  rowsOfSites?: RowsOfSites;
}
