/**
 * The `provision` command's V8 heap setting (bin/heap-settings.js): set at run time, it takes
 * effect, and changes with the workload: while changes are applied (announced on the apply
 * channel, as applyPlan does) and in the local tenant's own process the old generation is
 * collected more often than while reading, so that apply's heap stays nearer what is live; a
 * value the user gives is left alone; and the command and the apply benchmark's engine process
 * import it before anything else.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
// @ts-expect-error: plain JavaScript without types, as the command's bin/ files are
import { APPLY_CHANNEL as HEARD, applyHeapSettings, HEAP_FLAGS, startingWorkload } from '../../bin/heap-settings.js';
import { APPLY_CHANNEL } from '../../src/apply/apply-channel.ts';

const root = resolve(import.meta.dirname, '../..');
const settings = join(root, 'bin/heap-settings.js');

/**
 * Full collections (`--trace-gc` lines) of a fixed workload: a ring of objects that live long
 * enough to be promoted, then die, as apply's requests do. Deterministic for given flags.
 */
function fullCollections(nodeFlags: string[], { applying = false, args = [] as string[] } = {}): number {
  // `applying`: the workload runs between the two messages applyPlan publishes.
  const announce = (value: boolean) => (applying ? `channel(${JSON.stringify(APPLY_CHANNEL)}).publish({ applying: ${value} });` : '');
  const workload = `import { channel } from 'node:diagnostics_channel';
await import(${JSON.stringify(settings)});
${announce(true)}
const ring = new Array(300000);
for (let i = 0; i < 6e6; i++) ring[i % ring.length] = { a: i, b: [i, i, i] };
${announce(false)}`;
  const run = spawnSync(process.execPath, ['--trace-gc', ...nodeFlags, '--input-type=module', '-e', workload, ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.split('\n').filter((line) => line.includes('Mark-Compact')).length;
}

test('set at run time, the setting takes effect and follows the workload: applying collects the old generation more often than reading', () => {
  expect(HEARD).toBe(APPLY_CHANNEL);
  const reading = fullCollections([]);
  const applying = fullCollections([], { applying: true });
  expect(applying).toBeGreaterThan(1.5 * Math.max(1, reading));
  // The local tenant's own process serves as apply does, from its start (with `-e`, node's
  // argv[1] is the first argument: here the command's script).
  expect(fullCollections([], { args: ['provision.js', 'emulator', 'start'] })).toBeGreaterThan(1.5 * Math.max(1, reading));
  // `--heap-growing-percent=0` is V8's own default (its dynamic factor): a user's value, so the
  // module leaves it in every workload, and applying then collects no more often than reading.
  const ownApplying = fullCollections(['--heap-growing-percent=0'], { applying: true });
  expect(applying).toBeGreaterThan(1.5 * Math.max(1, ownApplying));
}, 60_000);

test("a value the user gives, on node's command line or in NODE_OPTIONS, is left alone", () => {
  expect(HEAP_FLAGS).toEqual({ reading: ['--heap-growing-percent=200'], applying: ['--heap-growing-percent=50'] });
  expect(applyHeapSettings('applying', ['--heap-growing-percent=80'], '')).toEqual([]);
  expect(applyHeapSettings('reading', [], '--max-old-space-size=2048 --heap_growing_percent=80')).toEqual([]);
  expect(startingWorkload(['node', 'provision', 'emulator', 'start'])).toBe('serving');
  expect(startingWorkload(['node', 'provision', 'plan', 'emulator.yaml'])).toBe('reading');
});

test('the command and the apply benchmark import it before anything else', () => {
  const firstImport = (file: string) => /^import\s+['"][^'"]+['"];?$|^import\s.+from\s+['"][^'"]+['"];?$/m.exec(readFileSync(join(root, file), 'utf8'))?.[0];
  expect(firstImport('bin/provision.js')).toBe("import './heap-settings.js';");
  expect(firstImport('scripts/bench-apply.ts')).toBe("import '../bin/heap-settings.js';");
});
