/**
 * Registry 1 of 3 (leaf): the declarations of the kinds (declared.generated.ts, written from
 * src/kinds/kind-list.ts by scripts/gen-kind-registries.ts). `src/model/resources.ts` derives the
 * kind union, the props by kind and the prunable kinds from this file; `pure.ts` adds each kind's
 * rules, schema and expansion, `registry.ts` its effects.
 */
import type { FactsOf, PropsOf } from './kind-declaration.ts';
import { DECLARED_KINDS } from './declared.generated.ts';

export { DECLARED_KINDS };

type Declared = (typeof DECLARED_KINDS)[number];

/** Desired props of each kind (its model.ts). */
export type DeclaredPropsByKind = { [D in Declared as D['kind']]: PropsOf<D> };

/** Facts of each kind (src/model/facts.ts); `never` for a kind without. */
export type DeclaredFactsByKind = { [D in Declared as D['kind']]: FactsOf<D> };

/** The kinds a blueprint may prune (declared `prunable`). */
export type DeclaredPruneKind = Extract<Declared, { prunable: true }>['kind'];

export const DECLARED_PRUNE_KINDS = DECLARED_KINDS.filter((d) => d.prunable).map((d) => d.kind) as DeclaredPruneKind[];
