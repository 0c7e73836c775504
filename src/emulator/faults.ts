/**
 * Faults: random rates and a scripted plan. A fault happens either instead of the request
 * (503/504 with or without Retry-After, 429, a connection reset, `hang`: no answer ever) or
 * after it committed (`commit-then-reset`, `commit-then-504`, `commit-then-hang`: the write is
 * done, the client never learns it), or the request runs late (`hang-then-commit`: held
 * unanswered, and run half a second after the client gave up and closed the connection, as a
 * request that timed out may still be executed by the service afterwards: a lookup right after
 * the timeout does not find what it makes). A hung request is held open, unanswered, until the client gives up (its
 * deadline) or the local tenant stops (then a late one does not run).
 */
import type { Rng } from './rng.ts';

export const FAULT_KINDS = ['503', '503-retry-after', '504', '504-retry-after', '429', 'reset', 'hang', 'commit-then-reset', 'commit-then-504', 'commit-then-hang', 'hang-then-commit'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Kinds that let the request do its work first: the write is committed, the answer lost. */
export function commitsFirst(kind: FaultKind): boolean {
  return kind === 'commit-then-reset' || kind === 'commit-then-504' || kind === 'commit-then-hang';
}

export interface FaultPlanEntry {
  /** 'METHOD /path' (method may be '*'); path segments: '*' or '{x}' match one, a trailing '**' the rest; Graph paths without /v1.0 */
  request: string;
  /** the n-th matching request (1-based) gets the fault (default 1) */
  nth?: number;
  /** how many matching requests from the n-th on (default 1; 0 = all from then on) */
  count?: number;
  fault: FaultKind;
  /** Retry-After in simulated seconds for the *-retry-after and 429 kinds (default 2) */
  retryAfter?: number;
}

export interface FaultsInput {
  /** probability per request (0..1) of each fault kind */
  rates?: Partial<Record<FaultKind, number>>;
  /** restrict rates to requests matching one of these patterns (same form as plan.request) */
  ratesFor?: string[];
  plan?: FaultPlanEntry[];
  /** Retry-After (simulated seconds) for random *-retry-after faults (default 2) */
  retryAfter?: number;
}

interface Matcher {
  method: string;
  segs: string[];
  rest: boolean;
}

interface PlanState extends FaultPlanEntry {
  m: Matcher;
  seen: number;
}

export interface FaultsConfig {
  rates: [FaultKind, number][];
  ratesFor: Matcher[] | null;
  plan: FaultPlanEntry[];
  retryAfter: number;
}

export interface FaultDecision {
  kind: FaultKind;
  /** simulated seconds, when the fault announces a Retry-After */
  retryAfter?: number;
}

export function parseFaults(input: FaultsInput): FaultsConfig {
  const rates: [FaultKind, number][] = [];
  for (const [k, v] of Object.entries(input.rates ?? {})) {
    if (!FAULT_KINDS.includes(k as FaultKind)) throw new Error(`faults: unknown fault kind '${k}' (${FAULT_KINDS.join(', ')})`);
    if (typeof v !== 'number' || v < 0 || v > 1) throw new Error(`faults: rate of '${k}' must be a number from 0 to 1`);
    if (v > 0) rates.push([k as FaultKind, v]);
  }
  const plan = (input.plan ?? []).map((e, i) => {
    if (typeof e !== 'object' || e === null || typeof e.request !== 'string') throw new Error(`faults: plan[${i}] needs 'request' ('METHOD /path')`);
    if (!FAULT_KINDS.includes(e.fault)) throw new Error(`faults: plan[${i}].fault '${String(e.fault)}' is not one of ${FAULT_KINDS.join(', ')}`);
    matcher(e.request);
    return { ...e };
  });
  return { rates, ratesFor: input.ratesFor ? input.ratesFor.map(matcher) : null, plan, retryAfter: input.retryAfter ?? 2 };
}

function matcher(pattern: string): Matcher {
  const m = /^\s*([A-Za-z*]+)\s+(\/\S*)\s*$/.exec(pattern);
  if (!m) throw new Error(`faults: request pattern '${pattern}' must look like 'POST /groups'`);
  const segs = m[2]!.split('/').filter(Boolean).map((s) => s.toLowerCase());
  const rest = segs[segs.length - 1] === '**';
  if (rest) segs.pop();
  return { method: m[1]!.toUpperCase(), segs, rest };
}

function matches(m: Matcher, method: string, segs: string[]): boolean {
  if (m.method !== '*' && m.method !== method) return false;
  if (m.rest ? segs.length < m.segs.length : segs.length !== m.segs.length) return false;
  for (let i = 0; i < m.segs.length; i++) {
    const p = m.segs[i]!;
    if (p === '*' || (p.startsWith('{') && p.endsWith('}'))) continue;
    if (p !== segs[i]!.toLowerCase()) return false;
  }
  return true;
}

export class FaultInjector {
  private readonly plan: PlanState[];
  readonly injected = new Map<string, number>();

  constructor(
    private readonly cfg: FaultsConfig,
    private readonly rng: Rng,
  ) {
    this.plan = cfg.plan.map((e) => ({ ...e, m: matcher(e.request), seen: 0 }));
  }

  get active(): boolean {
    return this.plan.length > 0 || this.cfg.rates.length > 0;
  }

  /** Add a scripted entry at run time (tests). */
  add(entry: FaultPlanEntry): void {
    const [e] = parseFaults({ plan: [entry] }).plan;
    this.plan.push({ ...e!, m: matcher(e!.request), seen: 0 });
  }

  /** The fault for this request, if any. `path` is the Graph path without /v1.0, or the SharePoint path. */
  pick(method: string, path: string): FaultDecision | null {
    let segs: string[] | null = null;
    let planned: PlanState | null = null;
    for (const p of this.plan) {
      segs ??= splitPath(path);
      if (!matches(p.m, method, segs)) continue;
      p.seen++; // every entry counts its own matches, whichever fires
      const nth = p.nth ?? 1;
      const count = p.count ?? 1;
      if (!planned && p.seen >= nth && (count === 0 || p.seen < nth + count)) planned = p;
    }
    if (planned) return this.hit(planned.fault, planned.retryAfter);
    if (this.cfg.rates.length) {
      if (this.cfg.ratesFor) {
        segs ??= splitPath(path);
        if (!this.cfg.ratesFor.some((m) => matches(m, method, segs!))) return null;
      }
      let r = this.rng.next();
      for (const [kind, p] of this.cfg.rates) {
        if (r < p) return this.hit(kind, undefined);
        r -= p;
      }
    }
    return null;
  }

  private hit(kind: FaultKind, retryAfter: number | undefined): FaultDecision {
    this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
    const ra = kind === '503-retry-after' || kind === '504-retry-after' || kind === '429' ? (retryAfter ?? this.cfg.retryAfter) : undefined;
    return ra === undefined ? { kind } : { kind, retryAfter: ra };
  }
}

function splitPath(path: string): string[] {
  const out: string[] = [];
  for (const s of path.split('/')) if (s) out.push(s);
  return out;
}
