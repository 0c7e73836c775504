/**
 * Orders changes so that each comes after the changes it depends on, keeping the given
 * (blueprint) order otherwise. Dependencies on addresses not in the list are ignored.
 *
 * A change's place in the list stands for it: one map from address to place, and each change's
 * state in a byte array (a plan of 10,000 workspaces orders 200,000 changes; two maps of that
 * size cost it about twice the time).
 */
import type { Change } from '../model/change.ts';

const VISITING = 1;
const DONE = 2;

export function orderByDependencies(changes: Change[]): Change[] {
  const placeOf = new Map<string, number>();
  for (let i = 0; i < changes.length; i++) placeOf.set(changes[i]!.address, i);
  // Per change: VISITING while its dependencies are being placed, DONE once it is placed.
  const state = new Uint8Array(changes.length);
  const out: Change[] = [];
  const visit = (i: number): void => {
    if (state[i] === DONE) return;
    const change = changes[i]!;
    if (state[i] === VISITING) throw new Error(`dependency cycle through ${change.address}`);
    state[i] = VISITING;
    for (const dep of change.dependsOn) {
      const parent = placeOf.get(dep);
      if (parent !== undefined && state[parent] !== DONE) visit(parent);
    }
    state[i] = DONE;
    out.push(change);
  };
  for (let i = 0; i < changes.length; i++) visit(i);
  return out;
}
