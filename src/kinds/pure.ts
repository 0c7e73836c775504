/**
 * Registry 2 of 3 (pure): the spec of every kind (pure.generated.ts, written from
 * src/kinds/kind-list.ts by scripts/gen-kind-registries.ts: each folder's spec.ts), the kind
 * groups, and what the loader takes from them: schema definitions, list, site and top-level
 * properties, expansions. No I/O, no SDK: the blueprint loader and the planner's callers take what
 * they need from here. (`declared.ts` has the declarations, `registry.ts` adds the effects.)
 */
import type { DeclaredPropsByKind } from './declared.ts';
import type { EarlierExpansions, JsonSchema, KindExpansion, KindGroupSpec, KindSchema, KindSpec, SchemaForm } from './kind-spec.ts';
import type { KindRulesByKind } from './kind-rules.ts';
import { KIND_SPECS } from './pure.generated.ts';
import { permissionsExpansion } from './permissions/expand.ts';
import { sitePermissionsSchema } from './permissions/schema.ts';

export { KIND_SPECS };

type DeclaredKind = keyof DeclaredPropsByKind;

/** The pure rules of every kind, without their effects (for callers that must not load the SDKs). */
export const PURE_KIND_RULES = Object.fromEntries(Object.values(KIND_SPECS).map((s) => [s.rules.kind, s.rules])) as unknown as KindRulesByKind;

/**
 * Kinds whose resources interleave, expanded together by one expansion in a fixed order (after
 * the kinds' own expansions): the permission kinds (src/kinds/permissions/).
 */
export const KIND_GROUPS: readonly KindGroupSpec[] = [
  { kinds: ['roleDefinition', 'siteGroup', 'roleAssignment', 'permissionScope', 'siteSharing'], schema: sitePermissionsSchema, expansion: permissionsExpansion },
];

const specs = Object.values(KIND_SPECS) as KindSpec<DeclaredKind>[];
/** The schema fragments of the kinds, then of the groups. */
const fragments: KindSchema[] = [...specs, ...KIND_GROUPS].flatMap((s) => (s.schema ? [s.schema] : []));

/** The moved kinds' schema definitions, merged into the blueprint schema's definitions. */
export function kindDefinitions(): Record<string, JsonSchema> {
  return Object.assign({}, ...fragments.map((f) => f.definitions ?? {}));
}

/** The moved kinds' properties of a list, merged into a list's (and a template list's) properties. */
export function kindListProps(): Record<string, JsonSchema> {
  return Object.assign({}, ...fragments.map((f) => f.listProps ?? {}));
}

/** The moved kinds' properties of a site, merged into a site's properties. */
export function kindSiteProps(): Record<string, JsonSchema> {
  return Object.assign({}, ...fragments.map((f) => f.siteProps ?? {}));
}

/** The moved kinds' definitions and site properties in one form of the schema (plain or template). */
export function kindForms(f: SchemaForm): { definitions: Record<string, JsonSchema>; siteProps: Record<string, JsonSchema> } {
  const forms = fragments.map((x) => x.forms?.(f) ?? {});
  return { definitions: Object.assign({}, ...forms.map((x) => x.definitions ?? {})), siteProps: Object.assign({}, ...forms.map((x) => x.siteProps ?? {})) };
}

/** The moved kinds' properties of the blueprint's top level (`termStore:`), merged into the root's properties. */
export function kindTopProps(): Record<string, JsonSchema> {
  return Object.assign({}, ...fragments.map((f) => f.topProps ?? {}));
}

/** The definitions only the top-level properties use, merged after the sites' and templates' definitions. */
export function kindTopDefinitions(): Record<string, JsonSchema> {
  return Object.assign({}, ...fragments.map((f) => f.topDefinitions ?? {}));
}

/**
 * Fresh expansions of the moved kinds for one load of a blueprint, in registry order (the order
 * their resources come in; each is given those made before it), then the groups' expansions.
 */
export function kindExpansions(): KindExpansion[] {
  const made: EarlierExpansions = {};
  for (const s of specs) if (s.expansion) made[s.rules.kind] = s.expansion(made);
  return [...Object.values(made), ...KIND_GROUPS.map((g) => g.expansion())];
}
