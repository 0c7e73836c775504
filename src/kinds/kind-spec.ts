/**
 * A kind's pure spec, as the pure registry (`pure.ts`) lists it: its rules (for the planner), its
 * fragment of the blueprint schema and its expansion from the blueprint. No I/O, no SDK.
 */
import type { AnyDesiredResource, ResourceKind, SourceSpan } from '../model/resources.ts';
import type { Reporter, RowContext } from '../blueprint/report.ts';
import type { RawList, RawSite } from '../blueprint/schema-types.generated.ts';
import type { Path } from '../blueprint/source.ts';
import type { KindRules } from './kind-rules.ts';

/** A JSON-schema node (as `src/blueprint/schema.ts` builds them). */
export type JsonSchema = { [key: string]: unknown };

/**
 * A kind's part of the one blueprint schema: `definitions` are merged into the schema's
 * definitions, `listProps` into a list's (and a template list's) properties, `siteProps` into a
 * site's.
 */
export interface KindSchema {
  definitions?: Record<string, JsonSchema>;
  listProps?: Record<string, JsonSchema>;
  siteProps?: Record<string, JsonSchema>;
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
 * What a kind expands from the blueprint, for one load of a blueprint: a hook per place the kind
 * is written (a list, a site), and checks across sites once every site is expanded. Made fresh
 * for each load (`KindSpec.expansion`), so it may keep state across sites.
 */
export interface KindExpansion {
  list?: ListExpansion;
  site?: SiteExpansion;
  /** Checks across sites, once every site is expanded. */
  finish?(x: KindExpandContext): void;
}

export interface KindSpec<K extends ResourceKind> {
  rules: KindRules<K>;
  schema?: KindSchema;
  /** A fresh expansion of the kind for one load of a blueprint. */
  expansion?: () => KindExpansion;
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
