import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from './store.ts';
import type { Op } from './journal-op.ts';
import { stateLines } from './state-lines.ts';

/** The longest line of a state file: an op holds one object (an item, a file's metadata), far below this. */
const MAX_STATE_LINE_BYTES = 64 * 1024 * 1024;

/**
 * State directory layout:
 *   tenant.json      { tenantId, clientId, tenantName, createdAt, verifiedDomains? } (stable identity)
 *   secrets.json     { clientSecret, signingKey }   mode 0600            (never logged)
 *   snapshot.jsonl   one op per line: the whole state, written at start and close
 *   oplog.jsonl      one op per line, appended synchronously before a mutation is acknowledged
 *   lock             { pid, port, url } while a process serves this directory
 *   endpoint.json    { pid, port, url } while serving (for other processes to find it)
 */

export interface TenantIdentity {
  tenantId: string;
  clientId: string;
  tenantName: string;
  createdAt: string;
  /** custom domains verified in the tenant (verified-domains.ts), lower case; absent: none */
  verifiedDomains?: string[];
}

/** The custom domains a tenant.json keeps (as written; a start checks them again: verified-domains.ts). */
export function keptVerifiedDomains(identity: TenantIdentity): string[] {
  return Array.isArray(identity.verifiedDomains) ? identity.verifiedDomains.map(String) : [];
}

/** Keeps the tenant's custom domains in its tenant.json (written whole, as the identity is). */
export function saveVerifiedDomains(dir: string, identity: TenantIdentity, domains: readonly string[]): TenantIdentity {
  const next: TenantIdentity = { ...identity, verifiedDomains: [...domains] };
  writeFileAtomic(path.join(dir, 'tenant.json'), JSON.stringify(next, null, 1) + '\n', 0o644);
  return next;
}

export interface TenantSecrets {
  clientSecret: string;
  signingKey: string;
}

export function loadOrCreateIdentity(dir: string, tenantName: string): { identity: TenantIdentity; secrets: TenantSecrets; fresh: boolean } {
  fs.mkdirSync(dir, { recursive: true });
  const idPath = path.join(dir, 'tenant.json');
  const secPath = path.join(dir, 'secrets.json');
  let identity: TenantIdentity;
  let fresh = false;
  if (fs.existsSync(idPath)) {
    identity = readStateJson<TenantIdentity>(idPath, (v) => typeof v.tenantId === 'string' && typeof v.clientId === 'string' && typeof v.tenantName === 'string');
  } else {
    fresh = true;
    identity = { tenantId: randomUUID(), clientId: randomUUID(), tenantName, createdAt: new Date().toISOString() };
    writeFileAtomic(idPath, JSON.stringify(identity, null, 1) + '\n', 0o644);
  }
  let secrets: TenantSecrets;
  if (fs.existsSync(secPath)) {
    secrets = readStateJson<TenantSecrets>(secPath, (v) => typeof v.clientSecret === 'string' && typeof v.signingKey === 'string');
  } else {
    // AAD-like secret: 40 chars of [A-Za-z0-9~._-]
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-';
    const bytes = randomBytes(40);
    let secret = '';
    for (const b of bytes) secret += alphabet[b % alphabet.length];
    secrets = { clientSecret: secret, signingKey: randomBytes(32).toString('base64') };
    writeFileAtomic(secPath, JSON.stringify(secrets) + '\n', 0o600);
  }
  try {
    fs.chmodSync(secPath, 0o600);
  } catch {
    /* best effort */
  }
  return { identity, secrets, fresh };
}

/** A state file that must be whole: a clear error naming it otherwise (never its content: secrets). */
export class StateFileError extends Error {
  constructor(
    readonly file: string,
    why: string,
  ) {
    super(`local tenant state file ${file} is corrupt (${why}); restore it or remove the state folder ${path.dirname(file)} to start an empty tenant`);
    this.name = 'StateFileError';
  }
}

function readStateJson<T>(file: string, valid: (v: Record<string, unknown>) => boolean): T {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new StateFileError(file, (e as Error).name === 'SyntaxError' ? 'not valid JSON' : (e as Error).message);
  }
  if (!value || typeof value !== 'object' || !valid(value as Record<string, unknown>)) throw new StateFileError(file, 'missing or wrong fields');
  return value as T;
}

export function writeFileAtomic(file: string, data: string, mode = 0o644): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', mode);
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

// ------------------------------------------------------------------ lock

const heldLocks = new Set<string>();

export class StateLockedError extends Error {
  constructor(
    readonly stateDir: string,
    readonly pid: number,
    readonly port: number | null,
  ) {
    super(`local tenant state directory ${stateDir} is in use by process ${pid}${port ? ` (serving on http://127.0.0.1:${port})` : ''}; stop it or use another state directory`);
    this.name = 'StateLockedError';
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLock(dir: string): { update(info: { port: number; url: string }): void; release(): void } {
  const abs = path.resolve(dir);
  const lockPath = path.join(abs, 'lock');
  if (heldLocks.has(abs)) {
    const info = readJson<{ pid: number; port?: number }>(lockPath);
    throw new StateLockedError(abs, process.pid, info?.port ?? null);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o644);
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, port: null }));
      fs.closeSync(fd);
      heldLocks.add(abs);
      return {
        update(info) {
          fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, ...info }));
        },
        release() {
          heldLocks.delete(abs);
          try {
            const cur = readJson<{ pid: number }>(lockPath);
            if (cur?.pid === process.pid) fs.unlinkSync(lockPath);
          } catch {
            /* ignore */
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const info = readJson<{ pid: number; port?: number | null }>(lockPath);
      if (info && typeof info.pid === 'number' && info.pid !== process.pid && processAlive(info.pid)) {
        throw new StateLockedError(abs, info.pid, info.port ?? null);
      }
      // stale lock (dead pid, our own pid from an earlier crashed run, or unreadable): take it over
      try {
        fs.unlinkSync(lockPath);
      } catch {
        /* raced */
      }
    }
  }
  throw new Error(`could not acquire lock ${lockPath}`);
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ journal

export class Journal {
  private fd: number | null = null;
  private readonly logPath: string;
  private readonly snapPath: string;
  opsSinceSnapshot = 0;

  constructor(readonly dir: string) {
    this.logPath = path.join(dir, 'oplog.jsonl');
    this.snapPath = path.join(dir, 'snapshot.jsonl');
  }

  /**
   * Replay snapshot then op log into the store. Returns true if any state existed. The snapshot
   * is written whole (a temporary file renamed), so any line of it that does not parse is
   * corruption: a StateFileError naming the file and line, never a silent drop (which would
   * make the engine create the lost objects again). The op log may end in a line torn by a
   * kill (no newline after it): that one op was never acknowledged and is skipped. Both are read a
   * piece at a time (state-lines.ts): a snapshot may be larger than a string can hold. Once loaded,
   * what the parts keep for sites, lists or teams that do not exist is dropped (orphans that a
   * version without the delete cascade left behind).
   */
  load(store: Store): boolean {
    let any = false;
    for (const file of [this.snapPath, this.logPath]) {
      if (!fs.existsSync(file)) continue;
      const fd = fs.openSync(file, 'r');
      try {
        const tooLong = (lineNo: number) => new StateFileError(file, `line ${lineNo} is longer than ${MAX_STATE_LINE_BYTES.toLocaleString('en-US')} bytes, which no record is`);
        for (const { text: line, lineNo, unterminated } of stateLines(fd, MAX_STATE_LINE_BYTES, tooLong)) {
          if (!line) continue;
          let op: Op;
          try {
            op = JSON.parse(line) as Op;
            if (!op || typeof op !== 'object' || typeof (op as { k?: unknown }).k !== 'string') throw new Error('not an operation');
          } catch {
            if (file === this.logPath && unterminated) continue; // torn last line after a kill
            throw new StateFileError(file, `line ${lineNo} is not a whole record`);
          }
          try {
            store.apply(op);
          } catch (e) {
            throw new StateFileError(file, `line ${lineNo} cannot be replayed: ${(e as Error).message}`);
          }
          any = true;
        }
      } finally {
        fs.closeSync(fd);
      }
    }
    if (any) store.dropOrphans();
    return any;
  }

  /** Write the whole state as a snapshot and start an empty op log. */
  compact(store: Store): void {
    this.closeLog();
    const tmp = `${this.snapPath}.tmp`;
    const fd = fs.openSync(tmp, 'w', 0o644);
    try {
      let buf: string[] = [];
      let size = 0;
      for (const op of store.snapshotOps()) {
        const s = JSON.stringify(op);
        buf.push(s);
        size += s.length;
        if (size > 1 << 20) {
          fs.writeSync(fd, buf.join('\n') + '\n');
          buf = [];
          size = 0;
        }
      }
      if (buf.length) fs.writeSync(fd, buf.join('\n') + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.snapPath);
    fs.writeFileSync(this.logPath, '');
    this.opsSinceSnapshot = 0;
  }

  open(): void {
    this.fd = fs.openSync(this.logPath, 'a', 0o644);
  }

  /** Synchronous append: once this returns, a kill -9 of the process cannot lose the op. */
  append(op: Op): void {
    if (this.fd === null) this.open();
    fs.writeSync(this.fd!, JSON.stringify(op) + '\n');
    this.opsSinceSnapshot++;
  }

  closeLog(): void {
    if (this.fd !== null) {
      fs.closeSync(this.fd);
      this.fd = null;
    }
  }
}

export function writeEndpoint(dir: string, info: { pid: number; port: number; url: string }): void {
  writeFileAtomic(path.join(dir, 'endpoint.json'), JSON.stringify(info) + '\n');
}

export function readEndpoint(dir: string): { pid: number; port: number; url: string } | undefined {
  const info = readJson<{ pid: number; port: number; url: string }>(path.join(dir, 'endpoint.json'));
  return info && typeof info.pid === 'number' && typeof info.url === 'string' ? info : undefined;
}

export function removeEndpoint(dir: string): void {
  try {
    fs.unlinkSync(path.join(dir, 'endpoint.json'));
  } catch {
    /* already gone */
  }
}
