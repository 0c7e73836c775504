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
  const path = u.path.replace(/^\/(v1\.0|beta)/i, '').toLowerCase();
  if (/^\/(sites|drives)\b/.test(path) || /^\/groups\/[^/]+\/(sites|drive)\b/.test(path)) return 'sharepoint';
  if (/^\/teams\b/.test(path) || /^\/groups\/[^/]+\/team\b/.test(path)) return 'teams';
  if (/^\/(users|groups|directory|directoryobjects)\b/.test(path)) return 'entra';
  return 'graph';
}
