/**
 * Expansion of a group's `termSets:` into `termSet` resources, each followed by its terms, with
 * BP524 (a duplicate set name in a group). Run by the term store's expansion
 * (src/kinds/term-group/expand.ts), right after each group.
 */
import type { RawTermSet } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import type { KindExpandContext } from '../kind-spec.ts';
import { uniqueAmongSiblings } from '../term-group/sibling-names.ts';
import { expandTerms, type TermStoreStamp } from '../term/expand.ts';
import { termSetAddress } from './model.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';
import { storedName, storedNames } from '../../model/term-store-names.ts';


/** One set of the group `groupName` (at `group`); `seen` holds the names of the sets before it. */
export function expandTermSet(x: KindExpandContext, s: RawTermSet, path: Path, groupName: string, group: string, seen: Set<string>, stamp: TermStoreStamp): void {
  if (!s || typeof s.name !== 'string') return;
  const name = storedName(s.name); // as the term store keeps it (& is stored as ＆)
  const address = termSetAddress(group, name);
  if (!uniqueAmongSiblings(x, seen, name, `term set '${name}' in group '${groupName}'`, path, address)) return;
  x.push({
    kind: 'termSet',
    address,
    parent: group,
    props: definedProps({ name, names: storedNames(s.names), description: s.description, language: stamp.language, owner: stamp.owner }),
    source: x.span(path),
  });
  expandTerms(x, s.terms ?? [], [...path, 'terms'], address, address, '', stamp);
}
