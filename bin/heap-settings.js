// The V8 heap setting the `provision` command runs with (docs/performance.md, "Apply's memory",
// and issue 12's twenty-first pass): how far the old generation may grow past what was live after
// a full collection before the next one. Two workloads, two settings:
// - Applying changes (from `applyPlan`'s start to its end, announced on the diagnostics channel
//   APPLY_CHANNEL) and serving the local tenant (`provision emulator`): 1.5x (50 %), instead of V8's
//   own factor of up to 4. They allocate fast (the HTTP stack, the SDKs' request objects) and keep
//   little, so with V8's factor the peak was garbage not yet collected: 2,000 workspaces peaked
//   near 650 MB with about a sixth of that live.
// - Everything else (validate, plan, the plan an apply makes first): 3x (200 %). A plan keeps
//   every workspace's desired and observed state to the end, so its live heap grows the whole
//   run, and at 1.5x each growth step cost a full collection that marked all of it again: 15 of
//   them for a plan of 10,000 workspaces, about a tenth of its CPU; at 3x, 6.
// Set with v8.setFlagsFromString: V8 reads this flag each time it sizes the heap after a full
// collection, so it needs no restart and may change while the process runs (test/smoke/
// heap-settings.test.ts checks both). A value the user gives (NODE_OPTIONS or node's own flags)
// is left alone, in every phase. The apply benchmark's engine process imports this module too,
// so its figures are the command's.
import { subscribe } from 'node:diagnostics_channel';
import { setFlagsFromString } from 'node:v8';

/** The name src/apply/apply-channel.ts publishes on. */
export const APPLY_CHANNEL = 'm365-provision:applying';

/** The flags of each workload, as node would take them on its command line. */
export const HEAP_FLAGS = {
  reading: ['--heap-growing-percent=200'],
  applying: ['--heap-growing-percent=50'],
};

/** The flags in HEAP_FLAGS that the user did not set a value of their own for. */
export function ownFlags(flags, execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? '') {
  const given = `${execArgv.join(' ')} ${nodeOptions}`.replaceAll('_', '-');
  return flags.filter((flag) => !given.includes(flag.split('=')[0]));
}

/**
 * Sets the workload's flags unless the user chose values of their own; returns the flags it set.
 * `serving` (the local tenant's own process) takes the applying workload's flags.
 */
export function applyHeapSettings(workload, execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? '') {
  const set = ownFlags(HEAP_FLAGS[workload === 'serving' ? 'applying' : workload], execArgv, nodeOptions);
  for (const flag of set) setFlagsFromString(flag);
  return set;
}

/** The workload a process starts in: `serving` for `provision emulator …`, else `reading`. */
export function startingWorkload(argv = process.argv) {
  return argv.slice(2).find((arg) => !arg.startsWith('-')) === 'emulator' ? 'serving' : 'reading';
}

const starting = startingWorkload();
applyHeapSettings(starting);
if (starting === 'reading') {
  // Runs of applyPlan may overlap (a test's, a benchmark's): reading again once none is left.
  let applying = 0;
  subscribe(APPLY_CHANNEL, (message) => {
    applying = Math.max(0, applying + (message.applying ? 1 : -1));
    applyHeapSettings(applying > 0 ? 'applying' : 'reading');
  });
}
