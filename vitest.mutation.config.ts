import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs against each mutant (`npm run mutation`): only the specs of the
 * mutated folders (engine/sla, engine/assignment, engine/audit, engine/routing, server/auth), so
 * a run takes minutes, not hours. Not part of `npm test`, which keeps vitest.config.ts.
 */
export default defineConfig({
  test: {
    include: [
      'tests/engine/sla/**/*.test.ts',
      'tests/engine/assignment/**/*.test.ts',
      'tests/engine/audit/**/*.test.ts',
      'tests/engine/routing/**/*.test.ts',
      // The audit chain as the store writes and checks it.
      'tests/engine/store/SqliteStore.test.ts',
      'tests/server/auth/**/*.test.ts',
      // The HTTP specs that exercise server/auth (sessions, CSRF, roles, scopes, redaction).
      'tests/server/session.test.ts',
      'tests/server/authorization.test.ts',
      'tests/server/redaction.test.ts',
      'tests/server/policies.test.ts',
    ],
    // Not tests/server/auditTamper.test.ts: it runs `npm run audit:verify` in a child process,
    // which never sees the mutant under test, and takes half a minute.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
