import type { DeclaredFactsByKind, DeclaredPropsByKind, DeclaredPruneKind } from '../kinds/declared.ts';
import { DECLARED_PRUNE_KINDS } from '../kinds/declared.ts';
import type { Address } from './address.ts';

/**
 * The resource kinds the engine manages: the keys of PropsByKind. A kind lives in
 * `src/kinds/<kind>/` (declared in `src/kinds/declared.ts`), or, not yet moved, has one provider
 * in `src/providers/` and its props here.
 * - `teamSite`: a Microsoft 365 group (groupTypes Unified) and its group-connected SharePoint site.
 * - `commSite`: a communication site (created through SPSiteManager).
 * - `list`: a document library or a generic list on a site.
 * - `column`: a site column (parent is a site) or a list column (parent is a list).
 * - `view`: a public view of a list (`src/kinds/view/`).
 * - `navigationNode`: a node of a site's quick launch or top navigation bar
 *   (`src/kinds/navigation-node/`).
 * - `hubSite`, `hubAssociation`: a site registered as a hub, a site joined to a hub
 *   (`src/kinds/hub-site/`, `src/kinds/hub-association/`).
 * - `siteSettings`: property bag, logo, regional settings, theme and label of a site
 *   (`src/kinds/site-settings/`).
 * - `siteSharing`: who the site may be shared with outside the organisation
 *   (`site[/sites/x]/sharing`, `src/kinds/site-sharing/`).
 */
export type ResourceKind = keyof PropsByKind;

/**
 * Permissions kinds (src/providers/site-group.ts, permission-scope.ts, role-assignment.ts;
 * `roleDefinition` lives in src/kinds/role-definition/):
 * - `siteGroup`: a SharePoint site group and its members (`site[/sites/x]/group[name]`).
 * - `roleDefinition`: a custom permission level of a site (`site[/sites/x]/roleDefinition[name]`).
 * - `permissionScope`: whether a list or library inherits its site's permissions
 *   (`…/list[X]/permissions`).
 * - `roleAssignment`: the permission levels one principal (a site group or a user) has on a site
 *   or a list (`site[/sites/x]/roleAssignment[principal]`, `…/list[X]/roleAssignment[principal]`).
 */
export type PermissionsKind = 'siteGroup' | 'roleDefinition' | 'permissionScope' | 'roleAssignment';


/**
 * Content types and managed metadata kinds (src/providers/content-type.ts, list-content-type.ts,
 * term-group.ts, term-set.ts, term.ts):
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

/** Column types of the first slice, named as the blueprint names them. */
export type ColumnType = 'text' | 'note' | 'choice' | 'number' | 'boolean' | 'dateTime' | 'user' | 'taxonomy';

/** A scalar default value of a column, as the blueprint states it. */
export type ColumnDefault = string | number | boolean;

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
 * Identity properties (URL, mailNickname, internal name, list URL) are always present.
 */
export interface TeamSiteProps {
  /** Server-relative URL of the group's site, `/sites/<mailNickname>` on a real tenant. */
  url: string;
  mailNickname: string;
  /** The group's displayName; the site takes the same title. */
  title: string;
  description?: string;
  visibility?: 'Private' | 'Public';
  /** User principal names that must be owners of the group (others may be owners too). */
  owners?: string[];
}

export interface CommSiteProps {
  /** Server-relative URL, e.g. `/sites/samhallsbyggnad`. */
  url: string;
  title: string;
  description?: string;
  /** Locale id of the site's language, e.g. 1053 for Swedish. Only used at creation. */
  lcid?: number;
  /** UPN of the site owner, used at creation. */
  owner?: string;
}

export interface ListProps {
  /** The list's URL segment, e.g. `Decisions` for `/sites/plan/Decisions`. Identity. */
  url: string;
  title: string;
  template: 'documentLibrary' | 'genericList';
  description?: string;
}

export interface ColumnProps {
  /** Internal name (StaticName). Identity within its parent. */
  name: string;
  /** Deterministic field id (UUID), derived from the blueprint; same on every site. */
  id: string;
  type: ColumnType;
  displayName: string;
  description?: string;
  required?: boolean;
  /** For `choice` columns. Order matters. */
  choices?: string[];
  default?: ColumnDefault;
  /**
   * `taxonomy` columns only: the bound term set as `Group/Set` (create-only: the binding is
   * written at creation and not compared afterwards).
   */
  termSet?: string;
  /** `taxonomy` columns only: whether several terms may be chosen (a change is a replace). */
  allowMultiple?: boolean;
}

/** A column link of a content type: a site column by internal name, required or optional. */
export interface ColumnLink {
  name: string;
  required: boolean;
}

export interface ContentTypeProps {
  /** The content type's name: its identity on the site. */
  name: string;
  /**
   * Deterministic id: parent id + `00` + the 32 hex digits of a UUID v5 of the lower-cased name, the same on
   * every site (create-only: the service cannot change an id).
   */
  id: string;
  /** Id of the parent content type (0x0101 Document, 0x01 Item, 0x0120 Folder); a change is a replace. */
  parentId: string;
  description?: string;
  group?: string;
  /** Column links, compared as a set by column name (each with its required flag). */
  columns?: ColumnLink[];
}

export interface ListContentTypeProps {
  /** Name of the site content type: the identity within the list. */
  name: string;
  /** Deterministic id of the site content type the list's copy derives from (create-only). */
  contentTypeId: string;
  /**
   * true: this content type is the list's default (first in the list's content type order).
   * Stated only on the default one; false is not written (another one becomes default instead).
   */
  default?: boolean;
}

/** Labels or names per language tag, e.g. `{ "sv-SE": "Bygglov", "en-US": "Building permit" }`. */
export type LocalizedText = Record<string, string>;

export interface TermGroupProps {
  /** Display name: the identity in the term store. */
  name: string;
  description?: string;
}

export interface TermSetProps {
  /** The set's name in the term store's default language: the identity within its group. */
  name: string;
  /** Names per language (the default-language one included). */
  names?: LocalizedText;
  description?: string;
  /** The term store's default language tag the identity name is in (create-only). */
  language: string;
  /** The blueprint that owns it: written as the `m365provision.owner` property at creation (create-only). */
  owner?: string;
}

export interface TermProps {
  /** Path of default-language labels from the set, e.g. `Bygglov/Ansökan`: the identity in its set. */
  path: string;
  /** The default label in the term store's default language (the last segment of the path). */
  name: string;
  /** Default labels per language (the default-language one included). */
  labels?: LocalizedText;
  /** Description in the default language. */
  description?: string;
  /** Custom properties (key -> value), compared key by key on the stated keys. */
  properties?: Record<string, string>;
  /** The term store's default language tag (create-only). */
  language: string;
  /** The blueprint that owns it: written as the `m365provision.owner` property at creation (create-only). */
  owner?: string;
}

/** A SharePoint site group. */
export interface SiteGroupProps {
  /** The group's name (Title): its identity in the site collection. */
  name: string;
  description?: string;
  /** The group's owner: another site group's name, or a user principal name. */
  owner?: string;
  /** UPNs that must be members (others may be members too). Compared case-insensitively. */
  members?: string[];
  /** UPNs that must be exactly the members (the blueprint prunes members: others are removed). */
  exactMembers?: string[];
}

/** Whether a list or library inherits the permissions of its site. */
export interface PermissionScopeProps {
  /** false: the list has its own role assignments (inheritance broken). */
  inherit: boolean;
  /** When inheritance is broken: start from a copy of the site's assignments. Create-only. */
  copyRoleAssignments?: boolean;
}

/** The permission levels one principal has on a site or a list. */
export interface RoleAssignmentProps {
  /** A site group's name, or a user principal name (contains @). Identity. */
  principal: string;
  /** Names of permission levels (built-in or declared), as a set. Exactly these are bound. */
  roles: string[];
}

/** Desired props of every kind: the moved kinds' (src/kinds/declared.ts) and the others'. */
export interface PropsByKind extends DeclaredPropsByKind {
  teamSite: TeamSiteProps;
  commSite: CommSiteProps;
  list: ListProps;
  column: ColumnProps;
  contentType: ContentTypeProps;
  listContentType: ListContentTypeProps;
  termGroup: TermGroupProps;
  termSet: TermSetProps;
  term: TermProps;
  siteGroup: SiteGroupProps;
  permissionScope: PermissionScopeProps;
  roleAssignment: RoleAssignmentProps;
}

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

/** The kinds not yet moved to `src/kinds/` that a blueprint may prune (`site` means both site kinds). */
const PROVIDER_PRUNE_KINDS = ['site', 'list', 'column', 'siteGroup', 'roleAssignment', 'contentType', 'listContentType', 'termGroup', 'termSet', 'term'] as const;

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
}
