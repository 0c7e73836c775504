import type { Address } from './address.ts';

/**
 * The resource kinds the engine manages. Each kind has one provider in `src/providers/`.
 * - `teamSite`: a Microsoft 365 group (groupTypes Unified) and its group-connected SharePoint site.
 * - `commSite`: a communication site (created through SPSiteManager).
 * - `list`: a document library or a generic list on a site.
 * - `column`: a site column (parent is a site) or a list column (parent is a list).
 */
export type ResourceKind = 'teamSite' | 'commSite' | 'list' | 'column';

/** Column types of the first slice, named as the blueprint names them. */
export type ColumnType = 'text' | 'note' | 'choice' | 'number' | 'boolean' | 'dateTime' | 'user';

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
}

export interface PropsByKind {
  teamSite: TeamSiteProps;
  commSite: CommSiteProps;
  list: ListProps;
  column: ColumnProps;
}

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
}

export type AnyDesiredResource = { [K in ResourceKind]: DesiredResource<K> }[ResourceKind];

/**
 * A pruning rule: delete what the blueprint owns (an ownership record says the engine created
 * it for this blueprint) but no longer declares, for one kind, either under one container
 * (`container` is the address of a declared site or list) or under every declared container.
 */
export interface PruneRule {
  kind: ResourceKind;
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
