import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    reporters: ['default', './test/support/count-reporter.ts'],
    // End-to-end tests spend most of their time in spawned `provision` processes and the local
    // tenant's answers, so three workers keep two cores busy (measured: 12.3 min with one
    // worker, 8.4 min with three, on 2 cores).
    maxWorkers: 3,
    // A bound, not an expectation: a test that starts the CLI a dozen times on a shared 2-core
    // machine can need minutes.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
