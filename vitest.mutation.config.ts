import { defineConfig } from 'vitest/config';
import { mutationFolder, mutationSpecs } from './tests/mutation/folders.mjs';

/**
 * The specs StrykerJS runs against each mutant of one folder (`npm run mutation`): only that
 * folder's (tests/mutation/folders.mjs), so a run takes minutes, not hours. Not part of
 * `npm test`, which keeps vitest.config.ts.
 */
export default defineConfig({
  test: {
    include: [...(mutationSpecs(mutationFolder()) ?? [])],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
