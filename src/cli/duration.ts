/**
 * Durations on the command line (`--lock-timeout 90s`): a number with a unit `ms`, `s`, `m` or
 * `h` (a bare number is seconds), at most 24 hours.
 */
import { InvalidArgumentError } from 'commander';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The duration in milliseconds; commander shows the error next to the flag. */
export function durationMs(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(value);
  if (!m) throw new InvalidArgumentError("expected a duration such as 30s, 5m or 1h");
  const ms = Number(m[1]) * UNIT_MS[(m[2] ?? 's').toLowerCase()]!;
  if (ms > 24 * 3_600_000) throw new InvalidArgumentError('at most 24h');
  return Math.round(ms);
}
