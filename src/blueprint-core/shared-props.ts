/**
 * Props built from one part of a blueprint, shared by every resource stamped from it. A
 * template's parts without a placeholder are one frozen value for all its rows
 * (src/blueprint/template.ts, `compileStamp`); props that depend on such a part alone are built
 * once for it and frozen, instead of once per row (a plan of 10,000 workspaces holds 200,000
 * props objects to its end). A part that is not frozen (a site written out, a part with a
 * placeholder) gets its own props each time, as before.
 */

/**
 * `build()`'s props for `part`: built once per frozen `part` and kept in `memo` (one memo per kind
 * of props: a part may feed several), else built anew. `build` must depend on `part` alone (and
 * on what is fixed for the whole blueprint, such as its shared columns).
 */
export function sharedProps<T>(memo: WeakMap<object, T>, part: object, build: () => T): T {
  if (!Object.isFrozen(part)) return build();
  let props = memo.get(part);
  if (props === undefined) memo.set(part, (props = deepFreeze(build())));
  return props;
}

/** Freezes `value` and everything in it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
