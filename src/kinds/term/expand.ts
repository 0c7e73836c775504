/**
 * Expansion of a set's `terms:` (and each term's `children:`) into `term` resources, keyed by
 * their path of labels, with BP524 (a duplicate name among sibling terms). Run by the term
 * store's expansion (src/kinds/term-group/expand.ts), right after each set, so that a set's terms
 * follow it.
 */
import type { RawTerm } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import type { KindExpandContext } from '../kind-spec.ts';
import { uniqueAmongSiblings } from '../term-group/sibling-names.ts';
import { termAddress } from './model.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';
import { storedName, storedNames } from '../../model/term-store-names.ts';

/** What the blueprint stamps on every set and term it declares: its language (`termStore.language`) and its name. */
export interface TermStoreStamp {
  language: string;
  owner: string;
}


/** Terms under `parent` (the set, or a term whose path is `prefix` without its last `/`), depth first. */
export function expandTerms(x: KindExpandContext, terms: RawTerm[], base: Path, set: string, parent: string, prefix: string, stamp: TermStoreStamp): void {
  const seen = new Set<string>();
  terms.forEach((t, i) => {
    const path = [...base, i];
    if (!t || typeof t.name !== 'string') return;
    const name = storedName(t.name); // as the term store keeps it (& is stored as ＆)
    const termPath = `${prefix}${name}`;
    const address = termAddress(set, termPath);
    if (!uniqueAmongSiblings(x, seen, name, `term '${termPath}'`, path, address)) return;
    x.push({
      kind: 'term',
      address,
      parent,
      props: definedProps({
        path: termPath,
        name,
        labels: storedNames(t.labels),
        description: t.description,
        properties: t.properties,
        language: stamp.language,
        owner: stamp.owner,
      }),
      source: x.span(path),
    });
    expandTerms(x, t.children ?? [], [...path, 'children'], set, address, `${termPath}/`, stamp);
  });
}
