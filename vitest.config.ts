import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    reporters: ['default', './test/support/count-reporter.ts'],
    // End-to-end tests spend most of their time in spawned `provision` processes and the local
    // tenant's answers, so more workers than cores keep two cores busy (measured: 12.3 min with
    // one worker, 8.4 min with three, on 2 cores; 2026-12-07, fresh clones of the same tree on a
    // slow half-hour: three 570 s of vitest, 10m12s in all; four 518 s, 9m12s, 945 passed, though
    // the machine was slower still for the second run: pace.mjs 3.3 → 3.7 s).
    maxWorkers: 4,
    // A bound, not an expectation: a test that starts the CLI a dozen times on a shared 2-core
    // machine can need minutes.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
