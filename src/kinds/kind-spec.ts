/**
 * A kind's pure spec, as the pure registry (`pure.ts`) lists it: its rules (for the planner), its
 * fragment of the blueprint schema and its expansion from the blueprint. No I/O, no SDK.
 */
import type { Address } from '../model/address.ts';
import type { AnyDesiredResource, ColumnProps, ResourceKind, SourceSpan } from '../model/resources.ts';
import type { Reporter, RowContext } from '../blueprint/report.ts';
import type { RawBlueprint, RawColumn, RawList, RawSite } from '../blueprint/schema-types.generated.ts';
import type { Path } from '../blueprint/source.ts';
import type { KindRules } from './kind-rules.ts';

/** A JSON-schema node (as `src/blueprint/schema.ts` builds them). */
export type JsonSchema = { [key: string]: unknown };

/**
 * A kind's part of the one blueprint schema: `definitions` are merged into the schema's
 * definitions, `listProps` into a list's (and a template list's) properties, `siteProps` into a
 * site's, `topProps` into the blueprint's top level (`termStore:`), and `topDefinitions` (what
 * only the top level uses) into the definitions after the sites' and templates'.
 */
export interface KindSchema {
  definitions?: Record<string, JsonSchema>;
  listProps?: Record<string, JsonSchema>;
  siteProps?: Record<string, JsonSchema>;
  topProps?: Record<string, JsonSchema>;
  topDefinitions?: Record<string, JsonSchema>;
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
 * Expands the kind's part of the blueprint's top level (`termStore:`), first of all: before the
 * shared columns, which may name what it declares.
 */
export type TopExpansion = (x: KindExpandContext, raw: RawBlueprint) => void;

/**
 * Checks what a column (shared, site or list; `address` is the column's) names of the kind, e.g.
 * a taxonomy column's term set; false (reported) when the column is unusable. Run after the
 * top-level expansions.
 */
export type ColumnCheck = (x: KindExpandContext, def: RawColumn, path: Path, row?: RowContext, address?: string) => boolean;

/** Resources of the kind a column must wait for (a taxonomy column's term set). */
export type ColumnAfter = (x: KindExpandContext, props: ColumnProps) => Address[];

/**
 * What a kind expands from the blueprint, for one load of a blueprint: a hook per place the kind
 * is written (the top level, a list, a site), checks of the columns that name the kind, and
 * checks across sites once every site is expanded. Made fresh for each load
 * (`KindSpec.expansion`), so it may keep state across sites.
 */
export interface KindExpansion {
  top?: TopExpansion;
  column?: ColumnCheck;
  columnAfter?: ColumnAfter;
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
