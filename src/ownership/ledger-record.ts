/**
 * What the ownership ledger records for one address: `CREATING` (an intent: the create may have
 * been sent, its outcome is not recorded), `CREATED` (an outcome without an id), or the id of the
 * object the create made. Pure.
 */

/** An intent: the create may have been sent, its outcome is not recorded. */
export const CREATING = 'creating';
/** An outcome whose create gave no id. */
export const CREATED = 'created';

/**
 * Whether `id`, an object found at a recorded address, may be the one the create made: an intent
 * or an outcome without an id says nothing against it; a recorded id must be it (ids compared
 * case-insensitively). Another object at the address (ours deleted, one of the same name made by
 * hand; a group's site elsewhere while another site holds the URL) is not the blueprint's.
 */
export function mayBeRecorded(recorded: string, id: string): boolean {
  return recorded === CREATING || recorded === CREATED || recorded.toLowerCase() === id.toLowerCase();
}
