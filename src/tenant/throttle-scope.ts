/**
 * Which throttling budget a request spends (the pacer keeps one per scope, pacer.ts).
 */
import { isSharePointHost } from './clouds.ts';
import { hostAndPath } from './url-parts.ts';

/**
 * The throttling scope a request spends: `sharepoint` (SharePoint REST, and Graph on /sites,
 * /drives, /groups/{id}/sites), `entra` (Graph directory: /users, /groups, /directory), `teams`
 * (Graph /teams, /groups/{id}/team), `graph` for the rest.
 */
export function throttleScopeOf(url: string): string {
  const u = hostAndPath(url);
  if (isSharePointHost(u.host)) return 'sharepoint';
  return graphPathScope(u.path);
}

/** A Graph path's optional version segment. */
const VERSION = String.raw`(?:\/(?:v1\.0|beta))?`;
/** One path segment (an id), up to the next slash, query or fragment. */
const ID = String.raw`[^/?#]+`;
const SHAREPOINT_PATH = new RegExp(String.raw`^${VERSION}\/(?:(?:sites|drives)\b|groups\/${ID}\/(?:sites|drive)\b)`, 'i');
const TEAMS_PATH = new RegExp(String.raw`^${VERSION}\/(?:teams\b|groups\/${ID}\/team\b)`, 'i');
const ENTRA_PATH = new RegExp(String.raw`^${VERSION}\/(?:users|groups|directory|directoryobjects)\b`, 'i');

/**
 * The scope of a Graph path (`/sites/{id}/lists`, with or without its version segment; a query
 * may follow), as `throttleScopeOf` gives for the path's URL. Tested on the path as it is, with
 * no URL built, copied or lower-cased: the batchers ask it for each sub-request they queue, and
 * building and classifying the URL each time (0.5 µs, remembered or not: a new string is hashed
 * at each question) was ~2 % of a plan of 10,000 workspaces' main thread (issue 12). The
 * transport's own questions (a sub-answer learned, `underPressure`) still take the URL
 * (`throttleScopeOf`): its interface speaks of URLs.
 */
export function graphPathScope(path: string): string {
  if (SHAREPOINT_PATH.test(path)) return 'sharepoint';
  if (TEAMS_PATH.test(path)) return 'teams';
  if (ENTRA_PATH.test(path)) return 'entra';
  return 'graph';
}
