/**
 * What a Graph route's handler works with (`GraphCtx`): the request, the store, the face's
 * services, the path's bound parameters and the records their resolvers found.
 */
import type { DirectoryLag } from '../directory-lag.ts';
import { isObj, parseJsonBody, type Req, type Res } from '../http.ts';
import type { ContentTypeRec, TermGroupRec, TermRec, TermSetRec } from '../metadata-types.ts';
import type { Gate } from '../policy.ts';
import type { Store } from '../store.ts';
import type { ChannelRec, TabRec } from '../teams-state.ts';
import type { FieldRec, GroupRec, ItemRec, ListRec, SiteRec, TeamRec, UserRec } from '../types.ts';
import { GraphError, unknownSegment } from './errors.ts';
import type { TeamsRoutes } from './teams.ts';

/**
 * One request on the Graph face, as its route's handler sees it. The records (`site`, `list`...)
 * are set by the resolvers of the route's path parameters (routes.ts), in path order, before
 * the handler runs: a handler may rely on those its pattern names.
 */
export interface GraphCtx {
  req: Req;
  store: Store;
  tenantId: string;
  /** directory eventual consistency (directory-lag.ts) */
  lag: DirectoryLag;
  /** Teams routes' state: operations, replication (teams.ts) */
  teams: TeamsRoutes;
  /** the face itself, for `$batch` sub-requests, and the gate that throttles them */
  handle: (sub: Req) => Res;
  gate: Gate | null;
  /** the path's segments without the version, decoded (`teams('x')` keys split: teams.ts normaliseTeamSegs) */
  segs: string[];
  /** the path's first segment as sent (the "Resource not found for the segment" answer names it) */
  firstSegment: string;
  /** the route's `{name}` parameters, as in the path */
  params: Record<string, string>;
  /** the segments a trailing `{...}` matched */
  rest: string[];
  /** the segments below the prefix a route was mounted under (route-table.ts `mount`: below the site) */
  below: string[];
  /** records the operation name: `req.op = '<METHOD> <name>'` */
  op: (name: string) => void;
  /** set when the url addressed a site by path (sites/{host}:/{path}:) or by a `{site}` parameter */
  site?: SiteRec;
  list?: ListRec;
  item?: ItemRec;
  column?: FieldRec;
  team?: TeamRec;
  /** the group of `team` */
  teamGroup?: GroupRec;
  channel?: ChannelRec;
  /** a team's or channel's member (`{member}`, `{channelmember}`) */
  member?: UserRec;
  tab?: TabRec;
  contentType?: ContentTypeRec;
  termGroup?: TermGroupRec;
  termSet?: TermSetRec;
  term?: TermRec;
  /** a content type's column: its link and the field it links */
  contentTypeColumn?: { link: ContentTypeRec['links'][number]; field: FieldRec };
}

/** The request's JSON object body; 400 as Graph answers without one. */
export function jsonBody(req: Req): Record<string, unknown> {
  const b = parseJsonBody(req);
  if (!isObj(b)) throw new GraphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  return b;
}

/** A path segment decoded, or as it is when it is not valid percent-encoding. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** No route serves the path: 400 naming its first segment, as the service answers. */
export function unknownPath(c: GraphCtx): never {
  throw unknownSegment(c.firstSegment);
}
