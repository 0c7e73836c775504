/**
 * Names of term groups, of the sets of a group and of sibling terms are unique among their
 * siblings, case-insensitively and NFC-normalised, as the term store compares them (BP524).
 */
import type { Path } from '../../blueprint-core/source.ts';
import type { KindExpandContext } from '../kind-spec.ts';

/** Records `name` among its siblings (`seen`); false (reported as BP524) when a sibling has it. */
export function uniqueAmongSiblings(x: Pick<KindExpandContext, 'rep'>, seen: Set<string>, name: string, what: string, path: Path, address: string): boolean {
  const k = name.normalize('NFC').toLowerCase();
  if (seen.has(k)) {
    x.rep.at('BP524', [...path, 'name'], `duplicate ${what}: names are unique among siblings (case-insensitive)`, { address });
    return false;
  }
  seen.add(k);
  return true;
}
