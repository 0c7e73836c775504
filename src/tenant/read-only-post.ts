/**
 * A POST that only reads, marked so by its caller: a CSOM query whose actions only read (the
 * term store's groups, sets and terms; a `WorkingLanguage` set for the query's session is not
 * kept), SharePoint's `GetTenantThemingOptions`. Its method says POST, so without the mark the
 * transport takes it for a write that may have committed and never sends it again: a passing
 * 503 or a broken connection made the term store unreadable for the whole plan. Marked, it is
 * sent again as a GET is (transport.ts). The mark is a symbol on the request's init (PnPjs hands
 * the init its `pre` observers see to the sender), never a header on the wire.
 */
const READ_ONLY_POST = Symbol('m365-provision: a POST that only reads');

type Marked = RequestInit & { [READ_ONLY_POST]?: true };

/** Marks `init` as a POST that only reads; returns it. */
export function markReadOnly<T extends RequestInit>(init: T): T {
  (init as Marked)[READ_ONLY_POST] = true;
  return init;
}

/** Whether `init` was marked by `markReadOnly` (a copy made by spreading it keeps the mark). */
export function isMarkedReadOnly(init: RequestInit): boolean {
  return (init as Marked)[READ_ONLY_POST] === true;
}
