/**
 * `--request-timeout <seconds>` of `plan` and `apply`: the deadline of one request to Graph or
 * SharePoint (src/tenant/deadline.ts), in seconds, decimals allowed, from 1 s to a day.
 */
import { InvalidArgumentError } from 'commander';

export const REQUEST_TIMEOUT_FLAGS = '--request-timeout <seconds>';

export const REQUEST_TIMEOUT_HELP =
  "seconds one request to Graph or SharePoint may take before it counts as unanswered (a read is retried, a write is looked up, never resent; default 100, in the local tenant's compressed time when it runs compressed)";

export function requestTimeoutSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 1 || n > 86_400) throw new InvalidArgumentError('expected seconds, from 1 to 86400');
  return n;
}
