/**
 * The host and path of a request URL, for deciding which budget and which per-endpoint window a
 * request spends (throttle-scope.ts, endpoint-limits.ts). They are asked for several times a
 * request (a `$batch`'s sub-requests each), and a WHATWG `URL` per question was the largest
 * single allocation of a plan (issue 12: 4.6 % of what a plan of 1,000 workspaces allocates).
 */

/**
 * An absolute http(s) URL: user info, host, port, path (query and fragment not captured). A
 * backslash, tab or newline before the query does not match: `URL` reads a backslash as a slash
 * and drops tabs and newlines, so such a URL is left to it (in the query they change neither).
 */
const ABSOLUTE = /^https?:\/\/(?:[^@/?#\\\t\n\r]*@)?([^/?#:@\\\t\n\r]+)(?::\d*)?(\/[^?#\\\t\n\r]*)?(?:[?#]|$)/i;

/**
 * `hostname` (lower case) and `pathname` as `new URL(url)` gives them for the URLs the engine
 * sends, without building a URL; the path is not percent-encoded or dot-segment-resolved (the
 * callers match prefixes and ids, which neither changes). Anything that is not a plain absolute
 * http(s) URL goes through `URL` (which throws on what it cannot parse).
 */
export function hostAndPath(url: string): { host: string; path: string } {
  const m = ABSOLUTE.exec(url);
  if (m) return { host: m[1]!.toLowerCase(), path: m[2] ?? '/' };
  const u = new URL(url);
  return { host: u.hostname, path: u.pathname };
}

/** A request as the budgets and the per-endpoint windows classify it: its URL's host and path read once. */
export interface ParsedCall {
  method: string;
  url: string;
  /** Lower case, as `hostAndPath` gives it. */
  host: string;
  path: string;
}

/** `method url` with its host and path (hostAndPath), for the several questions asked of one request. */
export function parsedCall(method: string, url: string): ParsedCall {
  const { host, path } = hostAndPath(url);
  return { method, url, host, path };
}
