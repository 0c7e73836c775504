/**
 * The host and path of a request URL, for deciding which budget and which per-endpoint window a
 * request spends (throttle-scope.ts, endpoint-limits.ts). They are asked for several times a
 * request (a `$batch`'s sub-requests each), and a WHATWG `URL` per question was the largest
 * single allocation of a plan (issue 12: 4.6 % of what a plan of 1,000 workspaces allocates).
 */

/** An absolute http(s) URL: user info, host, port, path (query and fragment not captured). */
const ABSOLUTE = /^https?:\/\/(?:[^@/?#]*@)?([^/?#:@]+)(?::\d*)?(\/[^?#]*)?(?:[?#]|$)/i;

/**
 * `hostname` (lower case) and `pathname` as `new URL(url)` gives them for the URLs the engine
 * sends, without building a URL; the path is not percent-encoded or dot-segment-resolved (the
 * callers match prefixes and ids, which neither changes). Anything that is not a plain absolute
 * http(s) URL goes through `URL` (which throws on what it cannot parse).
 */
export function hostAndPath(url: string): { host: string; path: string } {
  // URL reads a backslash as a slash and drops tabs and newlines: such a URL is left to it.
  const m = /[\\\t\n\r]/.test(url) ? null : ABSOLUTE.exec(url);
  if (m) return { host: m[1]!.toLowerCase(), path: m[2] ?? '/' };
  const u = new URL(url);
  return { host: u.hostname, path: u.pathname };
}
