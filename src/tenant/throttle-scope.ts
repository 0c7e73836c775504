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
  let scope = recent.get(url);
  if (scope === undefined) {
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(url, (scope = scopeOf(url)));
  }
  return scope;
}

/**
 * The scopes of the URLs asked about lately: a request's scope is asked for several times (its
 * batch's queue, its pacing, each answer it learns from; a `$batch`'s sub-requests each), and
 * reading it from the URL again each time was ~2 % of the main thread of a plan of 10,000 in a
 * profile (issue 12). Bounded: cleared when full.
 */
const recent = new Map<string, string>();
const RECENT_MAX = 4096;

function scopeOf(url: string): string {
  const u = hostAndPath(url);
  if (isSharePointHost(u.host)) return 'sharepoint';
  const path = u.path.replace(/^\/(v1\.0|beta)/i, '').toLowerCase();
  if (/^\/(sites|drives)\b/.test(path) || /^\/groups\/[^/]+\/(sites|drive)\b/.test(path)) return 'sharepoint';
  if (/^\/teams\b/.test(path) || /^\/groups\/[^/]+\/team\b/.test(path)) return 'teams';
  if (/^\/(users|groups|directory|directoryobjects)\b/.test(path)) return 'entra';
  return 'graph';
}
