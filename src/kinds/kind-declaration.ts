/**
 * What the model must know of a kind before anything else: its name, its props type, whether a
 * blueprint may prune it and the kinds of container it lives in. A leaf (no imports), so that
 * `src/model/` can derive the kind union, the props by kind, the facts by kind and the prunable
 * kinds from the declarations (`declared.ts`) without an import circle.
 */
export interface KindDeclaration<N extends string = string, P = unknown, F = never> {
  kind: N;
  /** true: `prune: [<kind>]` is allowed; the kind's effects must then list and delete. */
  prunable: boolean;
  /** Kinds of container this kind lives in (a top-level `prune: [<kind>]` looks in each declared one); absent for a tenant-level kind. */
  parentKinds?: readonly string[];
  /** Type-only: the kind's desired props (never set at run time). */
  readonly props?: P;
  /** Type-only: the kind's facts (src/model/facts.ts: what its children need that is not an id); `never` when it has none. */
  readonly facts?: F;
}

/**
 * Declares a kind: `declareKind<ViewProps>()('view', { prunable: true, parentKinds: ['list'] })`;
 * a kind with facts names their type second (`declareKind<TeamProps, TeamFacts>()`).
 */
export function declareKind<P, F = never>() {
  return <const N extends string, const D extends Omit<KindDeclaration<N, P, F>, 'kind' | 'props' | 'facts'>>(kind: N, declaration: D): D & { kind: N; readonly props?: P; readonly facts?: F } => ({ kind, ...declaration });
}

/** The props type a declaration carries. */
export type PropsOf<D> = D extends { readonly props?: infer P } ? P : never;

/** The facts type a declaration carries (`never`: none). */
export type FactsOf<D> = D extends { readonly facts?: infer F } ? F : never;
