/**
 * What a SharePoint request is expected to cost relative to the others, before the service has
 * said anything: the shape of the charge, whose scale the pacer learns (request-cost.ts).
 *
 * Microsoft's table ("Avoid getting throttled or blocked in SharePoint Online") fixes the cost
 * of a Graph request on SharePoint resources: 1 resource unit for a single item (and a delta
 * with a token), 2 for a query of many items (and a delta without a token) and for a create,
 * update or delete, 5 for a permission operation (also `$expand=permissions`); a `$batch` counts
 * its requests one by one. SharePoint REST and CSOM have no fixed cost ("usually more than
 * Graph"): a read is taken as 2 and a write as 3, and the learned scale corrects the two together.
 *
 * Why the shape matters: the service's headers (and so the learned cost) come only while a
 * minute window is 80 % spent, and the requests sent then are not a sample of the run's (at a
 * window's end they were mostly REST writes: 2.7-2.8 units a request where the run's averaged
 * 2.39, issue 12). Charged per request at that figure, a run paid its 24-hour account 7-12 % more
 * than it spent; charged per expected unit, the mix no longer matters, only the table's ratios.
 */
import { isSharePointHost } from './clouds.ts';
import { hostAndPath } from './url-parts.ts';

/** Graph collections whose GET is a query of many items (2 units), by their last path segment. */
const GRAPH_COLLECTIONS = new Set(['lists', 'items', 'columns', 'contenttypes', 'drives', 'children', 'sites', 'subsites', 'pages', 'versions', 'columnpositions', 'basetypes', 'operations', 'sets', 'terms', 'groups']);

/** The units `method url` is expected to cost SharePoint, by Microsoft's table for Graph and 2 / 3 for REST. */
export function expectedUnits(method: string, url: string): number {
  const verb = method.toUpperCase();
  const write = verb !== 'GET' && verb !== 'HEAD';
  const { host, path } = hostAndPath(url);
  // SharePoint's own host: REST (`_api`) and CSOM (`_vti_bin/client.svc/ProcessQuery`, always a POST).
  if (isSharePointHost(host)) return write ? 3 : 2;
  // Read in place, without lower-casing, splitting or copying the URL: this runs for every
  // request and every sub-request of a `$batch` (issue 12).
  const q = url.indexOf('?');
  const query = q >= 0 ? url.slice(q + 1) : '';
  if (PERMISSIONS_SEGMENT.test(path) || PERMISSIONS_EXPANDED.test(query)) return 5;
  if (write) return 2;
  const last = lastSegment(path);
  if (last === 'delta') return DELTA_TOKEN.test(query) ? 1 : 2;
  // `/sites/{id}` is one site; `/sites` (search, all sites) and `/sites/{id}/sites` are many.
  if (GRAPH_COLLECTIONS.has(last)) return 2;
  return 1;
}

const PERMISSIONS_SEGMENT = /\/permissions(?:\/|$)/i;
const PERMISSIONS_EXPANDED = /(?:^|&)\$?expand=[^&]*permissions/i;
const DELTA_TOKEN = /(?:^|&)(?:token|\$deltatoken|\$skiptoken)=/i;

/** The path's last segment that is not empty, lower case, without a function's arguments (`delta()` is `delta`). */
function lastSegment(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47 /* / */) end--;
  const segment = path.slice(path.lastIndexOf('/', end - 1) + 1, end);
  const paren = segment.indexOf('(');
  return (paren >= 0 ? segment.slice(0, paren) : segment).toLowerCase();
}
