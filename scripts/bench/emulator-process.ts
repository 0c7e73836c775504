/**
 * A local tenant served by `provision emulator start` in its own process, so that the engine's
 * CPU time and memory are measured apart from the emulator's. Its state folder is
 * `<cwd>/.provision/local-tenant`, where the engine (openTarget) finds it running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface EmulatorProcess {
  url: string;
  stats(): Promise<EmulatorStats>;
  stop(): Promise<void>;
}

/** The part of the emulator's stats the benchmark reads (docs/local-tenant.md). */
export interface EmulatorStats {
  requests: number;
  /** Bytes of the answers' bodies the local tenant sent. */
  responseBytes: number;
  simulatedElapsedMs: number;
  resourceUnits: {
    spent: Record<string, number>;
    buckets: Record<string, { used: number; limit: number; resetsInMs: number }>;
    /** SharePoint RU charged by operation (ru-breakdown.ts). */
    sharepointByOperation?: Record<string, { requests: number; ru: number }>;
    /** The app's last closed SharePoint minute windows (minute-windows.ts). */
    sharepointMinuteWindows?: { start: number; used: number; idleAfterMs: number }[];
  };
  throttled: { total: number; byScope: Record<string, number> };
  blocked: { periods: number; responses: number; simulatedMs: number };
  retryAfterViolations: number;
  byStatus: Record<string, number>;
  /** Requests by operation, e.g. `POST /groups`. */
  byOperation: Record<string, number>;
  /** Graph `$batch` sub-requests served, by operation (not counted in `byOperation`). */
  batchedByOperation?: Record<string, number>;
  /** Faults injected, by kind (e.g. `hang`). */
  faults: { total: number; byKind: Record<string, number> };
}

const root = resolve(import.meta.dirname, '../..');

export async function startEmulatorProcess(cwd: string, args: string[]): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'bin/provision.js'), 'emulator', 'start', '--state', join(cwd, '.provision/local-tenant'), ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const url = await new Promise<string>((done, fail) => {
    let text = '';
    child.stdout!.on('data', (d: Buffer) => {
      text += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (m) done(m[1]!);
    });
    child.on('exit', (code) => fail(new Error(`the local tenant exited (${code}) before it listened`)));
  });
  return {
    url,
    stats: async () => {
      // the control key is new at every start, in the state folder's credentials.json (0600)
      const { controlKey } = JSON.parse(readFileSync(join(cwd, '.provision/local-tenant/credentials.json'), 'utf8')) as { controlKey: string };
      return (await (await fetch(`${url}/_emulator/stats`, { headers: { authorization: `Bearer ${controlKey}` } })).json()) as EmulatorStats;
    },
    stop: () =>
      new Promise<void>((done) => {
        child.on('exit', () => done());
        child.kill('SIGINT');
      }),
  };
}
