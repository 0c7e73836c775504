// Preload of the benchmarks (`node --import <this> ...`): when the process exits, writes its CPU
// time (user + system, every thread: start-up, loader, GC) and its peak resident memory to the file
// named by PROVISION_USAGE_FILE, as {"cpuMs":…,"peakRssMb":…}. Plain JavaScript, so that it adds
// no TypeScript loader to the process it measures.
import { writeFileSync } from 'node:fs';

const file = process.env.PROVISION_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, peakRssMb: u.maxRSS / 1024 }));
  });
}
