/**
 * Parsers for the command line's option values. Commander runs them while it parses, before any
 * command starts, so a bad value (`--http-concurrency 0`, `--budget-share 2`, a faults file that
 * does not exist) is refused with the option's name before anything is read or sent.
 */
import { statSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { durationMs } from './duration.ts';

/** Largest value a count option accepts: beyond this it is a typo, not a setting. */
const MAX_COUNT = 1_000_000;

/** A whole number of at least 1 (a concurrency, a port, a licence count). */
export function atLeastOne(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  if (n > MAX_COUNT) throw new InvalidArgumentError(`expected at most ${MAX_COUNT}`);
  return n;
}

/** A TCP port, 1-65535. */
export function port(value: string): number {
  const n = atLeastOne(value);
  if (n > 65535) throw new InvalidArgumentError('expected a port number, 1-65535');
  return n;
}

/** A share of a budget: above 0 and at most 1. */
export function share(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1) throw new InvalidArgumentError('expected a number above 0 and at most 1');
  return n;
}

/** A positive finite number (a time scale). */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

/** The most characters of a Markdown plan: a whole number from 2,000 to 10,000,000. */
export function markdownChars(value: string): number {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value.trim()) || n < 2_000 || n > 10_000_000) throw new InvalidArgumentError('expected a whole number of characters from 2000 to 10000000');
  return n;
}

/** Seconds, 0 or more and at most a day (a directory lag; 0 turns it off). */
export function lagSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 86_400) throw new InvalidArgumentError('expected seconds, from 0 (off) to 86400');
  return n;
}

/** The path of a file that exists and is a regular file (checked now, read later). */
export function existingFile(value: string): string {
  let kind: string;
  try {
    const st = statSync(value);
    if (st.isFile()) return value;
    kind = st.isDirectory() ? 'is a folder' : 'is not a regular file';
  } catch (e) {
    kind = (e as { code?: string }).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
  }
  throw new InvalidArgumentError(`${value} ${kind}; expected a file`);
}

/**
 * `--progress-interval`: a duration (duration.ts) of at least a second: a status line more often
 * would flood the pipeline log that periodic progress exists to keep short.
 */
export function progressInterval(value: string): number {
  const ms = durationMs(value);
  if (ms < 1000) throw new InvalidArgumentError('expected at least 1s: a status line more often would flood the log');
  return ms;
}
