/**
 * Facts: what a resource's children (or its own rules) need to know of it that is not a service
 * id, e.g. how many owners the blueprint declares for a team, how many owners a team has, a term
 * set's language. `ResourceIds` holds service ids only.
 *
 * Contract:
 * - a kind declares the type of its facts in its model.ts (`declareKind<Props, Facts>()`);
 *   `FactsByKind` (resources.ts) maps each kind to it (`never`: the kind has none);
 * - a kind's `read` puts them on its present `ObservedState` (`facts`), its `create` on its
 *   `Created` result, its `listExisting` on each found resource;
 * - the engine hands them to the kind's children as `parentFacts` (read, write and prune
 *   contexts), beside `parentIds`; a child copies into its own facts what its rules need;
 * - the plan keeps them on each change of a present resource (`facts` beside `ids`), so a saved
 *   plan applied later hands its children the facts that were read when it was made; they are
 *   part of the observed digest, so a fact that changed since makes a saved plan stale;
 * - JSON scalars only, never secrets (they are written into plans).
 */

/** One fact: a JSON scalar. */
export type FactValue = string | number | boolean;

/** The facts of a resource, by name. A kind's facts type is an object type of such values. */
export type Facts = { readonly [name: string]: FactValue };
