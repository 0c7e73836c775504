/**
 * What an idempotent request may be sent again for: an answer of a passing trouble, a 502, 503
 * or 504 (a gateway, a busy server), or a 500 that is not the service's definite refusal
 * (service-error.ts `isDefiniteRefusal`: SharePoint's code refused it and would again). One rule
 * for a request alone (transport.ts) and for a part of a SharePoint `$batch`
 * (sharepoint-batcher.ts), which the service answers part by part as it would alone. A write
 * that is not idempotent is never sent again for one: it may have committed.
 */
import { isDefiniteRefusal } from './service-error.ts';

/** The statuses of a passing trouble, before the body is read (a 500 still needs `isPassingAnswer`). */
export function isPassingStatus(status: number): boolean {
  return status === 500 || status === 502 || status === 503 || status === 504;
}

/** True when an answer with `status` and `body` may not come again: sending the request again may succeed. */
export function isPassingAnswer(status: number, body: string): boolean {
  return isPassingStatus(status) && !isDefiniteRefusal(status, body);
}
