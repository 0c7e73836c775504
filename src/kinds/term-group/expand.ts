/**
 * Expansion of the top-level `termStore:` into `termGroup` resources, each followed by its sets
 * and their terms (src/kinds/term-set/expand.ts, src/kinds/term/expand.ts), with BP524 (a
 * duplicate group name). The term store's one top-level hook: run first of all, because taxonomy
 * columns name its sets.
 */
import type { RawBlueprint } from '../../blueprint-core/schema-types.generated.ts';
import type { KindExpandContext } from '../kind-spec.ts';
import { expandTermSet } from '../term-set/expand.ts';
import type { TermStoreStamp } from '../term/expand.ts';
import { termGroupAddress } from './model.ts';
import { uniqueAmongSiblings } from './sibling-names.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';
import { storedName } from '../../model/term-store-names.ts';


/** The blueprint's `termStore:`: groups, sets and terms in the order they are written, depth first. */
export function expandTermStore(x: KindExpandContext, raw: RawBlueprint): void {
  const ts = raw.termStore;
  if (!ts || typeof ts !== 'object') return;
  const stamp: TermStoreStamp = { language: typeof ts.language === 'string' ? ts.language : 'en-US', owner: raw.name ? raw.name : 'm365-provision' };
  const seenGroups = new Set<string>();
  (ts.groups ?? []).forEach((g, i) => {
    const path = ['termStore', 'groups', i];
    if (!g || typeof g.name !== 'string') return;
    const name = storedName(g.name); // as the term store keeps it (& is stored as ＆)
    const address = termGroupAddress(name);
    if (!uniqueAmongSiblings(x, seenGroups, name, `term group '${name}'`, path, address)) return;
    x.push({ kind: 'termGroup', address, props: definedProps({ name, description: g.description }), source: x.span(path) });
    const seenSets = new Set<string>();
    (g.termSets ?? []).forEach((s, j) => expandTermSet(x, s, [...path, 'termSets', j], name, address, seenSets, stamp));
  });
}
