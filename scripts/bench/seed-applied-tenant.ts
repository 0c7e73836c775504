/**
 * The planning benchmark's applied tenant: the benchmark workspace applied for rows 1..N by the
 * engine itself (`provision apply`, the local tenant's instant profile served in another process),
 * in chunks of CHUNK rows, so that no seeding apply holds 10,000 workspaces in memory and an
 * interrupted seeding resumes at the first chunk not yet applied. Every chunk is the same
 * blueprint (`name: bench`) stamped over its rows, so the tenant holds what one apply of rows
 * 1..N makes; plans of the first n <= N rows read only their own n workspaces (no prune:), so
 * every size is planned against this one tenant.
 *
 * A chunk whose apply does not end with exit 0 (on a loaded machine the apply lease can lapse) is
 * applied again, at most three times; apply resumes what the last run left.
 */
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { workspaceBlueprint, workspaceRows } from './workspace-blueprint.ts';

/** Rows per seeding apply. */
export const CHUNK = 1_000;
const ATTEMPTS = 3;
const root = resolve(import.meta.dirname, '../..');

/** The blueprint over `rowsFile`: the apply benchmark's workspace, its rows file renamed. */
export function blueprintOver(rowsFile: string): string {
  const text = workspaceBlueprint();
  if (!text.includes('rows: workspaces.csv')) throw new Error('the benchmark blueprint no longer reads workspaces.csv');
  return text.replace('rows: workspaces.csv', `rows: ${rowsFile}`);
}

/**
 * Applies rows 1..n in `cwd` (whose local tenant must be served already), skipping chunks marked
 * applied. Logs each chunk to stderr.
 */
export async function seedAppliedTenant(cwd: string, n: number): Promise<void> {
  for (let from = 1; from <= n; from += CHUNK) {
    const count = Math.min(CHUNK, n - from + 1);
    const marker = join(cwd, `.applied-${from}-${from + count - 1}`);
    if (appliedAlready(readdirSync(cwd), from, from + count - 1)) continue;
    const name = `seed-${from}`;
    writeFileSync(join(cwd, `${name}.csv`), workspaceRows(from, count));
    writeFileSync(join(cwd, `${name}.yaml`), blueprintOver(`${name}.csv`));
    const t0 = Date.now();
    for (let attempt = 1; ; attempt++) {
      const code = await exitCodeOf(cwd, [join(root, 'bin/provision.js'), 'apply', `${name}.yaml`, '--yes', '--concurrency', '200']);
      if (code === 0) break;
      if (attempt === ATTEMPTS) throw new Error(`seeding rows ${from}-${from + count - 1}: apply exited ${code} ${ATTEMPTS} times`);
      console.error(`seeding rows ${from}-${from + count - 1}: apply exited ${code}; applying again`);
    }
    writeFileSync(marker, new Date().toISOString());
    console.error(`seeded rows ${from}-${from + count - 1} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
}

/**
 * Whether rows `from`..`to` were applied: a marker (`.applied-<first>-<last>`) covers them. A
 * tenant seeded for 1,000 rows holds rows 1..100 too, so a later run for 100 applies nothing.
 */
export function appliedAlready(files: readonly string[], from: number, to: number): boolean {
  return files.some((name) => {
    const range = /^\.applied-(\d+)-(\d+)$/.exec(name);
    return range !== null && Number(range[1]) <= from && Number(range[2]) >= to;
  });
}

function exitCodeOf(cwd: string, args: string[]): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('close', (code) => done(code));
  });
}
