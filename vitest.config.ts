import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/bench/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two test files at once: vitest's default (cores − 1) runs one at a time on a 2-core machine,
    // and most files wait on child processes, a browser or PostgreSQL rather than compute.
    maxWorkers: 2,
    // One throwaway PostgreSQL for the pg store's tests (skipped with the reason where none can start).
    globalSetup: ['tests/support/postgresGlobalSetup.ts'],
    // The JSON report lets .ci/run print one plain "N passed, N failed, N skipped" line.
    reporters: ['default', ['json', { outputFile: 'artifacts/vitest.json' }]],
  },
});
