// @ts-check
import { mutationFolder } from './tests/mutation/folders.mjs';

/**
 * Mutation testing of one folder (`npm run mutation` runs tests/mutation/run.mjs, which calls
 * this once per folder with MUTATION_FOLDER set): StrykerJS breaks the folder one small change
 * at a time and reports each change that no spec noticed. Not part of `npm test`.
 */
const folder = mutationFolder();
const slug = folder.replace(/\//g, '-');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  plugins: ['@stryker-mutator/vitest-runner'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  // Front doors only re-export: nothing to mutate.
  mutate: [`${folder}/**/*.ts`, '!**/index.ts'],
  coverageAnalysis: 'perTest',
  // A static mutant (a module-level constant) would need every spec run for itself: too slow here.
  ignoreStatic: true,
  // Two cores shared by the whole team: at most two test runners.
  concurrency: 2,
  timeoutMS: 10_000,
  // The initial run is every spec of the folder in one thread, on busy cores.
  dryRunTimeoutMinutes: 20,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `artifacts/mutation/${slug}.json` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['artifacts', 'dist', 'coverage', 'tests/e2e', 'tests/bench'],
  cleanTempDir: true,
};
