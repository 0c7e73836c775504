/**
 * The benchmarks' split of a process's CPU by thread (scripts/bench/thread-cpu.mjs): work done on
 * the main thread shows there, and the two parts add up to what the process as a whole used.
 * Linux only (/proc): elsewhere the reading is undefined and the test checks just that.
 */
import { expect, test } from 'vitest';
import { threadCpu, threadCpuSince } from '../../scripts/bench/thread-cpu.mjs';

/**
 * Keeps the main thread busy until the process has used `ms` of CPU (not of wall time: on a
 * loaded machine, as under CI's parallel test files, a wall-clock spin gets less CPU), at most 20 s.
 */
function spin(ms: number): number {
  const start = process.cpuUsage();
  const deadline = performance.now() + 20_000;
  let x = 0;
  for (;;) {
    for (let i = 0; i < 10_000; i++) x = (x + Math.sqrt(x + 1)) % 1e9;
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms || performance.now() > deadline) return x;
  }
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
  expect(totalMs).toBeGreaterThanOrEqual(300);
  // /proc counts in 10 ms ticks: allow a few ticks each way, and the other threads' own work.
  expect(split.mainMs).toBeGreaterThanOrEqual(220);
  expect(split.mainMs).toBeLessThanOrEqual(totalMs + 30);
  expect(Math.abs(split.mainMs + split.othersMs - totalMs)).toBeLessThanOrEqual(60);
});

test('a reading that is missing gives no difference', () => {
  expect(threadCpuSince(undefined)).toBeUndefined();
});
