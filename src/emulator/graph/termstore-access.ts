/**
 * Who may call Graph's term store (`/sites/{id}/termStore/...`, `/termStore/...`). Microsoft's
 * permission table of every term store page (termstore-store-get, termstore-list-groups,
 * termstore-group-get, termstore-group-post, termstore-set-post, termstore-set-update,
 * termstore-term-post, termstore-term-list-children, termstore-term-update, ...-delete) reads
 * "Application: Not supported": only a signed-in user (delegated TermStore.Read.All for reads,
 * TermStore.ReadWrite.All for writes) is supported. The local tenant takes that reading, the
 * stricter one (some tenants answer app-only reads), and refuses an app-only token on every term
 * store route with the answer Graph's SharePoint-backed routes give an app that may not act there:
 * 403 `accessDenied` "Access denied". App-only term store work goes through CSOM taxonomy
 * (`sharepoint/csom-taxonomy.ts`).
 */
import type { Denial } from '../permissions.ts';

const READ_SCOPES = ['TermStore.Read.All', 'TermStore.ReadWrite.All'];
const WRITE_SCOPES = ['TermStore.ReadWrite.All'];

/** The claims this check reads: `scp` (space-separated) marks a delegated token, `roles` an app-only one. */
export interface AccessClaims {
  scp?: unknown;
  roles?: unknown;
}

/** Whether a token was issued to a signed-in user (it has `scp` and no app `roles`). */
export function isDelegated(claims: AccessClaims): boolean {
  const roles = Array.isArray(claims.roles) ? claims.roles : [];
  return typeof claims.scp === 'string' && claims.scp.trim() !== '' && roles.length === 0;
}

/**
 * Whether the Graph path (segments after the version) addresses the term store: `termStore[s]`
 * at the root, right under a site (`sites/{id}/termStore`, `groups/{id}/sites/root/termStore`) or
 * after a site path (`sites/{host}:/sites/x:/termStore`); not a list or column of that name.
 */
export function isTermStorePath(segs: string[]): boolean {
  return segs.some((s, i) => /^termstores?$/i.test(s.replace(/\(.*$/, '')) && (i === 0 || segs[i - 2]?.toLowerCase() === 'sites' || (segs[i - 1] ?? '').endsWith(':')));
}

/**
 * For a term store path: the denial, or null when allowed. Undefined when the path is not a term
 * store path (the caller applies its usual checks).
 */
export function checkTermStore(method: string, segs: string[], claims: AccessClaims): Denial | null | undefined {
  if (!isTermStorePath(segs)) return undefined;
  if (!isDelegated(claims)) return { status: 403, code: 'accessDenied', message: 'Access denied' };
  const scopes = String(claims.scp).split(/\s+/);
  const any = method === 'GET' ? READ_SCOPES : WRITE_SCOPES;
  if (any.some((s) => scopes.includes(s))) return null;
  return { status: 403, code: 'accessDenied', message: 'Access denied' };
}
