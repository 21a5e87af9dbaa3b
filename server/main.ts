/**
 * `npm start`: parse the environment, open the engine, deploy the catalogue, listen.
 * Stops gracefully on SIGINT/SIGTERM; a second signal exits at once.
 */
import { demoLoginText } from './demo/demoData.js';
import { AuditAnchorError } from './audit/auditAnchor.js';
import { EnvError, parseEnv } from './env.js';
import { jsonLogger } from './logger.js';
import { startServer } from './startServer.js';

let env;
try {
  env = parseEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const logger = jsonLogger({ level: env.LOG_LEVEL });
let running;
try {
  running = await startServer({ env, logger });
} catch (error) {
  // A misplaced or missing audit key: the message says what to change; no stack needed.
  if (!(error instanceof AuditAnchorError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
logger.info('listening', { url: running.url, store: env.MONGODB_URI ? 'mongo' : 'sqlite' });
// A plain line too: the one thing a person starting the server looks for.
process.stdout.write(`Tereze listening on ${running.url}\n`);
// The demo contract: a user per role, password `demo`, printed at start-up (never logged).
process.stdout.write(demoLoginText(running.demoLogins));
if (running.demoLogins.length) logger.info('demo logins', { users: running.demoLogins.map((l) => l.username) });

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  });
}
