// Preload of the benchmarks (`node --import <this> ...`): when the process exits, writes its CPU
// time (user + system, every thread: start-up, loader, GC) and its peak resident memory to the file
// named by PROVISION_USAGE_FILE, as {"cpuMs":…,"peakRssMb":…}, and on Linux that CPU split into the
// main thread's and the other threads' (thread-cpu.mjs) as "mainCpuMs" and "othersCpuMs". Plain
// JavaScript, so that it adds no TypeScript loader to the process it measures.
import { writeFileSync } from 'node:fs';
import { threadCpu } from './thread-cpu.mjs';

const file = process.env.PROVISION_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    const threads = threadCpu();
    const split = threads ? { mainCpuMs: threads.mainMs, othersCpuMs: threads.othersMs } : {};
    writeFileSync(file, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, peakRssMb: u.maxRSS / 1024, ...split }));
  });
}
