/**
 * Request deadlines (architecture decision 15: every request has a deadline). One attempt of a
 * request gets an abort signal that fires when its deadline passes; the caller's own signal, if
 * any, still aborts it too. The deadline covers the whole answer, headers and body.
 *
 * Defaults: 100 s for a request to Graph or SharePoint (the Microsoft Graph SDKs' `HttpClient`
 * default), 30 s for a token request (a small form post to Entra ID). Both are in engine time
 * (src/time): against a local tenant whose clock is compressed the deadline shrinks with it, as
 * the latencies it bounds do, but a compressed deadline never drops below
 * MIN_COMPRESSED_DEADLINE_MS of real time: what it must then cover is a loaded machine's
 * scheduling delays, which no clock compresses (at 100x, 100 s would be 1 s real, and a busy
 * 2-core machine answered some writes later than that: ambiguous failures that were not the
 * service's). Uncompressed (a real tenant, or scale 1), the deadline is what was asked.
 */
import { realMs } from '../time/engine-time.ts';

/** Deadline of one request to Graph or SharePoint, in engine milliseconds. */
export const DEFAULT_REQUEST_DEADLINE_MS = 100_000;
/** Deadline of one token request, in real milliseconds (the token endpoint is never compressed). */
export const DEFAULT_TOKEN_DEADLINE_MS = 30_000;
/**
 * Deadline of one whole sign-in of a credential (`getToken`), in real milliseconds: it may make
 * more than one token request (discovery, then the token), each bounded by
 * DEFAULT_TOKEN_DEADLINE_MS. Credentials that wait for a person or a tool set their own.
 */
export const DEFAULT_GET_TOKEN_DEADLINE_MS = 60_000;
/** No deadline that the clock compresses is shorter than this many real milliseconds. */
export const MIN_COMPRESSED_DEADLINE_MS = 15_000;

/** The real milliseconds a deadline of `engineMs` engine milliseconds lasts. */
export function realDeadlineMs(engineMs: number): number {
  const real = realMs(engineMs);
  return real >= engineMs ? real : Math.max(Math.min(engineMs, MIN_COMPRESSED_DEADLINE_MS), real);
}

/** One armed deadline: pass `signal` to `fetch`; `clear()` once the answer is complete. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** True when it was the deadline, not the caller, that aborted. */
  readonly expired: boolean;
  clear(): void;
}

/** Arms a deadline of `ms` real milliseconds, linked to the caller's `signal` if one is given. */
export function armDeadline(ms: number, signal?: AbortSignal | null): Deadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`no answer within ${formatMs(ms)}`, 'TimeoutError'));
  }, ms);
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    clear() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** `1.5 s`, `100 s`, `250 ms`. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${Math.round(ms)} ms`;
}
