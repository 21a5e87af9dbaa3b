/**
 * What `npm run mutation` mutates, folder by folder, and the specs that guard each folder: a
 * mutant is tried only against its own folder's specs, so that engine code the HTTP specs also
 * run through is not retried behind a server start-up for every mutant.
 */
export const MUTATION_FOLDERS = {
  'engine/sla': ['tests/engine/sla/**/*.test.ts'],
  // Not RandomUniformity.test.ts: 100,000 draws through instrumented code outlast any timeout.
  'engine/assignment': ['tests/engine/assignment/Assignment.test.ts', 'tests/engine/assignment/TaskAssigner.test.ts'],
  // The chain as verifyAudit reads it, and as the store writes it (the store contract).
  'engine/audit': ['tests/engine/audit/**/*.test.ts', 'tests/engine/store/SqliteStore.test.ts'],
  'engine/routing': ['tests/engine/routing/**/*.test.ts'],
  // The HTTP specs of sessions, CSRF, roles, scopes and redaction. Not auditTamper.test.ts: it
  // checks through `npm run audit:verify` in a child process, which never sees the mutant.
  'server/auth': [
    'tests/server/auth/**/*.test.ts',
    'tests/server/session.test.ts',
    'tests/server/authorization.test.ts',
    'tests/server/redaction.test.ts',
    'tests/server/policies.test.ts',
  ],
};

/** The specs of the folder, or those of MUTATION_SPECS (comma-separated globs) for a narrower check. */
export function mutationSpecs(folder) {
  return process.env.MUTATION_SPECS ? process.env.MUTATION_SPECS.split(',') : MUTATION_FOLDERS[folder];
}

/** The folder named by MUTATION_FOLDER (set by tests/mutation/run.mjs), checked. */
export function mutationFolder() {
  const folder = process.env.MUTATION_FOLDER;
  if (!folder || !(folder in MUTATION_FOLDERS)) {
    throw new Error(`MUTATION_FOLDER must be one of ${Object.keys(MUTATION_FOLDERS).join(', ')} (run npm run mutation)`);
  }
  return folder;
}
