/**
 * The bound on the local tenant's statistics by operation. An operation's name is built from the
 * request (SharePoint's path segments, the method or its X-HTTP-Method override), so a client
 * that varies them could otherwise grow those statistics without limit (every input bounded).
 * A real client uses a few hundred operations at most; past MAX_OPERATION_NAMES distinct names,
 * new ones are counted together under OTHER_OPERATIONS, and a name is cut to MAX_NAME_LENGTH.
 */

/** Distinct operation names kept in one tally. */
export const MAX_OPERATION_NAMES = 512;
/** Characters of an operation name kept. */
export const MAX_NAME_LENGTH = 200;
/** The name the operations beyond the bound are counted under. */
export const OTHER_OPERATIONS = '(other operations)';

/** The key `op` is counted under in `tally`: itself (cut to length) while the tally has room, else OTHER_OPERATIONS. */
export function operationKey(tally: ReadonlyMap<string, unknown>, op: string): string {
  const name = op.length > MAX_NAME_LENGTH ? `${op.slice(0, MAX_NAME_LENGTH)}…` : op;
  return tally.has(name) || tally.size < MAX_OPERATION_NAMES - 1 ? name : OTHER_OPERATIONS;
}
