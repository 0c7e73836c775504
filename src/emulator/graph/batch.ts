/**
 * Graph JSON batching (POST /$batch): at most 20 requests with unique ids; each sub-request is
 * throttled on its own (a 429 inside a 200, with its Retry-After); `dependsOn` orders requests and
 * a request whose dependency failed answers 424 Failed Dependency. Sub-request URLs are relative
 * (`/users`, `users`): an absolute URL makes the whole batch a 400, as the service answers it. The
 * service answers in any order; the local tenant answers in reverse order of the requests
 * (deterministic, never request order for two or more), so a client that pairs answers by position
 * rather than by `id` fails here first. A sub-request carries its own headers; of the outer
 * request's it keeps the connection's (authorization, host, client ids), never the ones that say
 * something about one request (`ConsistencyLevel`, `If-Match`, `If-None-Match`, `Prefer`, the
 * body's type and length): those go in the sub-request's own headers. A fault meets a
 * sub-request as it would the request alone (policy.ts `throughGateAndFaults`).
 */
import { randomUUID } from 'node:crypto';
import { isObj, jsonRes, type Req, type Res } from '../http.ts';
import { throughGateAndFaults, type Gate } from '../policy.ts';
import { GraphError } from './errors.ts';
import { safeDecode } from './route-context.ts';

const KEEP_HEADERS: Record<string, string> = {
  'content-type': 'Content-Type',
  location: 'Location',
  'retry-after': 'Retry-After',
  'ratelimit-limit': 'RateLimit-Limit',
  'ratelimit-remaining': 'RateLimit-Remaining',
  'ratelimit-reset': 'RateLimit-Reset',
  'x-ms-resource-unit': 'x-ms-resource-unit',
  'x-ms-throttle-limit-percentage': 'x-ms-throttle-limit-percentage',
  'x-ms-throttle-scope': 'x-ms-throttle-scope',
  'x-ms-throttle-information': 'x-ms-throttle-information',
  'content-location': 'Content-Location',
};

interface Sub {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

export function graphBatch(body: Record<string, unknown>, outer: Req, handle: (r: Req) => Res, gate: Gate | null): Res {
  const reqs = body.requests;
  if (!Array.isArray(reqs)) throw new GraphError(400, 'BadRequest', 'Invalid batch payload format.');
  if (reqs.length === 0) throw new GraphError(400, 'BadRequest', 'Invalid batch payload format: the requests array is empty.');
  if (reqs.length > 20) throw new GraphError(400, 'BadRequest', 'The number of batch requests exceeds the limit of 20.');
  const subs: Sub[] = [];
  const ids = new Set<string>();
  for (const r of reqs) {
    if (!isObj(r) || (typeof r.id !== 'string' && typeof r.id !== 'number') || typeof r.method !== 'string' || typeof r.url !== 'string') throw new GraphError(400, 'BadRequest', 'Invalid batch payload format.');
    const id = String(r.id);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(r.url.trim())) throw new GraphError(400, 'BadRequest', 'Invalid batch payload format.');
    if (ids.has(id)) throw new GraphError(400, 'BadRequest', `Batch request ids must be unique: the id '${id}' is used more than once.`);
    ids.add(id);
    const headers: Record<string, string> = {};
    if (isObj(r.headers)) for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = String(v);
    const dependsOn = r.dependsOn === undefined ? [] : Array.isArray(r.dependsOn) ? r.dependsOn.map(String) : null;
    if (!dependsOn) throw new GraphError(400, 'BadRequest', `Invalid dependsOn of request '${id}'.`);
    if (r.body !== undefined && !headers['content-type']) throw new GraphError(400, 'BadRequest', `Content-Type header is required for request '${id}' with a body.`);
    subs.push({ id, method: r.method.toUpperCase(), url: r.url, headers, body: r.body, dependsOn });
  }
  for (const s of subs) for (const d of s.dependsOn) if (!ids.has(d) || d === s.id) throw new GraphError(400, 'BadRequest', `Request '${s.id}' depends on '${d}', which is not a request of this batch.`);
  // run in dependency order; a cycle is a bad request
  const results = new Map<string, Record<string, unknown>>();
  const failed = new Set<string>();
  let pending = subs;
  while (pending.length) {
    const ready = pending.filter((s) => s.dependsOn.every((d) => results.has(d)));
    if (!ready.length) throw new GraphError(400, 'BadRequest', 'The dependsOn of the batch requests form a cycle.');
    for (const s of ready) {
      if (s.dependsOn.some((d) => failed.has(d))) {
        failed.add(s.id);
        results.set(s.id, { id: s.id, status: 424, headers: { 'Content-Type': 'application/json' }, body: { error: { code: 'FailedDependency', message: 'The request could not be run because a request it depends on failed.' } } });
        continue;
      }
      const res = runOne(s, outer, handle, gate);
      // a fault that resets or holds the connection drops the whole batch, after what ran before it
      if (res.drop) return { status: 0, headers: {}, drop: res.drop, ...(res.later ? { later: res.later } : {}) };
      if (res.status >= 400) failed.add(s.id);
      results.set(s.id, res as unknown as Record<string, unknown>);
    }
    pending = pending.filter((s) => !results.has(s.id));
  }
  return jsonRes(200, { responses: subs.map((s) => results.get(s.id)).reverse() });
}

function runOne(s: Sub, outer: Req, handle: (r: Req) => Res, gate: Gate | null): { id: string; status: number; headers: Record<string, string>; body?: unknown; drop?: Res['drop']; later?: Res['later'] } {
  let url = s.url.trim();
  if (!url.startsWith('/')) url = `/${url}`;
  const qi = url.indexOf('?');
  const rawPath = `/v1.0${qi < 0 ? url : url.slice(0, qi)}`;
  const rawQuery = qi < 0 ? '' : url.slice(qi + 1);
  if (/^\/v1\.0\/\$batch/i.test(safeDecode(rawPath))) return { id: s.id, status: 400, headers: { 'Content-Type': 'application/json' }, body: { error: { code: 'BadRequest', message: 'A batch request cannot contain a batch request.' } } };
  const sub: Req = {
    method: s.method,
    host: outer.host,
    rawPath,
    rawQuery,
    query: new URLSearchParams(rawQuery),
    headers: { ...connectionHeaders(outer.headers), ...s.headers },
    body: s.body === undefined ? Buffer.alloc(0) : Buffer.from(typeof s.body === 'string' ? s.body : JSON.stringify(s.body)),
    requestId: randomUUID(),
  };
  const res = throughGateAndFaults(gate, 'graph', sub, handle);
  if (res.drop) return { id: s.id, status: 0, headers: {}, drop: res.drop, ...(res.later ? { later: res.later } : {}) };
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) {
    const name = KEEP_HEADERS[k];
    if (name) h[name] = v;
  }
  const out: { id: string; status: number; headers: Record<string, string>; body?: unknown } = { id: s.id, status: res.status, headers: h };
  if (res.body !== undefined && res.body !== '') {
    if (res.headers['content-type']?.includes('json')) {
      try {
        out.body = JSON.parse(res.body);
      } catch {
        out.body = res.body;
      }
    } else out.body = res.body;
  }
  return out;
}

/** Headers of one request, not of the connection: a sub-request states its own. */
const PER_REQUEST = ['consistencylevel', 'if-match', 'if-none-match', 'prefer', 'content-type', 'content-length'];

function connectionHeaders(h: Req['headers']): Req['headers'] {
  const out = { ...h };
  for (const name of PER_REQUEST) delete out[name];
  return out;
}
