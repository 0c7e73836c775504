// The V8 heap setting the `provision` command runs with (docs/performance.md, "Apply's memory"):
// the old generation may grow to 1.5 times what was live after a full collection before the next
// one, instead of V8's own factor of up to 4. Apply allocates fast (the HTTP stack, the SDKs'
// request objects), and much of it lives long enough to be promoted before it dies, so with V8's
// factor the peak was garbage not yet collected: 2,000 workspaces peaked near 650 MB with about
// a sixth of that live. Set with v8.setFlagsFromString as the first thing the process does: V8
// reads this flag each time it sizes the heap after a full collection, so it needs no restart
// (test/smoke/heap-settings.test.ts checks that it takes effect). The trade is more full
// collections for a heap near its live size. A value the user gives (NODE_OPTIONS or node's own
// flags) is left alone. The apply benchmark's engine process imports this module too, so its
// figures are the command's.
import { setFlagsFromString } from 'node:v8';

/** The flags set, as node would take them on its command line. */
export const HEAP_FLAGS = ['--heap-growing-percent=50'];

/** Sets HEAP_FLAGS unless the user chose a value of their own; returns the flags it set. */
export function applyHeapSettings(execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? '') {
  const given = `${execArgv.join(' ')} ${nodeOptions}`.replaceAll('_', '-');
  const set = HEAP_FLAGS.filter((flag) => !given.includes(flag.split('=')[0]));
  for (const flag of set) setFlagsFromString(flag);
  return set;
}

applyHeapSettings();
