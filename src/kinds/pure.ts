/**
 * Registry 2 of 3 (pure): the spec of every kind that lives in `src/kinds/<kind>/`: its rules,
 * schema fragment and expansion. No I/O, no SDK: the blueprint loader and the planner's callers
 * take what they need from here. (`declared.ts` lists the kinds, `registry.ts` adds the effects.)
 */
import type { DeclaredPropsByKind } from './declared.ts';
import type { JsonSchema, KindSpec, ListExpansion, SiteExpansion } from './kind-spec.ts';
import { expandNavigation } from './navigation-node/expand.ts';
import { navigationNodeRules } from './navigation-node/rules.ts';
import { navigationNodeSchema } from './navigation-node/schema.ts';
import { expandViews } from './view/expand.ts';
import { viewRules } from './view/rules.ts';
import { viewSchema } from './view/schema.ts';

type DeclaredKind = keyof DeclaredPropsByKind;

export const KIND_SPECS: { readonly [K in DeclaredKind]: KindSpec<K> } = {
  view: { rules: viewRules, schema: viewSchema, expandList: expandViews },
  navigationNode: { rules: navigationNodeRules, schema: navigationNodeSchema, expandSite: expandNavigation },
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

/** The moved kinds' expansions from a site, in registry order. */
export const SITE_EXPANSIONS: readonly SiteExpansion[] = specs.flatMap((s) => (s.expandSite ? [s.expandSite] : []));

/** The moved kinds' expansions from a list, in registry order. */
export const LIST_EXPANSIONS: readonly ListExpansion[] = specs.flatMap((s) => (s.expandList ? [s.expandList] : []));
