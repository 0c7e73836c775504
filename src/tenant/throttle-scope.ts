/**
 * Which throttling budget a request spends (the pacer keeps one per scope, pacer.ts).
 */
import { isSharePointHost } from './clouds.ts';
import { hostAndPath } from './url-parts.ts';

const VERSION = /^\/(?:v1\.0|beta)/i;
const SHAREPOINT_PATH = /^\/(?:sites|drives)\b|^\/groups\/[^/]+\/(?:sites|drive)\b/i;
const TEAMS_PATH = /^\/teams\b|^\/groups\/[^/]+\/team\b/i;
const ENTRA_PATH = /^\/(?:users|groups|directory|directoryobjects)\b/i;

/**
 * The throttling scope a request spends: `sharepoint` (SharePoint REST, and Graph on /sites,
 * /drives, /groups/{id}/sites), `entra` (Graph directory: /users, /groups, /directory), `teams`
 * (Graph /teams, /groups/{id}/team), `graph` for the rest.
 */
export function throttleScopeOf(url: string): string {
  const u = hostAndPath(url);
  if (isSharePointHost(u.host)) return 'sharepoint';
  return graphScopeOf(u.path.replace(VERSION, ''));
}

/**
 * The scope of a Graph request by its path after the version (`/sites/{id}/lists?$select=id`, as
 * the Graph face and its batcher name requests): what `throttleScopeOf` gives for the absolute
 * URL, without building and parsing one (asked several times for each of a `$batch`'s
 * sub-requests). Names compare case-insensitively; the query is not part of the path.
 */
export function graphScopeOf(path: string): string {
  const end = path.search(/[?#]/);
  const p = end < 0 ? path : path.slice(0, end);
  if (SHAREPOINT_PATH.test(p)) return 'sharepoint';
  if (TEAMS_PATH.test(p)) return 'teams';
  if (ENTRA_PATH.test(p)) return 'entra';
  return 'graph';
}
