/**
 * Throttling by Microsoft's documented rules, O(1) per request: fixed-window counters per
 * app per tenant (and per tenant, per team), charged before the request runs (throttled requests
 * are charged too). A caller that comes back before its Retry-After passed gets a longer wait;
 * after repeated violations it is blocked (503 for every call in that scope for a while).
 */
import type { Clock } from './clock.ts';
import type { RetryAfterFormat, ThrottleConfig } from './config.ts';

export type Scope = 'sharepoint' | 'entra' | 'teams';
export type LatencyClass = 'read' | 'write' | 'heavy';
export type TeamsKind = 'create' | 'put' | 'channel' | 'member' | 'list' | 'other';

/** What one request costs and where it is charged. */
export interface Charge {
  scope: Scope | null;
  /** SharePoint or Entra resource units */
  ru: number;
  write: boolean;
  teamsKind?: TeamsKind;
  teamId?: string;
  latency: LatencyClass;
}

const SP_COLLECTIONS = new Set(['lists', 'columns', 'items', 'children', 'sites', 'contenttypes', 'drives', 'subsites', 'pages', 'versions', 'columnpositions', 'basetypes', 'operations', 'termstore', 'groups', 'sets', 'terms']);
const ENTRA_ROOTS = new Set(['users', 'groups', 'directory', 'directoryobjects', 'serviceprincipals', 'applications', 'me', 'organization', 'domains', 'subscribedskus']);

function keyOf(seg: string): string {
  const i = seg.indexOf('(');
  return (i < 0 ? seg : seg.slice(0, i)).toLowerCase();
}

function parenArg(seg: string | undefined): string | undefined {
  if (!seg) return undefined;
  const m = /^[^(]*\('?([^')]*)'?\)$/.exec(seg);
  return m ? m[1] : seg;
}

/** Classify a Graph request (path without the /v1.0 prefix, split into segments). */
export function classifyGraph(method: string, segs: string[], query: URLSearchParams, restCost: [number, number]): Charge {
  void restCost;
  const n = segs.length;
  const s0 = n ? keyOf(segs[0]!) : '';
  const s2 = n > 2 ? keyOf(segs[2]!) : '';
  const write = method !== 'GET' && method !== 'HEAD';
  const latency: LatencyClass = !write ? 'read' : method === 'POST' && (keyOf(segs[n - 1] ?? '') === 'lists' || keyOf(segs[n - 1] ?? '') === 'contenttypes') ? 'heavy' : 'write';
  if (s0 === '$batch') return { scope: null, ru: 0, write: false, latency: 'read' };
  // Teams
  if (s0 === 'teams' || (s0 === 'groups' && s2 === 'team')) {
    let kind: TeamsKind = 'other';
    let teamId: string | undefined;
    if (s0 === 'teams') {
      teamId = parenArg(segs[0]!.includes('(') ? segs[0] : segs[1]);
      const off = segs[0]!.includes('(') ? 1 : 2;
      const r0 = keyOf(segs[off] ?? '');
      if (method === 'POST' && n === 1) kind = 'create';
      else if (r0 === 'channels' && method === 'POST' && n === off + 1) kind = 'channel';
      else if (r0 === 'members' && method === 'POST') kind = 'member';
      // Listing a team's channels, its members or a channel's members: a row of its own in
      // Microsoft's Teams limits (60 rps per app per tenant, twice the other GETs').
      else if (method === 'GET' && ((n === off + 1 && (r0 === 'channels' || r0 === 'members')) || (n === off + 3 && r0 === 'channels' && keyOf(segs[off + 2] ?? '') === 'members'))) kind = 'list';
    } else {
      teamId = segs[1];
      if (method === 'PUT' && n === 3) kind = 'put';
    }
    return { scope: 'teams', ru: 1, write, teamsKind: kind, ...(teamId && kind !== 'create' ? { teamId: teamId.toLowerCase() } : {}), latency };
  }
  // SharePoint through Graph
  if (s0 === 'sites' || s0 === 'drives' || (s0 === 'groups' && (s2 === 'sites' || s2 === 'drive' || s2 === 'drives'))) {
    let ru: number;
    const expand = query.get('$expand') ?? query.get('expand') ?? '';
    if (segs.some((s) => keyOf(s) === 'permissions') || /permissions/i.test(expand)) ru = 5;
    else if (write) ru = 2;
    else {
      const last = keyOf(segs[n - 1] ?? '');
      if (last === 'delta') ru = query.has('token') || query.has('$deltatoken') || query.has('$skiptoken') ? 1 : 2;
      else ru = SP_COLLECTIONS.has(last) && !(n === 2 && s0 === 'sites') ? 2 : n === 1 ? 2 : 1;
    }
    return { scope: 'sharepoint', ru, write, latency };
  }
  if (ENTRA_ROOTS.has(s0)) {
    const last = keyOf(segs[n - 1] ?? '');
    let ru = 1;
    if (!write) {
      if (n === 1 && s0 === 'users') ru = 2;
      else if (last === 'members' && s0 === 'groups') ru = 3;
      else if (last === 'transitivemembers') ru = 5;
      if (query.has('$select')) ru -= 1;
      if (query.has('$expand')) ru += 1;
      const top = Number(query.get('$top'));
      if (top > 0 && top < 20) ru -= 1;
    }
    return { scope: 'entra', ru: Math.max(1, ru), write, latency };
  }
  return { scope: null, ru: 0, write, latency };
}

/** Classify a SharePoint REST request from its `_api/...` part. */
export function classifySharePoint(method: string, api: string, restCost: [number, number]): Charge {
  const write = method !== 'GET' && method !== 'HEAD';
  const a = api.toLowerCase();
  if (a === '$batch' || a.startsWith('$batch')) return { scope: null, ru: 0, write: false, latency: 'read' };
  const heavy = write && method === 'POST' && (/(^|\/)lists\/?$/.test(a) || /contenttypes\/?(add|addavailablecontenttype)?/.test(a));
  return { scope: 'sharepoint', ru: write ? restCost[1] : restCost[0], write, latency: !write ? 'read' : heavy ? 'heavy' : 'write' };
}

/** A window that has closed: when it opened (simulated ms), what it counted, and the pause before the next one opened. */
export interface ClosedWindow {
  start: number;
  used: number;
  /** Simulated ms between this window's end and the next one's first request. */
  idleAfterMs: number;
}

/** A fixed-window counter (the window opens at the first request it counts). */
export class Window {
  start = 0;
  used = 0;
  /** The last `keep` closed windows, oldest first, when the window keeps a history (stats). */
  readonly closed: ClosedWindow[] = [];
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly keep = 0,
  ) {}
  roll(now: number): void {
    if (now >= this.start + this.windowMs) {
      if (this.keep > 0 && this.start > 0) {
        this.closed.push({ start: this.start, used: this.used, idleAfterMs: now - (this.start + this.windowMs) });
        if (this.closed.length > this.keep) this.closed.shift();
      }
      // a window opens with the first request after the previous one closed
      this.start = now;
      this.used = 0;
    }
  }
  add(now: number, n: number): boolean {
    this.roll(now);
    this.used += n;
    return this.used > this.limit;
  }
  resetIn(now: number): number {
    return Math.max(0, this.start + this.windowMs - now);
  }
}

interface ScopeState {
  /** simulated ms until which the last Retry-After asked the caller to wait */
  retryUntil: number;
  /** real ms when that Retry-After was sent */
  sentAtReal: number;
  violations: number;
  blockedUntil: number;
}

interface AppState {
  spMinute: Window;
  spDay: Window;
  entra: Window;
  entraWrites: Window;
  teamsCreate: Window;
  teamsPut: Window;
  teamsChannel: Window;
  teamsList: Window;
  teamsOther: Window;
  scopes: Record<Scope, ScopeState>;
}

export type Verdict =
  | { kind: 'ok'; headers: Record<string, string> }
  | { kind: 'throttled'; scope: Scope; retryAfterMs: number; headers: Record<string, string>; reason: string; violation: boolean }
  | { kind: 'blocked'; scope: Scope; retryAfterMs: number; headers: Record<string, string> };

export interface ThrottleCounters {
  throttled: Record<Scope, number>;
  blocked503: number;
  blockedPeriods: number;
  blockedSimMs: number;
  violations: number;
  ruSpent: Record<string, number>;
}

export class Throttler {
  private readonly apps = new Map<string, AppState>();
  private readonly spTenant5: Window;
  private readonly entraTenantWrites: Window;
  private readonly perTeam = new Map<string, Window>();
  private readonly teamMembers = new Map<string, Window>();
  readonly counters: ThrottleCounters = {
    throttled: { sharepoint: 0, entra: 0, teams: 0 },
    blocked503: 0,
    blockedPeriods: 0,
    blockedSimMs: 0,
    violations: 0,
    ruSpent: { 'sharepoint.minute': 0, 'sharepoint.day': 0, 'sharepoint.tenant5min': 0, 'entra.10s': 0, 'entra.writes150s': 0, 'teams.create': 0, 'teams.put': 0, 'teams.channel': 0, 'teams.list': 0, 'teams.other': 0, 'teams.perTeam': 0, 'teams.memberAdds': 0 },
  };

  constructor(
    readonly cfg: ThrottleConfig,
    private readonly clock: Clock,
  ) {
    this.spTenant5 = new Window(cfg.sharepoint.tenantPer5Min, 300_000);
    this.entraTenantWrites = new Window(cfg.entra.tenantWritesPer5Min, 300_000);
  }

  private app(appId: string): AppState {
    let a = this.apps.get(appId);
    if (!a) {
      const c = this.cfg;
      const st = (): ScopeState => ({ retryUntil: 0, sentAtReal: 0, violations: 0, blockedUntil: 0 });
      a = {
        // the last day of minute windows is kept for the stats (how full each was: benchmarks)
        spMinute: new Window(c.sharepoint.perMinute, 60_000, 1_440),
        spDay: new Window(c.sharepoint.perDay, 86_400_000),
        entra: new Window(c.entra.per10s, 10_000),
        entraWrites: new Window(c.entra.writesPer150s, 150_000),
        teamsCreate: new Window(c.teams.createPerSecond, 1_000),
        teamsPut: new Window(c.teams.putTeamPerSecond, 1_000),
        teamsChannel: new Window(c.teams.channelCreatePerSecond, 1_000),
        teamsList: new Window(c.teams.listPerSecond, 1_000),
        teamsOther: new Window(c.teams.otherPerSecond, 1_000),
        scopes: { sharepoint: st(), entra: st(), teams: st() },
      };
      this.apps.set(appId, a);
    }
    return a;
  }

  /** The SharePoint minute window of an app (for RateLimit headers and stats). */
  spMinute(appId: string): Window | undefined {
    return this.apps.get(appId)?.spMinute;
  }

  check(appId: string, ch: Charge): Verdict {
    if (!ch.scope) return { kind: 'ok', headers: {} };
    const now = this.clock.now();
    const a = this.app(appId);
    const st = a.scopes[ch.scope];
    const headers: Record<string, string> = {};
    // charge first: throttled and blocked requests count too
    let over: Window | null = null;
    let reason = '';
    const spent = this.counters.ruSpent;
    const hit = (w: Window, n: number, bucket: string, why: string) => {
      spent[bucket] = (spent[bucket] ?? 0) + n;
      if (w.add(now, n) && (!over || w.resetIn(now) > over.resetIn(now))) {
        over = w;
        reason = why;
      }
    };
    if (ch.scope === 'sharepoint') {
      hit(a.spMinute, ch.ru, 'sharepoint.minute', 'app per-minute resource units');
      hit(a.spDay, ch.ru, 'sharepoint.day', 'app daily resource units');
      hit(this.spTenant5, ch.ru, 'sharepoint.tenant5min', 'tenant 5-minute resource units');
      const w = a.spMinute;
      if (w.used >= w.limit * this.cfg.headersAt) {
        headers['ratelimit-limit'] = String(w.limit);
        headers['ratelimit-remaining'] = String(Math.max(0, w.limit - w.used));
        headers['ratelimit-reset'] = String(wholeSimSeconds(w.resetIn(now), this.clock));
      }
    } else if (ch.scope === 'entra') {
      hit(a.entra, ch.ru, 'entra.10s', 'ResourceUnitLimitExceeded');
      if (ch.write) {
        hit(a.entraWrites, 1, 'entra.writes150s', 'WriteLimitExceeded');
        hit(this.entraTenantWrites, 1, 'entra.tenantWrites5min', 'WriteLimitExceeded');
      }
      headers['x-ms-resource-unit'] = String(ch.ru);
      const pct = a.entra.used / a.entra.limit;
      if (pct > 0.8) headers['x-ms-throttle-limit-percentage'] = Math.min(1.8, pct).toFixed(1);
    } else {
      const t = this.cfg.teams;
      if (ch.teamsKind === 'create') hit(a.teamsCreate, 1, 'teams.create', 'POST /teams per second');
      else if (ch.teamsKind === 'put') hit(a.teamsPut, 1, 'teams.put', 'PUT /groups/{id}/team per second');
      else if (ch.teamsKind === 'channel') hit(a.teamsChannel, 1, 'teams.channel', 'channel creation per second');
      else if (ch.teamsKind === 'list') hit(a.teamsList, 1, 'teams.list', 'Teams channel and member lists per second');
      else hit(a.teamsOther, 1, 'teams.other', 'Teams requests per second');
      if (ch.teamId) {
        let w = this.perTeam.get(ch.teamId);
        if (!w) this.perTeam.set(ch.teamId, (w = new Window(t.perTeamPerSecond, 1_000)));
        hit(w, 1, 'teams.perTeam', 'requests per second on one team');
        if (ch.teamsKind === 'member') {
          let m = this.teamMembers.get(ch.teamId);
          if (!m) this.teamMembers.set(ch.teamId, (m = new Window(t.memberAddsPerMinutePerTeam, 60_000)));
          hit(m, 1, 'teams.memberAdds', 'member adds per minute on one team');
        }
      }
    }
    // blocked?
    if (now < st.blockedUntil) {
      this.counters.blocked503++;
      return { kind: 'blocked', scope: ch.scope, retryAfterMs: st.blockedUntil - now, headers };
    }
    // came back before Retry-After passed?
    if (now < st.retryUntil && Date.now() - st.sentAtReal > this.cfg.graceRealMs) {
      this.counters.violations++;
      st.violations++;
      if (st.violations >= this.cfg.blockAfterViolations) {
        st.violations = 0;
        st.blockedUntil = now + this.cfg.blockMs;
        st.retryUntil = st.blockedUntil;
        st.sentAtReal = Date.now();
        this.counters.blockedPeriods++;
        this.counters.blockedSimMs += this.cfg.blockMs;
        this.counters.blocked503++;
        return { kind: 'blocked', scope: ch.scope, retryAfterMs: this.cfg.blockMs, headers };
      }
      const wait = Math.max(1_000, (st.retryUntil - now) * this.cfg.violationFactor);
      st.retryUntil = now + wait;
      st.sentAtReal = Date.now();
      this.counters.throttled[ch.scope]++;
      return { kind: 'throttled', scope: ch.scope, retryAfterMs: wait, headers, reason: 'Retry-After was not honoured', violation: true };
    }
    if (over) {
      const w = over as Window;
      const wait = Math.max(w.resetIn(now), 1);
      if (now + wait > st.retryUntil) {
        st.retryUntil = now + wait;
        st.sentAtReal = Date.now();
      }
      this.counters.throttled[ch.scope]++;
      if (ch.scope === 'entra') headers['x-ms-throttle-information'] = reason;
      return { kind: 'throttled', scope: ch.scope, retryAfterMs: wait, headers, reason, violation: false };
    }
    if (now >= st.retryUntil) st.violations = 0;
    return { kind: 'ok', headers };
  }

  /** The app's last closed SharePoint minute windows, oldest first (for stats). */
  sharePointMinuteWindows(appId: string): ClosedWindow[] {
    return [...(this.apps.get(appId)?.spMinute.closed ?? [])];
  }

  /** Current use of each bucket of the default app (for stats). */
  buckets(appId: string): Record<string, { used: number; limit: number; resetsInMs: number }> {
    const a = this.apps.get(appId);
    const now = this.clock.now();
    const out: Record<string, { used: number; limit: number; resetsInMs: number }> = {};
    const put = (k: string, w: Window) => {
      w.roll(now);
      out[k] = { used: w.used, limit: w.limit, resetsInMs: w.resetIn(now) };
    };
    put('sharepoint.tenant5min', this.spTenant5);
    put('entra.tenantWrites5min', this.entraTenantWrites);
    if (a) {
      put('sharepoint.minute', a.spMinute);
      put('sharepoint.day', a.spDay);
      put('entra.10s', a.entra);
      put('entra.writes150s', a.entraWrites);
      put('teams.create', a.teamsCreate);
      put('teams.put', a.teamsPut);
      put('teams.channel', a.teamsChannel);
      put('teams.list', a.teamsList);
      put('teams.other', a.teamsOther);
    }
    return out;
  }
}

/** Retry-After in the configured format, for a simulated wait, in real time. */
export function formatRetryAfter(simMs: number, clock: Clock, format: RetryAfterFormat): string {
  const realMs = simMs / clock.scale;
  if (format === 'decimal') return String(Math.max(0.001, Math.ceil(realMs) / 1000));
  if (format === 'http-date') return new Date(Math.ceil((Date.now() + realMs) / 1000) * 1000).toUTCString();
  return String(wholeSimSeconds(simMs, clock));
}

/**
 * A duration the service announces in whole seconds (at least 1), in the real seconds those
 * simulated seconds last: an integer at time scale 1, as the service sends it; a fraction when
 * the clock is compressed (3 simulated seconds at 20x: 0.15), so that the service's one-second
 * resolution compresses with everything else instead of stretching waits twentyfold.
 */
export function wholeSimSeconds(simMs: number, clock: Clock): number {
  const seconds = Math.max(1, Math.ceil(simMs / 1000));
  return clock.scale === 1 ? seconds : Math.round((seconds / clock.scale) * 1000) / 1000;
}
