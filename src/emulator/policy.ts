/**
 * The behaviour layer between the HTTP server and the faces: throttling, latency and faults,
 * with their counters. One instance per local tenant.
 */
import { randomUUID } from 'node:crypto';
import type { Auth } from './auth.ts';
import { toRealMs, type ScaledClock } from './clock.ts';
import { Rng, type EmulatorConfig } from './config.ts';
import { commitsFirst, FaultInjector, type FaultDecision } from './faults.ts';
import { header, jsonRes, type Req, type Res } from './http.ts';
import { classifyGraph, classifySharePoint, formatRetryAfter, Throttler, type Charge, type Scope } from './throttle.ts';
import { operationKey } from './operation-names.ts';

const FREE: Charge = { scope: null, ru: 0, write: false, latency: 'read' };

export type FaceName = 'graph' | 'sharepoint';

/** Admission of one request (or one $batch sub-request): a response to send instead, or headers to add. */
export interface Admission {
  reject?: Res;
  headers: Record<string, string>;
  charge: Charge;
  /** the charge was counted against the app's budgets (throttling on, a verified token) */
  charged?: boolean;
}

/** What the faces call for every $batch sub-request. */
export interface Gate {
  admit(face: FaceName, req: Req): Admission;
  /** After the request (or sub-request) was answered: its op is known, its charge is booked by op. */
  booked(req: Req, adm: Admission): void;
  /** The fault a sub-request meets, as a request alone would (absent: none). */
  fault?(face: FaceName, req: Req): FaultDecision | null;
  /** The answer of a fault that answers with a status. */
  faultRes?(face: FaceName, req: Req, f: FaultDecision): Res;
}

/** One `$batch` sub-request through the gate: its refusal, or its answer with the gate's headers added; booked either way. */
export function throughGate(gate: Gate | null, face: FaceName, sub: Req, handle: (r: Req) => Res): Res {
  const adm = gate?.admit(face, sub);
  let res: Res;
  if (adm?.reject) res = adm.reject;
  else {
    res = handle(sub);
    if (adm) Object.assign(res.headers, adm.headers);
  }
  if (adm) gate!.booked(sub, adm);
  return res;
}

/**
 * A request's answer with the faults it meets (a request alone, or inside a `$batch`): a fault
 * before the work is a status answer or a `drop` (reset, hang) instead of it; a commit-then fault
 * lets `handle` do the work, then replaces its answer (504) or drops it.
 */
export function answerWithFaults(faults: Pick<Gate, 'fault' | 'faultRes'> | null, face: FaceName, r: Req, handle: (r: Req) => Res): Res {
  const fault = faults?.fault?.(face, r) ?? null;
  if (fault && !commitsFirst(fault.kind)) {
    r.op = `${r.method} (fault ${fault.kind})`;
    if (fault.kind === 'reset' || fault.kind === 'hang') return { status: 0, headers: {}, drop: fault.kind };
    if (fault.kind === 'hang-then-commit') return { status: 0, headers: {}, drop: 'hang', later: () => ({ status: handle(r).status, op: r.op }) };
    return faults!.faultRes!(face, r, fault);
  }
  const answer = handle(r);
  if (fault?.kind === 'commit-then-reset' || fault?.kind === 'commit-then-hang') return { ...answer, drop: fault.kind === 'commit-then-reset' ? 'reset' : 'hang' };
  if (fault?.kind === 'commit-then-504') return faults!.faultRes!(face, r, fault);
  return answer;
}

/**
 * One `$batch` sub-request through the gate and the faults, as the request alone would meet
 * them; a `drop` drops the whole batch's connection.
 */
export function throughGateAndFaults(gate: Gate | null, face: FaceName, sub: Req, handle: (r: Req) => Res): Res {
  return throughGate(gate, face, sub, (r) => answerWithFaults(gate, face, r, handle));
}

/** SharePoint resource units charged, by operation (the request's op, as the stats name it). */
export type ChargedByOperation = Record<string, { requests: number; ru: number }>;

export class Policy implements Gate {
  readonly throttler: Throttler;
  readonly faults: FaultInjector;
  readonly rng: Rng;
  private readonly faultRng: Rng;
  latencyDraws = 0;
  latencySimMs = 0;
  private readonly spByOp = new Map<string, { requests: number; ru: number }>();

  constructor(
    readonly cfg: EmulatorConfig,
    readonly clock: ScaledClock,
    private readonly auth: Auth,
  ) {
    this.rng = new Rng(cfg.seed);
    this.faultRng = new Rng(cfg.seed ^ 0x9e3779b9);
    this.throttler = new Throttler(cfg.throttle, clock);
    this.faults = new FaultInjector(cfg.faults, this.faultRng);
  }

  /** Graph path without the version prefix, split. */
  static graphSegs(rawPath: string): string[] {
    const p = rawPath.replace(/^\/(v1\.0|beta)(?=\/|$)/i, '');
    const out: string[] = [];
    for (const s of p.split('/')) if (s) out.push(s);
    return out;
  }

  classify(face: FaceName, req: Req): Charge {
    if (face === 'graph') return classifyGraph(req.method, Policy.graphSegs(req.rawPath), req.query, this.cfg.throttle.sharepoint.restCost);
    const lower = req.rawPath.toLowerCase();
    const i = lower.indexOf('/_api/');
    const api = i < 0 ? '' : lower.slice(i + 6);
    const m = req.method === 'POST' ? (header(req, 'x-http-method')?.toUpperCase() ?? 'POST') : req.method;
    return classifySharePoint(m, api, this.cfg.throttle.sharepoint.restCost);
  }

  admit(face: FaceName, req: Req): Admission {
    if (!this.cfg.throttle.enabled && !this.cfg.latency.enabled) return { headers: {}, charge: FREE };
    const charge = this.classify(face, req);
    if (!this.cfg.throttle.enabled || !charge.scope) return { headers: {}, charge };
    const v = this.auth.verify(req, face);
    if (!v.ok) return { headers: {}, charge };
    const verdict = this.throttler.check(v.claims.appid, charge);
    if (verdict.kind === 'ok') return { headers: verdict.headers, charge, charged: true };
    const ra = formatRetryAfter(verdict.retryAfterMs, this.clock, this.cfg.throttle.retryAfterFormat);
    const headers: Record<string, string> = { ...verdict.headers, 'retry-after': ra };
    if (verdict.kind === 'blocked') {
      req.op ??= `${req.method} (blocked)`;
      return { reject: blockedRes(face, req, headers), headers, charge, charged: true };
    }
    if (verdict.scope === 'entra') headers['x-ms-throttle-scope'] = `Tenant_Application/${charge.write ? 'Write' : 'ReadWrite'}/${v.claims.appid}/${v.claims.tid}`;
    req.op ??= `${req.method} (throttled)`;
    return { reject: throttledRes(face, verdict.scope, req, headers, verdict.retryAfterMs / 1000), headers, charge, charged: true };
  }

  booked(req: Req, adm: Admission): void {
    if (!adm.charged || adm.charge.scope !== 'sharepoint') return;
    const op = operationKey(this.spByOp, req.op ?? `${req.method} ?`);
    let e = this.spByOp.get(op);
    if (!e) this.spByOp.set(op, (e = { requests: 0, ru: 0 }));
    e.requests++;
    e.ru += adm.charge.ru;
  }

  /** SharePoint RU charged since start, by operation (throttled and blocked requests included, as `(throttled)`/`(blocked)`). */
  sharePointByOperation(): ChargedByOperation {
    return Object.fromEntries([...this.spByOp].sort((a, b) => a[0].localeCompare(b[0])).map(([k, v]) => [k, { ...v }]));
  }

  /** A latency to apply to a response, in real ms. */
  latencyRealMs(charge: Charge): number {
    const l = this.cfg.latency;
    if (!l.enabled) return 0;
    const sim = this.rng.draw(l[charge.latency]);
    this.latencyDraws++;
    this.latencySimMs += sim;
    return toRealMs(this.clock, sim);
  }

  /** The fault for this request, if any. */
  fault(face: FaceName, req: Req): FaultDecision | null {
    if (!this.faults.active) return null;
    const path = face === 'graph' ? '/' + Policy.graphSegs(req.rawPath).join('/') : req.rawPath;
    return this.faults.pick(req.method, path);
  }

  /** A simulated duration drawn from a distribution (async delays). */
  draw(d: Parameters<Rng['draw']>[0]): number {
    return this.rng.draw(d);
  }

  /** The response of a fault that answers with a status (not a reset). */
  faultRes(face: FaceName, req: Req, f: FaultDecision): Res {
    const status = f.kind === '429' ? 429 : f.kind.startsWith('504') || f.kind === 'commit-then-504' ? 504 : 503;
    const headers: Record<string, string> = {};
    if (f.retryAfter !== undefined) headers['retry-after'] = formatRetryAfter(f.retryAfter * 1000, this.clock, this.cfg.throttle.retryAfterFormat);
    if (face === 'graph') {
      const code = status === 429 ? 'TooManyRequests' : status === 504 ? 'GatewayTimeout' : 'serviceNotAvailable';
      const message = status === 429 ? 'Too many requests.' : status === 504 ? 'The operation has timed out.' : 'The service is temporarily unavailable. Please try again later.';
      return graphErr(status, code, message, req, headers);
    }
    if (status === 504) return { status, headers: { 'content-type': 'text/html', ...headers }, body: '<html><body><h1>504 Gateway Timeout</h1></body></html>' };
    return spErr(status, status === 429 ? '-2147024860, Microsoft.SharePoint.SPRequestThrottledException' : '-2147024860, Microsoft.SharePoint.SPServerTooBusyException', status === 429 ? 'The request has been throttled.' : 'Server is too busy.', headers);
  }
}

function graphErr(status: number, code: string, message: string, req: Req, headers: Record<string, string>): Res {
  const rid = randomUUID();
  const crid = header(req, 'client-request-id') ?? rid;
  return jsonRes(status, { error: { code, message, innerError: { date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), 'request-id': rid, 'client-request-id': crid } } }, { ...headers, 'request-id': rid, 'client-request-id': crid });
}

function spErr(status: number, code: string, message: string, headers: Record<string, string>): Res {
  return { status, headers: { 'content-type': 'application/json;odata=minimalmetadata;charset=utf-8', ...headers }, body: JSON.stringify({ 'odata.error': { code, message: { lang: 'en-US', value: message } } }) };
}

function throttledRes(face: FaceName, scope: Scope, req: Req, headers: Record<string, string>, simSeconds: number): Res {
  if (face === 'sharepoint') return spErr(429, '-2147024860, Microsoft.SharePoint.SPRequestThrottledException', 'The request has been throttled. Retry after the time in the Retry-After header.', headers);
  if (scope === 'sharepoint') return graphErr(429, 'activityLimitReached', 'The request has been throttled', req, headers);
  if (scope === 'entra') return graphErr(429, 'Request_ThrottledTemporarily', `Your request is throttled temporarily. Please try after ${Math.ceil(simSeconds)} seconds.`, req, headers);
  return graphErr(429, 'TooManyRequests', 'Rate limit has been exceeded. Retry after the time in the Retry-After header.', req, headers);
}

function blockedRes(face: FaceName, req: Req, headers: Record<string, string>): Res {
  if (face === 'sharepoint') return spErr(503, '-2147024860, Microsoft.SharePoint.SPServerTooBusyException', 'The application has been blocked for exceeding usage limits repeatedly.', headers);
  return graphErr(503, 'serviceNotAvailable', 'The application has been blocked for exceeding usage limits repeatedly. Retry after the time in the Retry-After header.', req, headers);
}
