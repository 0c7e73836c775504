/**
 * Changes whose key another object holds (`ObservedState.heldBy`: a list's title another list of
 * the site has, a term's default label a sibling has, a term set's name another set has). The
 * service refuses such a create, or such an update, while the holder is there, so:
 * - when this plan deletes the holder (a prune: a list renamed in the blueprint keeps its title,
 *   and the old one goes), the change depends on that delete and runs after it in the same apply
 *   (run side by side, the create raced the delete);
 * - when this plan updates the holder's key to one that no longer meets this change's (a chain of
 *   renames: "Arkiv" becomes "Arkiv 2025" and another list becomes "Arkiv"), the change depends on
 *   that update, once that update is itself free to run (a holder held in turn waits for its own
 *   holder; a cycle, such as two titles swapped, is never free: it needs a name in between);
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
  const held = changes.flatMap((c, i): Held[] => {
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
  const updates = new Map<string, number>();
  changes.forEach((c, i) => {
    if (c.action === 'delete') deletes.set(addressKey(c.address), c.address);
    if (c.action === 'update') updates.set(addressKey(c.address), i);
  });
  const releasedBy = releasingUpdates(changes, held, updates, deletes);
  const out = changes.slice();
  const refused: Address[] = [];
  let reordered = false;
  for (const { i, heldBy, props } of held) {
    const change = out[i]!;
    const deleted = deletes.get(addressKey(heldBy.address));
    const moved = releasedBy.get(i);
    if (deleted !== undefined || moved !== undefined) {
      out[i] = { ...change, dependsOn: [...change.dependsOn, deleted ?? moved!] };
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

interface Held {
  /** the held change's place in the plan */
  i: number;
  heldBy: HeldBy;
  props: string[];
}

/**
 * The held changes whose holder this plan updates to a key that no longer meets theirs, by place:
 * the holder's address to depend on. A holder's update counts only once it is free itself (not
 * held, its own holder deleted by this plan, or released in turn), found round by round, so a
 * chain resolves and a cycle does not.
 */
function releasingUpdates(changes: readonly Change[], held: readonly Held[], updates: ReadonlyMap<string, number>, deletes: ReadonlyMap<string, Address>): Map<number, Address> {
  // held changes that wait for their holder's delete are free to run after it
  const heldAt = new Set(held.filter((h) => !deletes.has(addressKey(h.heldBy.address))).map((h) => h.i));
  const released = new Map<number, Address>();
  for (let progress = true; progress; ) {
    progress = false;
    for (const h of held) {
      if (released.has(h.i)) continue;
      const at = updates.get(addressKey(h.heldBy.address));
      if (at === undefined || (heldAt.has(at) && !released.has(at))) continue;
      const holder = changes[at]!;
      if (holder.action === 'update' && keyMovesAway(changes[h.i]!, holder, h.heldBy.props ?? [])) {
        released.set(h.i, holder.address);
        progress = true;
      }
    }
  }
  return released;
}

/**
 * Whether `holder`'s update gives every held property a value that no longer meets what `change`
 * writes there: strings compared case-insensitively (as SharePoint and the term store compare
 * names), a map (a term's labels by language, a term set's names) by any of its values, the
 * holder's unstated keys kept (a partial map); a property the update leaves alone still holds.
 */
function keyMovesAway(change: Change, holder: Extract<Change, { action: 'update' }>, props: readonly string[]): boolean {
  if (props.length === 0 || (change.action !== 'create' && change.action !== 'update')) return false;
  return props.every((name) => {
    const moved = holder.changes.find((d) => d.name === name);
    if (!moved || holder.notApplied?.props.includes(name)) return false;
    const after = moved.partial && isMap(moved.before) && isMap(moved.after) ? { ...moved.before, ...moved.after } : moved.after;
    const theirs = new Set(namesIn(after));
    return !namesIn(change.after[name]).some((n) => theirs.has(n));
  });
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The names a key holds, in lower case: a string, or a map's string values. */
function namesIn(v: unknown): string[] {
  if (typeof v === 'string') return [v.toLowerCase()];
  return isMap(v) ? Object.values(v).flatMap((x) => (typeof x === 'string' ? [x.toLowerCase()] : [])) : [];
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
