/**
 * Orders changes so that each comes after the changes it depends on, keeping the given
 * (blueprint) order otherwise. Dependencies on addresses not in the list are ignored.
 */
import type { Change } from '../model/change.ts';

const VISITING = 1;
const DONE = 2;

export function orderByDependencies(changes: Change[]): Change[] {
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  // Per address: VISITING while its dependencies are being placed, DONE once it is placed.
  const state = new Map<string, typeof VISITING | typeof DONE>();
  const out: Change[] = [];
  const visit = (change: Change): void => {
    const now = state.get(change.address);
    if (now === DONE) return;
    if (now === VISITING) throw new Error(`dependency cycle through ${change.address}`);
    state.set(change.address, VISITING);
    for (const dep of change.dependsOn) {
      const parent = byAddress.get(dep);
      if (parent && state.get(dep) !== DONE) visit(parent);
    }
    state.set(change.address, DONE);
    out.push(change);
  };
  for (const change of changes) visit(change);
  return out;
}
