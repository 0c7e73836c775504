/**
 * Creates whose key another object holds (`ObservedState` absent with `heldBy`: a list's title
 * another list of the site has). The service refuses such a create while the holder is there, so:
 * - when this plan deletes the holder (a prune: a list renamed in the blueprint keeps its title,
 *   and the old one goes), the create depends on that delete and runs after it in the same apply
 *   (run side by side, the create raced the delete);
 * - otherwise the create is shown as unknown with the read's reason, and what lies under it
 *   (read as absent under an absent parent) is unknown under it, never created.
 * Pure: it reads only the plan's changes and what was read.
 */
import { addressKey, containerOf, type Address } from '../model/address.ts';
import type { Change } from '../model/change.ts';
import { underUnreadReason, type Observed } from '../model/observed.ts';

/**
 * The changes with each held create settled; `reordered` is true when a dependency was added (the
 * caller orders again). `digest` gives an unknown change its observed digest when plans carry them.
 */
export function settleHeldCreates(changes: Change[], observed: Observed, digest?: (reason: string) => string): { changes: Change[]; reordered: boolean } {
  const held = changes.flatMap((c, i) => {
    if (c.action !== 'create') return [];
    const state = observed.get(c.address);
    return state?.status === 'absent' && state.heldBy ? [{ i, heldBy: state.heldBy }] : [];
  });
  if (held.length === 0) return { changes, reordered: false };
  const deletes = new Map<string, Address>();
  for (const c of changes) if (c.action === 'delete') deletes.set(addressKey(c.address), c.address);
  const out = changes.slice();
  const refused: Address[] = [];
  let reordered = false;
  for (const { i, heldBy } of held) {
    const create = out[i]!;
    const deleted = deletes.get(addressKey(heldBy.address));
    if (deleted !== undefined) {
      out[i] = { ...create, dependsOn: [...create.dependsOn, deleted] };
      reordered = true;
    } else {
      out[i] = unknown(create, heldBy.reason, digest);
      refused.push(create.address);
    }
  }
  if (refused.length > 0) {
    // What would be created inside a refused create is not created either (the nearest refused
    // container named; containers walked up, so a plan of many stays linear).
    const refusedByKey = new Map(refused.map((a) => [addressKey(a), a]));
    for (let i = 0; i < out.length; i++) {
      const c = out[i]!;
      if (c.action !== 'create') continue;
      for (let at = containerOf(c.address); at !== undefined; at = containerOf(at)) {
        const parent = refusedByKey.get(addressKey(at));
        if (parent === undefined) continue;
        out[i] = unknown(c, underUnreadReason(parent), digest);
        break;
      }
    }
  }
  return { changes: out, reordered };
}

function unknown(create: Change, reason: string, digest?: (reason: string) => string): Change {
  const { address, kind, dependsOn, api, source } = create;
  return { address, kind, dependsOn, api, ...(digest ? { observedDigest: digest(reason) } : {}), ...(source ? { source } : {}), action: 'unknown', reason };
}
