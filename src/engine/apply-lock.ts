/**
 * The local half of "one apply at a time" (architecture decision 13): a lock file
 * `apply.lock` in the state folder (`.provision/`), created with O_EXCL and holding the
 * holder's host, pid, start time and run id. A lock whose process is dead on this host is stale
 * and taken over (a killed apply); a lock of another host (a shared folder) is never guessed at.
 */
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Who holds a lock or a lease. `expires` only for the tenant lease. */
export interface LockHolder {
  host: string;
  pid: number;
  /** ISO time the holder took it. */
  since: string;
  /** ISO time the lease runs out unless renewed. */
  expires?: string;
  run: string;
}

/** The holder of this process for one run. */
export function thisHolder(run: string, now = new Date()): LockHolder {
  return { host: hostname(), pid: process.pid, since: now.toISOString(), run };
}

export type LockAttempt = { ok: true; release(): void } | { ok: false; holder: LockHolder; file: string };

/** The lock file of a state folder. */
export function lockFileOf(stateDir: string): string {
  return join(stateDir, 'apply.lock');
}

/** One attempt to take the state folder's lock; never waits. */
export function tryLockStateFolder(stateDir: string, me: LockHolder): LockAttempt {
  mkdirSync(stateDir, { recursive: true });
  const file = lockFileOf(stateDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      try {
        writeSync(fd, JSON.stringify(me) + '\n');
      } finally {
        closeSync(fd);
      }
      return {
        ok: true,
        release() {
          if (readHolder(file)?.run === me.run) {
            try {
              unlinkSync(file);
            } catch {
              /* already gone */
            }
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`cannot create the apply lock ${file}: ${(error as Error).message}`);
    }
    const holder = readHolder(file);
    if (holder && !isStale(holder)) return { ok: false, holder, file };
    if (!holder && ageMs(file) < 10_000) {
      // Being written this instant (created, not yet filled): a live holder.
      return { ok: false, holder: { host: 'unknown', pid: 0, since: new Date().toISOString(), run: 'unknown' }, file };
    }
    try {
      unlinkSync(file); // stale: its process is gone (a killed apply)
    } catch {
      /* another run took it over first */
    }
  }
  const holder = readHolder(file);
  return { ok: false, holder: holder ?? { host: 'unknown', pid: 0, since: '', run: 'unknown' }, file };
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof value.host === 'string' && typeof value.pid === 'number' && typeof value.since === 'string' && typeof value.run === 'string') return value as LockHolder;
  } catch {
    /* unreadable: empty (being written) or torn */
  }
  return undefined;
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}

/** Stale when its process is dead on this host; another host's lock or lease is never judged. */
export function isStale(holder: LockHolder): boolean {
  return holder.host === hostname() && !processAlive(holder.pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
