/**
 * The `provision` command's V8 heap setting (bin/heap-settings.js): set at run time, it takes
 * effect (a process that allocates fast collects its old generation more often, so its heap stays
 * nearer what is live), a value the user gives is left alone, and the command and the apply
 * benchmark's engine process import it before anything else.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
// @ts-expect-error: plain JavaScript without types, as the command's bin/ files are
import { applyHeapSettings, HEAP_FLAGS } from '../../bin/heap-settings.js';

const root = resolve(import.meta.dirname, '../..');
const settings = join(root, 'bin/heap-settings.js');

/**
 * Full collections (`--trace-gc` lines) of a fixed workload: a ring of objects that live long
 * enough to be promoted, then die, as apply's requests do. Deterministic for given flags.
 */
function fullCollections(nodeFlags: string[]): number {
  const workload = `await import(${JSON.stringify(settings)});
const ring = new Array(300000);
for (let i = 0; i < 3e6; i++) ring[i % ring.length] = { a: i, b: [i, i, i] };`;
  const run = spawnSync(process.execPath, ['--trace-gc', ...nodeFlags, '--input-type=module', '-e', workload], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.split('\n').filter((line) => line.includes('Mark-Compact')).length;
}

test('set at run time, the setting takes effect: the old generation is collected more often than with V8 left to itself', () => {
  // `--heap-growing-percent=0` is V8's own default (its dynamic factor): a user's value, so the module leaves it.
  const own = fullCollections(['--heap-growing-percent=0']);
  const set = fullCollections([]);
  expect(set).toBeGreaterThanOrEqual(2 * Math.max(1, own));
}, 60_000);

test("a value the user gives, on node's command line or in NODE_OPTIONS, is left alone", () => {
  expect(HEAP_FLAGS).toEqual(['--heap-growing-percent=50']);
  expect(applyHeapSettings(['--heap-growing-percent=80'], '')).toEqual([]);
  expect(applyHeapSettings([], '--max-old-space-size=2048 --heap_growing_percent=80')).toEqual([]);
});

test('the command and the apply benchmark import it before anything else', () => {
  const firstImport = (file: string) => /^import\s+['"][^'"]+['"];?$|^import\s.+from\s+['"][^'"]+['"];?$/m.exec(readFileSync(join(root, file), 'utf8'))?.[0];
  expect(firstImport('bin/provision.js')).toBe("import './heap-settings.js';");
  expect(firstImport('scripts/bench-apply.ts')).toBe("import '../bin/heap-settings.js';");
});
