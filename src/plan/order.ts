/**
 * Orders changes so that each comes after the changes it depends on, keeping the given
 * (blueprint) order otherwise. Dependencies on addresses not in the list are ignored.
 */
import type { Change } from '../model/change.ts';

export function orderByDependencies(changes: Change[]): Change[] {
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: Change[] = [];
  const visit = (change: Change): void => {
    if (done.has(change.address)) return;
    if (visiting.has(change.address)) throw new Error(`dependency cycle through ${change.address}`);
    visiting.add(change.address);
    for (const dep of change.dependsOn) {
      const parent = byAddress.get(dep);
      if (parent) visit(parent);
    }
    visiting.delete(change.address);
    done.add(change.address);
    out.push(change);
  };
  changes.forEach(visit);
  return out;
}
