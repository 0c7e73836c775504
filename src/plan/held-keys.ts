/**
 * Changes whose key another object holds (`ObservedState.heldBy`: a list's title another list of
 * the site has, a term's default label a sibling has, a term set's name another set has). The
 * service refuses such a create, or such an update, while the holder is there, so:
 * - when this plan deletes the holder (a prune: a list renamed in the blueprint keeps its title,
 *   and the old one goes), the change depends on that delete and runs after it in the same apply
 *   (run side by side, the create raced the delete);
 * - otherwise a create is shown as unknown with the read's reason, and what lies under it (read as
 *   absent under an absent parent) is unknown under it, never created; an update writes the rest,
 *   its held properties marked as not applied with that reason.
 * Pure: it reads only the plan's changes and what was read.
 */
import { addressKey, containerOf, type Address } from '../model/address.ts';
import type { Change } from '../model/change.ts';
import { underUnreadReason, type HeldBy, type Observed } from '../model/observed.ts';

/**
 * The changes with each held create and update settled; `reordered` is true when a dependency was
 * added (the caller orders again). `digest` gives an unknown change its observed digest when plans
 * carry them.
 */
export function settleHeldKeys(changes: Change[], observed: Observed, digest?: (reason: string) => string): { changes: Change[]; reordered: boolean } {
  const held = changes.flatMap((c, i) => {
    if (c.action !== 'create' && c.action !== 'update') return [];
    const state = observed.get(c.address);
    const heldBy = state && state.status !== 'unknown' ? state.heldBy : undefined;
    if (!heldBy) return [];
    // an update is held only where it writes what the holder has
    const props = c.action === 'update' ? c.changes.map((d) => d.name).filter((n) => heldBy.props?.includes(n)) : [];
    return c.action === 'create' || props.length > 0 ? [{ i, heldBy, props }] : [];
  });
  if (held.length === 0) return { changes, reordered: false };
  const deletes = new Map<string, Address>();
  for (const c of changes) if (c.action === 'delete') deletes.set(addressKey(c.address), c.address);
  const out = changes.slice();
  const refused: Address[] = [];
  let reordered = false;
  for (const { i, heldBy, props } of held) {
    const change = out[i]!;
    const deleted = deletes.get(addressKey(heldBy.address));
    if (deleted !== undefined) {
      out[i] = { ...change, dependsOn: [...change.dependsOn, deleted] };
      reordered = true;
    } else if (change.action === 'update') {
      out[i] = notApplied(change, props, heldBy);
    } else {
      out[i] = unknown(change, heldBy.reason, digest);
      refused.push(change.address);
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

/** An update whose held properties are not written, with why (beside any it already does not write). */
function notApplied(update: Change, props: string[], heldBy: HeldBy): Change {
  const had = update.notApplied;
  return { ...update, notApplied: had ? { props: [...new Set([...had.props, ...props])], reason: `${had.reason}; ${heldBy.reason}` } : { props, reason: heldBy.reason } };
}

function unknown(create: Change, reason: string, digest?: (reason: string) => string): Change {
  const { address, kind, dependsOn, api, source } = create;
  return { address, kind, dependsOn, api, ...(digest ? { observedDigest: digest(reason) } : {}), ...(source ? { source } : {}), action: 'unknown', reason };
}
