/**
 * What lies under a resource that could not be read could not be read either, for that reason
 * (the read settles it so: src/observe/read-tenant.ts): the renderings show the resource once,
 * with a count of what lies under it, not a block for each (a team site held by a deleted group
 * makes its twenty resources unreadable, and a CSV of a thousand such rows 21,000 blocks). Pure.
 */
import type { Change } from '../model/change.ts';
import { isUnderUnread } from '../model/observed.ts';

/** A change to show, and how many unreadable changes under it are folded into it. */
export interface ShownChange {
  change: Change;
  under: number;
}

/**
 * The changes to show, in order: an unreadable change whose address lies under the unreadable
 * change just shown, and that is unreadable because its parent is, is counted there instead. A
 * change is yielded once what follows it is known (one change of look-ahead).
 */
export function* foldUnread(changes: Iterable<Change>): Generator<ShownChange> {
  let held: ShownChange | undefined;
  for (const change of changes) {
    if (held && held.change.action === 'unknown' && !held.change.pruneRefused && change.action === 'unknown' && change.address.startsWith(`${held.change.address}/`) && isUnderUnread(change.reason)) {
      held.under++;
      continue;
    }
    if (held) yield held;
    held = { change, under: 0 };
  }
  if (held) yield held;
}

/** What a rendering says under a change with `under` changes folded into it (a comment of the block). */
export function foldedNote(under: number): string {
  return `and ${under} resource${under === 1 ? '' : 's'} under it, not read either (nothing will be done to them)`;
}
