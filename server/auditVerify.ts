/**
 * `npm run audit:verify`: opens the store the environment names (as `npm start` does, without
 * running jobs), recomputes the audit trail's hash chain, and prints either
 *   `audit trail OK: N entries`            (exit 0)
 * or the first broken entry               (exit 1)
 *   `audit trail BROKEN at seq 12 (task.complete, subject t-…): its content does not match its hash (edited)`
 * A bad environment is exit 1 with a line per variable, as for the server.
 */
import { EnvError, parseEnv } from './env.js';
import { openEngine } from './startServer.js';

let env;
try {
  env = parseEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const engine = await openEngine(env, { jobs: false });
try {
  const report = await engine.verifyAudit();
  if (report.ok) {
    process.stdout.write(`audit trail OK: ${report.checked} entries\n`);
  } else {
    const broken = report.firstBroken!;
    process.stdout.write(`audit trail BROKEN at seq ${broken.seq} (${broken.action}, subject ${broken.subject}, ${broken.at}): ${broken.reason}\n`);
    process.exitCode = 1;
  }
} finally {
  await engine.close();
}
