/**
 * The benchmarks' split of a process's CPU by thread (scripts/bench/thread-cpu.mjs): work done on
 * the main thread shows there, and the two parts add up to what the process as a whole used.
 * Linux only (/proc): elsewhere the reading is undefined and the test checks just that.
 */
import { expect, test } from 'vitest';
import { threadCpu, threadCpuSince } from '../../scripts/bench/thread-cpu.mjs';

/** Keeps the main thread busy for `ms` of wall time. */
function spin(ms: number): number {
  const end = performance.now() + ms;
  let x = 0;
  while (performance.now() < end) x = (x + Math.sqrt(x + 1)) % 1e9;
  return x;
}

test('main-thread work shows on the main thread, and the parts add up to the process', () => {
  const before = threadCpu();
  if (process.platform !== 'linux') {
    expect(before).toBeUndefined();
    return;
  }
  const cpu = process.cpuUsage();
  spin(300);
  const used = process.cpuUsage(cpu);
  const split = threadCpuSince(before)!;
  const totalMs = (used.user + used.system) / 1000;
  // /proc counts in 10 ms ticks: allow a few ticks each way, plus the other threads' own work.
  expect(split.mainMs).toBeGreaterThanOrEqual(250);
  expect(split.mainMs).toBeLessThanOrEqual(totalMs + 30);
  expect(Math.abs(split.mainMs + split.othersMs - totalMs)).toBeLessThanOrEqual(60);
});

test('a reading that is missing gives no difference', () => {
  expect(threadCpuSince(undefined)).toBeUndefined();
});
