/**
 * The one HTTP pool every request to the tenant goes through. It bounds the requests on the
 * wire (a request waiting for its budget holds no slot), paces requests by the budget the
 * service announces (`pacer.ts`) and by Microsoft's per-endpoint limits (`endpoint-limits.ts`),
 * obeys `Retry-After` for the whole pool (a throttled answer pauses everyone, not one
 * request), and retries only what is safe to retry:
 * - 429, and 503 with a Retry-After (a throttle: throttle-answer.ts), is retried for every
 *   method: a throttled request was not executed;
 * - a passing failure (passing-answer.ts: 502, 503, 504, a 500 that is not SharePoint's
 *   definite refusal) and connection failures are retried for idempotent requests only (GET,
 *   PUT, PATCH, DELETE, SharePoint's MERGE, and a POST its caller marked as only reading:
 *   read-only-post.ts); a POST that fails that way is ambiguous (it may have
 *   committed) and goes back to the caller, which looks the object up by its natural key
 *   (never-create-twice) instead of sending it again.
 * Every attempt has a deadline (`deadline.ts`) that covers the whole answer, body included: a
 * read that gets no answer in time is retried like any idempotent request; a write that gets
 * none is thrown back at once as an ambiguous `TenantError` (`code: 'requestTimeout'`,
 * `ambiguous: true`), never resent.
 * Answers are returned complete (their body already read, within the deadline), for the SDKs to
 * parse; errors are normalised by `normalizeTenantError`.
 */
import pLimit from 'p-limit';
import { TenantError } from '../model/tenant-error.ts';
import { EndpointLimits } from './endpoint-limits.ts';
import { Pacer, type PacerStats } from './pacer.ts';
import { throttleScopeOf } from './throttle-scope.ts';
import { expectedUnits } from './expected-units.ts';
import { parseRetryAfter } from './retry-after.ts';
import { isThrottleAnswer } from './throttle-answer.ts';
import { isPassingAnswer, isPassingStatus } from './passing-answer.ts';
import { isMarkedReadOnly } from './read-only-post.ts';
import { pause, realMs, sleepReal } from '../time/engine-time.ts';
import { sendWithUndici, type HttpSender } from './http-sender.ts';
import type { HeaderReader } from './header-reader.ts';
import { armDeadline, DEFAULT_REQUEST_DEADLINE_MS, formatMs, realDeadlineMs } from './deadline.ts';

export interface TransportOptions {
  /** Requests on the wire at once (requests waiting for their budget or window take none). */
  concurrency: number;
  /** Share of the throttle budget the engine may use (0–1). */
  targetShare: number;
  /**
   * SharePoint's resource units per 24 h, when known better than Microsoft's table (960 x the
   * per-minute limit the service announces); see day-budget.ts.
   */
  sharePointPerDay?: number;
  /** Share of the usable day's budget spent at full speed before the sustained rate (default 0.1). */
  dayBurstShare?: number;
  /**
   * Pace by budget and per-endpoint limits, and pause the whole pool on a 429 (default). Off,
   * each request only waits its own Retry-After, as the SDKs do by themselves: for comparison
   * in benchmarks, never for real work.
   */
  pacing: boolean;
  /** Retries of one request before its last answer is returned. */
  maxRetries: number;
  /** First backoff when the service gives no `Retry-After`, doubled each time. */
  baseBackoffMs: number;
  /**
   * Deadline of one attempt, in engine milliseconds (`--request-timeout`; default 100 s): the
   * answer, body included, must have arrived by then.
   */
  requestTimeoutMs: number;
  /**
   * Retries of an idempotent request whose attempts got no answer in time (each already waited
   * a whole deadline), within `maxRetries`.
   */
  maxTimeoutRetries: number;
  /**
   * How one attempt goes out (http-sender.ts; default undici's `request`). `sendWithFetch`, the
   * previous way, is kept for the transport benchmark's comparison.
   */
  sender: HttpSender;
}

export interface TransportStats {
  /** Attempts sent. */
  requests: number;
  /**
   * Requests that had passed their budget's gate and found it closed by a 429 right before
   * being sent (they waited for a window or a slot meanwhile): sent back to wait, not sent.
   */
  backToGate: number;
  /** Answers 429 or 503. */
  throttled: number;
  retried: number;
  /** Attempts that got no complete answer within their deadline. */
  timedOut: number;
  /** Requests spaced out because the budget ran low, and time spent waiting on budgets. */
  pacer: PacerStats;
}

export interface Transport {
  /**
   * Sends one request. `carried`: the requests a SharePoint REST `$batch` carries (its body is
   * multipart, not read here), so that it is paced as them; a Graph `$batch`'s are read from its body.
   */
  send(url: string, init: RequestInit, carried?: readonly { method: string; url: string }[]): Promise<Response>;
  /**
   * Closes the gate of the budget `url` spends for `ms`: for throttling seen outside the
   * transport's own answers (a 429 inside a `$batch` response).
   */
  pause(url: string, ms: number): void;
  /**
   * Learns from an answer that came inside another (a `$batch` sub-answer). `within`: the
   * envelope this transport answered (a `$batch`) and the part's place in it, so that
   * the pacer knows when the part left and its place in the sending order (without them an answer
   * older than what the pacer knows is taken as news; the window's reset is counted from the
   * arrival either way, window-end.ts).
   */
  learn(url: string, status: number, headers: HeaderReader, within?: { envelope: Response; part: number }): void;
  /** True while the budget `url` spends is paced or closed: no time to batch. */
  underPressure(url: string): boolean;
  /** Requests of the budget `url` spends waiting for it (Pacer.waiting); 0 without pacing. */
  waiting(url: string): number;
  /** SharePoint's 24-hour budget as the pacer accounts it (day-budget.ts); undefined before any SharePoint request. */
  dayBudget(): ReturnType<Pacer['dayBudget']>;
  readonly stats: TransportStats;
}

export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = { concurrency: 48, targetShare: 0.9, pacing: true, maxRetries: 8, baseBackoffMs: 500, requestTimeoutMs: DEFAULT_REQUEST_DEADLINE_MS, maxTimeoutRetries: 2, sender: sendWithUndici };

/** What a request that found its gate closed right before sending gives back instead of an answer. */
const GATE_CLOSED = Symbol('gate closed');

export function createTransport(options: Partial<TransportOptions> = {}): Transport {
  const opts = { ...DEFAULT_TRANSPORT_OPTIONS, ...options };
  const limit = pLimit(opts.concurrency);
  const pacer = new Pacer({ targetShare: opts.targetShare, sharePointPerDay: opts.sharePointPerDay, dayBurstShare: opts.dayBurstShare, maxInFlight: opts.concurrency });
  const endpoints = new EndpointLimits();
  const stats: TransportStats = { requests: 0, backToGate: 0, throttled: 0, retried: 0, timedOut: 0, pacer: pacer.stats };
  /** Answers to `$batch` requests (Graph's, or sent with `carried`): when each part left and its place in the sending order. */
  const carriedSent = new WeakMap<Response, { sentAt?: number; indexes: number[] }>();

  async function attempt(url: string, init: RequestInit, carried?: readonly { method: string; url: string }[]): Promise<Response> {
    const idempotent = isIdempotent(init);
    const { scope: host, weight, units, callUnits, calls, batch } = carried && carried.length > 0 ? carriedBudget(carried) : budgetOf(url, init);
    let timeouts = 0;
    for (let tries = 0; ; tries++) {
      // The budget's gate first, then the per-endpoint windows right before sending, so that
      // requests released together by an opening gate do not burst through a window.
      const flight = opts.pacing ? await pacer.acquire(host, weight, units) : undefined;
      // A `$batch`'s sub-requests are counted one by one by the service (Teams' per-team and
      // per-app windows too), so each takes its own slot.
      if (opts.pacing) await endpoints.acquire(calls);
      let deadline: ReturnType<typeof armDeadline> | undefined;
      let answer: Response | typeof GATE_CLOSED;
      try {
        // A slot of the pool only while on the wire (the deadline counts from there): a request
        // waiting for its budget or window holds none, so one scope's wait does not hold up another's.
        answer = await limit(async () => {
          // A 429 may have closed the gate since this request passed it (it waited for a window
          // or for this slot meanwhile): then it does not go out before the Retry-After has
          // passed (issue 12: one violation in a run of 5,000 workspaces).
          if (flight && pacer.closed(host)) return GATE_CLOSED;
          stats.requests++;
          if (flight) pacer.sent(host, flight);
          deadline = armDeadline(realDeadlineMs(opts.requestTimeoutMs), init.signal);
          const sent = await opts.sender(url, { ...init, signal: deadline.signal });
          // Learned before the slot passes on: a 429's Retry-After closes the gate for the
          // request that takes the slot next.
          if (flight) (batch ? pacer.observeBatch(host, sent.status, sent.headers, flight) : pacer.observe(host, sent.status, sent.headers, flight));
          if (flight && batch && flight.sentIndex !== undefined) carriedSent.set(sent, { sentAt: flight.sentAt, indexes: placesOf(flight.sentIndex, callUnits) });
          return sent;
        });
      } catch (error) {
        if (flight) pacer.release(host, flight);
        if (deadline?.expired) {
          stats.timedOut++;
          timeouts++;
        }
        const givingUp = tries >= opts.maxRetries || timeouts > opts.maxTimeoutRetries || (init.signal?.aborted ?? false);
        if (!idempotent || givingUp) {
          throw deadline?.expired ? timeoutError(url, init, realDeadlineMs(opts.requestTimeoutMs), idempotent) : connectionError(error, init, idempotent);
        }
        stats.retried++;
        await pause(opts.baseBackoffMs * 2 ** tries);
        continue;
      } finally {
        deadline?.clear();
      }
      if (answer === GATE_CLOSED) {
        // Back to the gate, as if it had not passed it: not a try.
        pacer.release(host, flight!);
        stats.backToGate++;
        tries--;
        continue;
      }
      const response = answer;
      const status = response.status;
      const retryable = isThrottleAnswer(status, response.headers.get('retry-after')) || (idempotent && isPassingStatus(status));
      if (!retryable || tries >= opts.maxRetries) return response;
      if (status === 500 && !isPassingAnswer(status, await response.clone().text())) return response;
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      // Retry-After is real time; our own backoff is engine time.
      const wait = retryAfter ?? realMs(opts.baseBackoffMs * 2 ** tries);
      stats.retried++;
      await response.arrayBuffer().catch(() => undefined);
      if (status === 429 || status === 503) stats.throttled++;
      if ((status === 429 || status === 503) && opts.pacing) {
        // The whole pool waits for this budget, not only this request.
        pacer.pauseUntil(host, Date.now() + wait);
      } else await sleepReal(wait);
    }
  }

  return {
    stats,
    send: attempt,
    learn(url, status, headers, within) {
      if (!opts.pacing) return;
      const sent = within ? carriedSent.get(within.envelope) : undefined;
      pacer.learn(throttleScopeOf(url), status, headers, sent?.sentAt, sent?.indexes[within!.part]);
    },
    underPressure: (url) => opts.pacing && pacer.underPressure(throttleScopeOf(url)),
    waiting: (url) => (opts.pacing ? pacer.waiting(throttleScopeOf(url)) : 0),
    dayBudget: () => pacer.dayBudget(),
    pause(url, ms) {
      stats.throttled++;
      if (opts.pacing) pacer.pauseUntil(throttleScopeOf(url), Date.now() + ms);
    },
  };
}

/** What a request spends: its budget, the requests it counts for, their expected units (each and in all), the calls the per-endpoint windows count. */
interface Budget {
  scope: string;
  weight: number;
  units: number;
  callUnits: readonly number[];
  calls: readonly { method: string; url: string }[];
  batch: boolean;
}

/**
 * The budget a request spends, how many requests it counts for and the calls the per-endpoint
 * windows count: a Graph `$batch` spends the budget of its sub-requests (the batcher keeps a
 * batch to one scope), one per sub-request, and each sub-request is a call of its own.
 */
function budgetOf(url: string, init: RequestInit): Budget {
  const alone = (): Budget => {
    const scope = throttleScopeOf(url);
    return { ...budgetOfCalls(scope, [{ method: init.method ?? 'GET', url }]), batch: false };
  };
  // The path without query or fragment (as `new URL(url).pathname`, without parsing a URL per request).
  if (typeof init.body !== 'string' || !/\/\$batch$/i.test(url.split(/[?#]/, 1)[0]!)) return alone();
  try {
    const requests = (JSON.parse(init.body) as { requests?: { method?: string; url?: string }[] }).requests ?? [];
    const base = url.replace(/\/\$batch$/i, '');
    const calls = requests.map((r) => ({ method: r.method ?? 'GET', url: `${base}${(r.url ?? '').startsWith('/') ? '' : '/'}${r.url ?? ''}` }));
    if (calls.length === 0) return alone();
    return { ...budgetOfCalls(throttleScopeOf(calls[0]!.url), calls), batch: true };
  } catch {
    return alone();
  }
}

/** The budget of a SharePoint REST `$batch` carrying `calls` (sharepoint-batcher.ts): theirs, one by one. */
function carriedBudget(carried: readonly { method: string; url: string }[]): Budget {
  return { ...budgetOfCalls(throttleScopeOf(carried[0]!.url), carried), batch: true };
}

/** Each call's place in its budget's sending order, the first at `first`: the expected units of those before it. */
function placesOf(first: number, callUnits: readonly number[]): number[] {
  const places: number[] = [];
  let at = first;
  for (const units of callUnits) {
    places.push(at);
    at += units;
  }
  return places;
}

/**
 * What `calls` are expected to cost their budget, each and in all: SharePoint's by Microsoft's
 * table (expected-units.ts; its 24-hour account is charged by it); any other budget one a call.
 */
function budgetOfCalls(scope: string, calls: readonly { method: string; url: string }[]): Omit<Budget, 'batch'> {
  const callUnits = scope === 'sharepoint' ? calls.map((c) => expectedUnits(c.method, c.url)) : calls.map(() => 1);
  return { scope, weight: calls.length, units: callUnits.reduce((a, b) => a + b, 0), callUnits, calls };
}

function isIdempotent(init: RequestInit): boolean {
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== 'POST' || isMarkedReadOnly(init)) return true;
  const override = headerOf(init.headers, 'x-http-method');
  return override !== undefined && ['MERGE', 'PATCH', 'PUT', 'DELETE'].includes(override.trim().toUpperCase());
}

/**
 * A request header's value, its name compared case-insensitively (repeated names joined with
 * `, ` as `Headers` joins them), read from any form `RequestInit.headers` takes without building
 * a `Headers` per request.
 */
function headerOf(headers: RequestInit['headers'], name: string): string | undefined {
  if (headers === undefined || headers === null) return undefined;
  // any Headers (the global one, undici's own): its get compares names case-insensitively
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(n: string): string | null }).get(name) ?? undefined;
  const values: string[] = [];
  // pairs: an array (or any iterable) of them, else a plain object's entries
  const pairs: Iterable<[string, string]> =
    Symbol.iterator in Object(headers) ? (headers as Iterable<[string, string]>) : Object.entries(headers as Record<string, string>);
  for (const [key, value] of pairs) if (value !== undefined && key.toLowerCase() === name) values.push(String(value));
  return values.length > 0 ? values.join(', ') : undefined;
}

/** A broken connection; for a write (`!idempotent`) it may have been executed. */
function connectionError(error: unknown, init: RequestInit, idempotent: boolean): TenantError {
  const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return new TenantError(0, 'connectionFailed', `${init.method ?? 'GET'} failed before an answer arrived (${cause})`, true, !idempotent);
}

/** No answer within the deadline; a write (`!idempotent`) may have been executed. */
function timeoutError(url: string, init: RequestInit, ms: number, idempotent: boolean): TenantError {
  const { origin, pathname } = new URL(url);
  const what = `${(init.method ?? 'GET').toUpperCase()} ${origin}${pathname}`;
  const outcome = idempotent ? '' : '; it may have been executed, so it is not sent again';
  return new TenantError(0, 'requestTimeout', `${what}: no answer within ${formatMs(ms)}${outcome}`, true, !idempotent);
}


