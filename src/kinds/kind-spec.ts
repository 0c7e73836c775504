/**
 * A kind's pure spec (its folder's `spec.ts`), as the pure registry (`pure.ts`) lists it: its rules (for the planner), its
 * fragment of the blueprint schema and its expansion from the blueprint. No I/O, no SDK.
 */
import type { AnyDesiredResource, ResourceKind, SourceSpan } from '../model/resources.ts';
import type { Reporter, RowContext } from '../blueprint-core/report.ts';
import type { RawBlueprint, RawChannel, RawColumn, RawList, RawSite, RawTeam } from '../blueprint-core/schema-types.generated.ts';
import type { Path } from '../blueprint-core/source.ts';
import type { KindRules } from './kind-rules.ts';

/** A JSON-schema node (as `src/blueprint/schema.ts` builds them). */
export type JsonSchema = { [key: string]: unknown };

/**
 * One form of the blueprint schema: the plain one (`team`), or the templates' (`templateTeam`),
 * whose enums may instead be `{{ row.x }}` placeholders. `key` names a definition in this form,
 * `ref` refers to one.
 */
export interface SchemaForm {
  key(name: string): string;
  ref(name: string): JsonSchema;
  template: boolean;
}

/**
 * A kind's part of the one blueprint schema: `definitions` are merged into the schema's
 * definitions, `listProps` into a list's (and a template list's) properties, `siteProps` into a
 * site's, `topProps` into the blueprint's top level (`termStore:`), and `topDefinitions` (what
 * only the top level uses) into the definitions after the sites' and templates'.
 * `forms` gives definitions that have a template form too, and the site properties that
 * refer to them, once per form (`forms(f).definitions` keyed by `f.key(name)`).
 */
export interface KindSchema {
  definitions?: Record<string, JsonSchema>;
  listProps?: Record<string, JsonSchema>;
  siteProps?: Record<string, JsonSchema>;
  topProps?: Record<string, JsonSchema>;
  topDefinitions?: Record<string, JsonSchema>;
  forms?(f: SchemaForm): { definitions?: Record<string, JsonSchema>; siteProps?: Record<string, JsonSchema> };
}

/** What an expansion gets from the blueprint's expander. */
export interface KindExpandContext {
  rep: Reporter;
  span(path: Path): SourceSpan;
  /** Registers an address (reports a duplicate); false when it is taken. */
  claim(address: string, what: string, path: Path, row?: RowContext): boolean;
  push(resource: AnyDesiredResource): void;
  /** The resources expanded so far. */
  resources(): readonly AnyDesiredResource[];
  /**
   * The resources expanded so far from the site being expanded (the site itself first), so that a
   * site's or list's hook looks at its own site's resources, not at the whole blueprint's (which
   * made a blueprint of 8,000 workspaces with views take 25 s to validate).
   */
  siteResources(): readonly AnyDesiredResource[];
  /**
   * The blueprint's shared column definitions (`columns:` at the top) by key, for a check that
   * names the one to `use:` (undefined before the blueprint is read).
   */
  sharedColumns(): Readonly<Record<string, RawColumn>> | undefined;
  /**
   * True when no schema problem makes the element at `path` unusable (problems inside a nested
   * list or column element are left to that element, which asks for itself).
   */
  sound(path: Path): boolean;
}

/**
 * Expands a list's part of the blueprint into resources of the kind, after the list, its columns
 * and its content types were expanded: `list` and `site` are their addresses, `listPath` where
 * the list is written.
 */
export type ListExpansion = (x: KindExpandContext, l: RawList, listPath: Path, list: string, site: string, row?: RowContext) => void;

/**
 * Expands a site's part of the blueprint into resources of the kind, after the site, its
 * columns, content types, lists and team were expanded: `site` is its address, `path` where the
 * site is written (a template's path for a stamped site, with `row`).
 */
export type SiteExpansion = (x: KindExpandContext, s: RawSite, path: Path, site: string, row?: RowContext) => void;

/**
 * A site's `team:` being expanded, as the team kind opened it (src/kinds/team/expand.ts
 * `openTeam`: the site is a team site, the team's address is claimed, its users are checked).
 * `path` is where the team is written, `address` the team's, `site` the site's.
 */
export interface TeamScope {
  s: RawSite;
  team: RawTeam;
  path: Path;
  address: string;
  site: string;
  row?: RowContext;
  /** The team's owners: the site's `owners:` and the team's, checked, without repeats. */
  owners: readonly string[];
  /** The team's `members:`, checked (owners among them included). */
  members: readonly string[];
  /**
   * The site's declared document libraries by URL segment in lower case, each to its segment as
   * declared; and `shared documents` (the site's own library, not declared: to undefined).
   */
  libraries: ReadonlyMap<string, string | undefined>;
  /** Checks a list of UPNs (BP308, BP313 for a repeat) written at `path` for `address`; the sound ones, once each. */
  checkUsers(list: string[] | undefined, path: Path, address: string): string[];
  /** Runs every kind's `channel` hook for a channel that was just expanded (at `path`, address `channel`). */
  channel(ch: RawChannel, path: Path, channel: string): void;
}

/** Expands a team's part of the blueprint into resources of the kind (hooks run in registry order). */
export type TeamExpansion = (x: KindExpandContext, t: TeamScope) => void;

/** Expands a channel's part of the blueprint, right after the channel was expanded (before the next channel). */
export type ChannelExpansion = (x: KindExpandContext, ch: RawChannel, path: Path, channel: string, t: TeamScope) => void;

/**
 * What a kind expands from the blueprint, for one load of a blueprint: a hook per place the kind
 * is written (the top of the blueprint, a site, a list, a team, a channel), and checks across
 * sites once every site is expanded. Made fresh for each load (`KindSpec.expansion`), so it may
 * keep state across sites. Each hook runs for every kind in registry order (`src/kinds/kind-list.ts`).
 */
export interface KindExpansion {
  list?: ListExpansion;
  site?: SiteExpansion;
  team?: TeamExpansion;
  channel?: ChannelExpansion;
  /** Checks across sites, once every site is expanded. */
  finish?(x: KindExpandContext): void;
  /**
   * The top of the blueprint, once, before any site: the term store (`termStore:`), then shared
   * columns (a taxonomy column names the store's sets), then shared content types.
   */
  top?(x: KindExpandContext, raw: RawBlueprint): void;
  /** A site's part that comes right after the site itself, before its lists (its columns, then its content types). */
  siteStart?: SiteExpansion;
  /** A list's part that comes right after the list itself, before the `list` hooks (its columns, then its content types). */
  listStart?: ListExpansion;
  /** A list that is not emitted (its URL is refused): what the kind still checks in it (its columns). */
  refusedList?: ListExpansion;
}

/**
 * The expansions made so far for one load, by kind: a kind's expansion may use those of the kinds
 * listed before it in the registry (a content type's links name the columns' shared columns).
 */
export type EarlierExpansions = Partial<Record<ResourceKind, KindExpansion>>;

export interface KindSpec<K extends ResourceKind> {
  rules: KindRules<K>;
  schema?: KindSchema;
  /**
   * Who emits the kind's resources when it has no `expansion` of its own and no group's: the kind
   * whose expansion nests it (a term set in its group's), or `expander` for the containers that
   * src/blueprint/expand.ts expands itself (sites and lists) before their children.
   */
  expandedBy?: ResourceKind | 'expander';
  /** A fresh expansion of the kind for one load of a blueprint (given the kinds' made before it in this load). */
  expansion?: (earlier: EarlierExpansions) => KindExpansion;
}

/**
 * What several kinds share when their resources interleave, so that one expansion must order
 * them (the permission kinds: levels, groups, assignments, each list's scope and assignments,
 * sharing): a schema fragment that combines their nodes and that expansion. `pure.ts` lists the
 * groups after the kinds; their fragments merge like a kind's and their hooks run after the
 * kinds' own.
 */
export interface KindGroupSpec {
  /** The kinds the group's expansion expands (their specs have no expansion of their own). */
  kinds: readonly ResourceKind[];
  schema?: KindSchema;
  /** A fresh expansion of the group for one load of a blueprint. */
  expansion: () => KindExpansion;
}
