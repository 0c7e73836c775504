// CPU time of this process split by thread: the main thread (JavaScript, the event loop, the
// garbage collector's pauses) and the others (V8's worker threads: concurrent marking, parallel
// scavenging, sweeping, the optimising compiler; libuv's pool). A `--cpu-prof` profile sees only
// the main thread; on a plan of 10,000 workspaces the others were a third of the CPU
// (docs/performance.md). Read from /proc/self/task, so Linux only: elsewhere `undefined`.
// Plain JavaScript, so that the usage preload (report-usage.mjs) can import it.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks a second of /proc's utime and stime (USER_HZ: 100 on every Linux architecture node runs on). */
const TICKS_PER_SECOND = 100;

/**
 * `{ mainMs, othersMs }`: user + system CPU of the main thread and of all other threads alive
 * now, in milliseconds since each started; `undefined` without /proc. A thread that already
 * ended is not counted (V8's and libuv's pools live as long as the process).
 */
export function threadCpu() {
  let tasks;
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return undefined;
  }
  let mainMs = 0;
  let othersMs = 0;
  for (const tid of tasks) {
    let stat;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended while we read
    }
    // Fields after the command name (which may hold spaces, inside parentheses): utime is the
    // 14th field of the line, stime the 15th, so the 12th and 13th after the name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    if (tid === String(process.pid)) mainMs += ms;
    else othersMs += ms;
  }
  return { mainMs, othersMs };
}

/** The CPU each part used between two `threadCpu()` readings; `undefined` when either is. */
export function threadCpuSince(before, after = threadCpu()) {
  if (!before || !after) return undefined;
  return { mainMs: after.mainMs - before.mainMs, othersMs: after.othersMs - before.othersMs };
}
