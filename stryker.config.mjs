// @ts-check
/**
 * Mutation testing (`npm run mutation`, not part of `npm test`): StrykerJS breaks the guarded
 * folders one small change at a time and reports each change no test noticed. Reports go to
 * artifacts/mutation/ (clear text on the console, mutation.json). One folder at a time:
 * `npm run mutation -- --mutate 'engine/sla/**\/*.ts'`.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  packageManager: 'npm',
  plugins: ['@stryker-mutator/vitest-runner'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: [
    'engine/sla/**/*.ts',
    'engine/assignment/**/*.ts',
    'engine/audit/**/*.ts',
    'engine/routing/**/*.ts',
    'server/auth/**/*.ts',
    // Front doors re-export; nothing to mutate.
    '!**/index.ts',
  ],
  coverageAnalysis: 'perTest',
  // A static mutant (a module-level constant) would need every test for itself: too slow here.
  ignoreStatic: true,
  // Two cores shared by the whole team: at most two test runners.
  concurrency: 2,
  timeoutMS: 10_000,
  // The initial run is every spec above in one thread, on busy cores.
  dryRunTimeoutMinutes: 20,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'artifacts/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['artifacts', 'dist', 'coverage', 'tests/e2e', 'tests/bench'],
  cleanTempDir: true,
};
