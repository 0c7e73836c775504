/**
 * A taxonomy column's binding to a declared term set, checked by the termSet kind's expansion
 * (`column`, `columnAfter` hooks): BP523 (no `termSet:`, or one that is not declared in
 * `termStore:`), BP525 (`termSet`/`allowMultiple` on another type, a default on a taxonomy
 * column), and the set a taxonomy column waits for. The declared sets are read once from the
 * resources expanded so far, at the first column: the term store is expanded first of all.
 */
import { didYouMean } from '../../blueprint/rules.ts';
import type { AnyDesiredResource } from '../../model/resources.ts';
import type { KindExpandContext, KindExpansion } from '../kind-spec.ts';

/** The declared term sets: `Group/Set` (any of the set's names, lower case) -> the set's address. */
export function declaredTermSets(resources: readonly AnyDesiredResource[]): Map<string, string> {
  const groups = new Map<string, string>();
  const sets = new Map<string, string>();
  for (const r of resources) {
    if (r.kind === 'termGroup') groups.set(r.address, r.props.name);
    if (r.kind !== 'termSet' || r.parent === undefined) continue;
    const group = groups.get(r.parent);
    if (group === undefined) continue;
    sets.set(`${group}/${r.props.name}`.toLowerCase(), r.address);
    for (const other of Object.values(r.props.names ?? {})) sets.set(`${group}/${other}`.toLowerCase(), r.address);
  }
  return sets;
}

/** A fresh expansion for one load of a blueprint: it keeps the declared sets once read. */
export function taxonomyColumnChecks(): KindExpansion {
  let known: Map<string, string> | undefined;
  const declared = (x: KindExpandContext): Map<string, string> => (known ??= declaredTermSets(x.resources()));
  return {
    column(x, def, path, row, address) {
      const o = { ...(row ? { row } : {}), ...(address ? { address } : {}) };
      if (def.type !== 'taxonomy') {
        for (const k of ['termSet', 'allowMultiple'] as const) {
          if (def[k] !== undefined) {
            x.rep.at('BP525', [...path, k], `'${k}' is for taxonomy columns; '${def.name}' is a ${def.type} column`, { ...o, atKey: true });
            return false;
          }
        }
        return true;
      }
      if (def.default !== undefined) {
        x.rep.at('BP525', [...path, 'default'], `defaults of taxonomy columns are not supported yet ('${def.name}')`, o);
        return false;
      }
      if (!def.termSet) {
        x.rep.at('BP523', path, `taxonomy column '${def.name}' needs termSet: "Group/Set", a term set declared in termStore:`, o);
        return false;
      }
      const sets = declared(x);
      if (!sets.has(def.termSet.toLowerCase())) {
        const guess = didYouMean(def.termSet, [...sets.keys()]);
        x.rep.at(
          'BP523',
          [...path, 'termSet'],
          `term set '${def.termSet}' is not declared in termStore:${guess ? ` (did you mean '${guess}'?)` : sets.size ? '' : ' (there is no termStore: groups)'}`,
          o,
        );
        return false;
      }
      return true;
    },
    columnAfter(x, props) {
      const set = props.termSet ? declared(x).get(props.termSet.toLowerCase()) : undefined;
      return set ? [set] : [];
    },
  };
}
