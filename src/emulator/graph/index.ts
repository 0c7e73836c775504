/**
 * The Microsoft Graph v1.0 face: directory (users, groups, owners/members), Teams and SharePoint
 * sites, lists, columns, items, content types and the term store, projected from the shared store.
 * The face checks the version, the token and the permissions, then dispatches on its one route
 * table (routes.ts); an error thrown below is answered here as the service answers it (errors.ts).
 */
import type { Auth } from '../auth.ts';
import { isAppOnly, permissionsOf } from '../auth-claims.ts';
import { noDirectoryLag } from '../directory-lag.ts';
import { header, jsonRes, type Req, type Res } from '../http.ts';
import type { Gate } from '../policy.ts';
import { checkGraph } from '../permissions.ts';
import type { Store } from '../store.ts';
import { refuseUnreadOptions } from './unread-options.ts';
import { GraphError, graphErrorOf } from './errors.ts';
import { safeDecode, type GraphCtx } from './route-context.ts';
import { GRAPH_TABLE } from './routes.ts';
import { checkTermStore } from './termstore-access.ts';
import { normaliseTeamSegs, TeamsRoutes } from './teams.ts';

export { GraphError };

const UNAUTHENTICATED: Record<string, string> = {
  missing: 'Access token is empty.',
  malformed: 'IDX14100: JWT is not well formed, there are no dots (.).',
  signature: 'Access token validation failure. Invalid signature.',
  expired: 'Lifetime validation failed, the token is expired.',
  audience: 'Access token validation failure. Invalid audience.',
  'not-yet-valid': 'Lifetime validation failed, the token is not yet valid.',
  'unsupported-app-only': 'Access token validation failure.',
};

export class GraphFace {
  /** Teams routes (graph/teams.ts); their async timings are set by the behaviour profile */
  readonly teams: TeamsRoutes;
  /** throttling of $batch sub-requests (set by the local tenant; null = none) */
  gate: Gate | null = null;
  /** directory eventual consistency: new groups missing from lookups for a while (directory-lag.ts; set by the local tenant) */
  directoryLag = noDirectoryLag();
  /** told of each `$batch` sub-request once it is answered, by its operation (the local tenant's stats) */
  onSubRequest: (op: string) => void = () => {};

  constructor(
    private readonly store: Store,
    private readonly auth: Auth,
    private readonly tenantId: string,
  ) {
    this.teams = new TeamsRoutes(store, tenantId);
  }

  handle(req: Req): Res {
    const requestId = req.requestId;
    const clientRequestId = header(req, 'client-request-id') ?? requestId;
    const baseHeaders = {
      'request-id': requestId,
      'client-request-id': clientRequestId,
      'x-ms-ags-diagnostic': '{"ServerInfo":{"DataCenter":"Local","Slice":"E","Ring":"1","ScaleUnit":"000","RoleInstance":"local-tenant"}}',
      'odata-version': '4.0',
    };
    let res: Res;
    try {
      res = this.route(req);
    } catch (e) {
      const { status, code, message } = graphErrorOf(e);
      req.op ??= `${req.method} (error)`;
      res = jsonRes(status, {
        error: { code, message, innerError: { date: this.store.nowIso(), 'request-id': requestId, 'client-request-id': clientRequestId } },
      });
    }
    Object.assign(res.headers, baseHeaders);
    if (res.body !== undefined && res.headers['content-type']?.startsWith('application/json')) {
      res.headers['content-type'] = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
    }
    return res;
  }

  private route(req: Req): Res {
    let path = req.rawPath;
    const vm = /^\/(v1\.0|beta)(\/|$)/i.exec(path);
    if (!vm) {
      req.op = `${req.method} (unknown)`;
      throw new GraphError(400, 'BadRequest', 'Invalid version.');
    }
    path = path.slice(vm[0].length);
    const v = this.auth.verify(req, 'graph');
    if (!v.ok) {
      req.op = `${req.method} (unauthenticated)`;
      throw new GraphError(401, 'InvalidAuthenticationToken', UNAUTHENTICATED[v.reason]!);
    }
    req.claims = v.claims;
    // decoded, as the routes see them: `/%75sers` is `/users` and needs what `/users` needs
    const rawSegs = path.split('/').filter(Boolean).map(safeDecode);
    // the term store supports only delegated callers (termstore-access.ts); other routes check app roles or scopes
    const ts = checkTermStore(req.method, rawSegs, v.claims as { scp?: unknown; roles?: unknown });
    const denied = ts === undefined ? checkGraph(req.method, rawSegs, permissionsOf(v.claims), !isAppOnly(v.claims)) : ts;
    if (denied) {
      req.op = `${req.method} (forbidden)`;
      throw new GraphError(403, denied.code, denied.message);
    }
    const c: GraphCtx = {
      req,
      store: this.store,
      tenantId: this.tenantId,
      lag: this.directoryLag,
      teams: this.teams,
      handle: (sub) => {
        const res = this.handle(sub);
        this.onSubRequest(sub.op ?? `${sub.method} ?`);
        return res;
      },
      gate: this.gate,
      segs: [],
      firstSegment: '',
      params: {},
      rest: [],
      below: [],
      op: (name) => {
        req.op = `${req.method} ${name}`;
      },
    };
    // sites/{hostname}:/{server-relative-path}[:[/rest]]
    const sm = /^sites\/([^/:]+):(\/[^:]*)?(?::(.*))?$/i.exec(path);
    if (sm) {
      const host = sm[1]!;
      let rel = safeDecode(sm[2] ?? '/');
      if (rel.length > 1 && rel.endsWith('/')) rel = rel.slice(0, -1);
      const site = host.toLowerCase() === this.store.spHost ? this.store.getSiteByUrl(rel) : undefined;
      if (!site) {
        req.op = `${req.method} /sites/{hostname}:/{path}`;
        throw new GraphError(404, 'itemNotFound', 'The provided path does not exist, or does not represent a site');
      }
      c.site = site;
      const rest = (sm[3] ?? '').replace(/^\/+/, '');
      path = `sites/{bypath}${rest ? '/' + rest : ''}`;
    }
    const segs = path.split('/').filter((s) => s.length > 0).map(safeDecode);
    c.firstSegment = segs[0] ?? '';
    // Teams keys may be written `teams('id')` (the Location header's syntax): split into segments
    const s0 = segs[0]?.toLowerCase();
    c.segs = s0?.startsWith('teams') || (s0 === 'groups' && segs[2]?.toLowerCase() === 'team') ? normaliseTeamSegs(segs) : segs;
    const match = GRAPH_TABLE.find(req.method, c.segs)!; // the table ends with a route for any path
    const res = GRAPH_TABLE.run(match, c);
    if (req.method === 'GET' && res.status < 300) refuseUnreadOptions(req);
    return res;
  }
}
