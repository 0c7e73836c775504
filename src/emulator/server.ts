import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GRAPH_HOST, LOGIN_HOST, type Auth } from './auth.ts';
import type { GraphFace } from './graph/index.ts';
import { jsonRes, type Req, type Res } from './http.ts';
import { answerWithFaults, type Admission, type ChargedByOperation, type Policy } from './policy.ts';
import { operationKey } from './operation-names.ts';
import type { ClosedWindow } from './throttle.ts';
import type { SharePointFace } from './sharepoint/index.ts';
import type { Scope } from './throttle.ts';
import { refuseControl } from './control-access.ts';
import { bodyBoundFor, declaredLength, readBoundedBody, type Face } from './request-intake.ts';

export type { Face } from './request-intake.ts';
import type { DirectoryLagCounters } from './directory-lag.ts';

export interface Stats {
  /** all requests served (a $batch counts once) */
  requests: number;
  /**
   * Bytes of the answers' bodies sent (a `$batch` answer whole), as a client reads them (the local
   * tenant does not compress): what the reads of a plan cost on the wire.
   */
  responseBytes: number;
  /** requests per operation, e.g. 'POST /groups', 'GET /groups/{id}', 'SP POST web/lists' */
  byOperation: Record<string, number>;
  /** Graph and SharePoint `$batch` sub-requests served, per operation (each batch counts once in `byOperation`, as 'POST /$batch' or 'SP POST $batch'; a sub-request the throttle refused is not counted here) */
  batchedByOperation: Record<string, number>;
  /** responses per status code */
  byStatus: Record<string, number>;
  profile: string;
  timeScale: number;
  licences: number;
  /** simulated ms since the tenant started (real ms x timeScale) */
  simulatedElapsedMs: number;
  realElapsedMs: number;
  resourceUnits: {
    /** units charged per bucket since start (throttled requests included) */
    spent: Record<string, number>;
    /** the current window of each bucket of the local tenant's app */
    buckets: Record<string, { used: number; limit: number; resetsInMs: number }>;
    /** SharePoint RU by operation (Graph's sites/lists routes and SharePoint REST; $batch sub-requests each under their own op) */
    sharepointByOperation: ChargedByOperation;
    /** The app's last closed SharePoint minute windows (at most a day's), oldest first: how full each was, and the pause before the next */
    sharepointMinuteWindows: ClosedWindow[];
  };
  /** 429s from throttling (batch sub-requests included), by scope */
  throttled: { total: number; byScope: Record<Scope, number> };
  /** 503s because the app was blocked */
  blocked: { periods: number; responses: number; simulatedMs: number };
  /** calls that came before a Retry-After had passed */
  retryAfterViolations: number;
  faults: { total: number; byKind: Record<string, number> };
  latency: { draws: number; simulatedMs: number };
  /** directory eventual consistency (directory-lag.ts): whether it is on, and how often it changed an answer */
  directoryLag?: { enabled: boolean } & DirectoryLagCounters;
}

export class StatsCounter {
  requests = 0;
  responseBytes = 0;
  private readonly ops = new Map<string, number>();
  private readonly batchedOps = new Map<string, number>();
  private readonly statuses = new Map<number, number>();

  count(op: string, status: number): void {
    this.requests++;
    const key = operationKey(this.ops, op);
    this.ops.set(key, (this.ops.get(key) ?? 0) + 1);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  /** A `$batch` sub-request (the batch itself is counted by `count`). */
  countBatched(op: string): void {
    const key = operationKey(this.batchedOps, op);
    this.batchedOps.set(key, (this.batchedOps.get(key) ?? 0) + 1);
  }

  snapshot(): Pick<Stats, 'requests' | 'responseBytes' | 'byOperation' | 'batchedByOperation' | 'byStatus'> {
    return {
      requests: this.requests,
      responseBytes: this.responseBytes,
      byOperation: Object.fromEntries([...this.ops].sort((a, b) => a[0].localeCompare(b[0]))),
      batchedByOperation: Object.fromEntries([...this.batchedOps].sort((a, b) => a[0].localeCompare(b[0]))),
      byStatus: Object.fromEntries([...this.statuses].map(([k, v]) => [String(k), v])),
    };
  }
}

const LOGIN_ALIASES = new Set([LOGIN_HOST, 'login.microsoft.com', 'login.windows.net', 'sts.windows.net']);

export function faceFor(forwardedHost: string | undefined, path: string, spHost: string): Face {
  if (forwardedHost) {
    const h = forwardedHost.toLowerCase().replace(/:\d+$/, '');
    if (h === GRAPH_HOST) return 'graph';
    if (LOGIN_ALIASES.has(h)) return 'login';
    if (h === spHost || h === spHost.replace(/\.sharepoint\.com$/, '-admin.sharepoint.com')) return 'sharepoint';
    if (h.endsWith('.sharepoint.com') || h.endsWith('.microsoft.com') || h.endsWith('.microsoftonline.com')) return 'unknown';
  }
  if (/^\/(v1\.0|beta)(\/|$)/i.test(path)) return 'graph';
  if (/\/_api(\/|$)/i.test(path)) return 'sharepoint';
  if (/\/(oauth2|\.well-known|discovery)\//i.test(path) || /\/discovery\/instance$/i.test(path)) return 'login';
  if (path.startsWith('/_emulator/')) return 'emulator';
  if (!forwardedHost && /^\/msi\/token\/?$/i.test(path)) return 'msi';
  return 'unknown';
}

export interface ServerDeps {
  graph: GraphFace;
  sharepoint: SharePointFace;
  auth: Auth;
  spHost: string;
  stats: StatsCounter;
  policy: Policy;
  /** GET /_emulator/stats (on the emulator's own origin) */
  statsJson: () => Stats;
  /** the key every `/_emulator/*` control request must carry (control-access.ts) */
  controlKey: string;
  /** true once the local tenant is stopping: a held request that runs late (`hang-then-commit`) does not run then */
  stopping?: () => boolean;
}

/** How long after its connection closed a request held by `hang-then-commit` runs (real ms). */
const LATE_RUN_MS = 500;

export function createServer(deps: ServerDeps): http.Server {
  const server = http.createServer((req, res) => {
    void serve(deps, req, res);
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

/**
 * One request: routed from its headers, refused from them alone when it has no known host, no
 * valid token or no control key (the body is never read), its body read up to the face's bound
 * (request-intake.ts), then admitted, delayed or faulted by the policy and answered by its face.
 */
async function serve(deps: ServerDeps, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const { policy } = deps;
  const url = req.url ?? '/';
  const qi = url.indexOf('?');
  const rawPath = qi < 0 ? url : url.slice(0, qi);
  const rawQuery = qi < 0 ? '' : url.slice(qi + 1);
  const fwd = req.headers['x-forwarded-host'];
  const face = faceFor(Array.isArray(fwd) ? fwd[0] : fwd, rawPath, deps.spHost);
  const r: Req = {
    method: (req.method ?? 'GET').toUpperCase(),
    host: face,
    rawPath,
    rawQuery,
    query: new URLSearchParams(rawQuery),
    headers: req.headers,
    body: Buffer.alloc(0),
    requestId: randomUUID(),
  };
  const hasBody = (declaredLength(req) ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const early = refuseFromHeaders(deps, face, r);
  if (early) {
    deps.stats.count(r.op ?? `${r.method} ?`, early.status);
    write(req, res, early, hasBody, deps.stats);
    return;
  }
  const bound = bodyBoundFor(face, rawPath);
  const body = await readBoundedBody(req, bound.bytes);
  if (body === 'gone') return; // the client dropped mid-body: a partial request is never handled
  if (body === 'too-large') {
    r.op = `${r.method} (body too large)`;
    const out = bound.refuse(typeof req.headers.accept === 'string' ? req.headers.accept : undefined);
    deps.stats.count(r.op, out.status);
    write(req, res, out, true, deps.stats);
    return;
  }
  r.body = body;
  let out: Res;
  let delay = 0;
  let reset = false;
  // Never answered: the socket stays open until the client gives up or the server closes.
  let hang = false;
  let adm: Admission | undefined;
  try {
    if (face === 'graph' || face === 'sharepoint') {
      adm = policy.admit(face, r);
      if (adm.reject) out = adm.reject;
      else {
        const admitted = adm;
        out = answerWithFaults(policy, face, r, (req) => {
          const answer = face === 'graph' ? deps.graph.handle(req) : deps.sharepoint.handle(req);
          Object.assign(answer.headers, admitted.headers);
          return answer;
        });
        // a fault's drop, or one a fault inside a `$batch` met
        reset = out.drop === 'reset';
        hang = out.drop === 'hang';
      }
      // A throttled or blocked answer is rejected up front, as the service does: without the
      // operation's latency, so that the client hears of the wait when the wait starts.
      if (!adm.reject) delay = policy.latencyRealMs(adm.charge);
    } else if (face === 'login') out = deps.auth.handleLogin(r);
    else if (face === 'msi') out = deps.auth.managedIdentity.handle(r);
    else {
      // only GET /_emulator/stats passes refuseFromHeaders
      r.op = 'GET /_emulator/stats';
      out = jsonRes(200, deps.statsJson());
    }
  } catch (e) {
    r.op ??= `${r.method} (crash)`;
    out = { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 'InternalServerError', message: (e as Error).message } }) };
  }
  deps.stats.count(r.op ?? `${r.method} ?`, reset || hang ? 0 : out.status);
  if (adm) policy.booked(r, adm);
  if (hang) {
    // a request that runs late runs LATE_RUN_MS after the client gave up (its connection closed):
    // a lookup made right after the client's deadline does not find what it makes
    const run = out.later;
    if (run) {
      req.socket.once('close', () => {
        setTimeout(() => {
          if (deps.stopping?.()) return;
          // counted as its operation `(ran late)` with its status: nobody hears its answer
          try {
            const ran = run();
            deps.stats.count(`${ran.op ?? req.method} (ran late)`, ran.status);
          } catch {
            deps.stats.count(`${req.method} (ran late)`, 500);
          }
        }, LATE_RUN_MS).unref();
      });
    }
    return;
  }
  const send = () => {
    if (reset) {
      req.socket.destroy();
      return;
    }
    write(req, res, out, false, deps.stats);
  };
  if (delay >= 1) setTimeout(send, delay);
  else send();
}

/**
 * The answer a request gets from its headers alone, or undefined when its body is to be read:
 * no known host (404), a control route without the control key (401) or that does not exist
 * (404), a Graph or SharePoint request whose bearer token fails (the face's own answer, computed
 * with an empty body: every Graph and SharePoint route checks the token before the body).
 */
function refuseFromHeaders(deps: ServerDeps, face: Face, r: Req): Res | undefined {
  if (face === 'unknown') {
    r.op = `${r.method} (unknown host)`;
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
  }
  if (face === 'emulator') {
    r.op = `${r.method} /_emulator (control)`;
    const refused = refuseControl(r.headers, deps.controlKey);
    if (refused) return refused;
    if (r.method !== 'GET' || r.rawPath !== '/_emulator/stats') return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
    return undefined;
  }
  if (face === 'graph' || face === 'sharepoint') {
    if (deps.auth.verify(r, face).ok) return undefined;
    return face === 'graph' ? deps.graph.handle(r) : deps.sharepoint.handle(r);
  }
  return undefined;
}

/**
 * Sends `out`, its body's bytes counted in `stats`; `close` ends the connection after it (an
 * unread or refused body is never drained).
 */
function write(req: http.IncomingMessage, res: http.ServerResponse, out: Res, close: boolean, stats: StatsCounter): void {
  const bytes = out.body !== undefined ? Buffer.byteLength(out.body) : 0;
  stats.responseBytes += bytes;
  out.headers['content-length'] = String(bytes);
  if (close) out.headers.connection = 'close';
  res.writeHead(out.status, out.headers);
  res.end(out.body, () => {
    if (close) req.socket.destroySoon();
  });
}

export function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
