import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GRAPH_HOST, LOGIN_HOST, type Auth } from './auth.ts';
import type { GraphFace } from './graph/index.ts';
import type { Req, Res } from './http.ts';
import type { SharePointFace } from './sharepoint/index.ts';

export interface Stats {
  /** all requests served */
  requests: number;
  /** requests per operation, e.g. 'POST /groups', 'GET /groups/{id}', 'SP POST web/lists' */
  byOperation: Record<string, number>;
  /** responses per status code */
  byStatus: Record<string, number>;
}

export class StatsCounter {
  requests = 0;
  private readonly ops = new Map<string, number>();
  private readonly statuses = new Map<number, number>();

  count(op: string, status: number): void {
    this.requests++;
    this.ops.set(op, (this.ops.get(op) ?? 0) + 1);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  snapshot(): Stats {
    return {
      requests: this.requests,
      byOperation: Object.fromEntries([...this.ops].sort((a, b) => a[0].localeCompare(b[0]))),
      byStatus: Object.fromEntries([...this.statuses].map(([k, v]) => [String(k), v])),
    };
  }
}

type Face = 'graph' | 'sharepoint' | 'login' | 'unknown';

const LOGIN_ALIASES = new Set([LOGIN_HOST, 'login.microsoft.com', 'login.windows.net', 'sts.windows.net']);

export function faceFor(forwardedHost: string | undefined, path: string, spHost: string): Face {
  if (forwardedHost) {
    const h = forwardedHost.toLowerCase().replace(/:\d+$/, '');
    if (h === GRAPH_HOST) return 'graph';
    if (LOGIN_ALIASES.has(h)) return 'login';
    if (h === spHost) return 'sharepoint';
    if (h.endsWith('.sharepoint.com')) return 'unknown';
  }
  if (/^\/(v1\.0|beta)(\/|$)/i.test(path)) return 'graph';
  if (/\/_api(\/|$)/i.test(path)) return 'sharepoint';
  if (/\/(oauth2|\.well-known|discovery)\//i.test(path) || /\/discovery\/instance$/i.test(path)) return 'login';
  return 'unknown';
}

export interface ServerDeps {
  graph: GraphFace;
  sharepoint: SharePointFace;
  auth: Auth;
  spHost: string;
  stats: StatsCounter;
}

export function createServer(deps: ServerDeps): http.Server {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
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
        body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
        requestId: randomUUID(),
      };
      let out: Res;
      try {
        switch (face) {
          case 'graph':
            out = deps.graph.handle(r);
            break;
          case 'sharepoint':
            out = deps.sharepoint.handle(r);
            break;
          case 'login':
            out = deps.auth.handleLogin(r);
            break;
          default:
            r.op = `${r.method} (unknown host)`;
            out = { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
        }
      } catch (e) {
        r.op ??= `${r.method} (crash)`;
        out = { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 'InternalServerError', message: (e as Error).message } }) };
      }
      deps.stats.count(r.op ?? `${r.method} ?`, out.status);
      if (out.body !== undefined) out.headers['content-length'] = String(Buffer.byteLength(out.body));
      else out.headers['content-length'] = '0';
      res.writeHead(out.status, out.headers);
      res.end(out.body);
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
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
