/**
 * `npm start`: parse the environment, open the engine, deploy the catalogue, listen.
 * Stops gracefully on SIGINT/SIGTERM; a second signal exits at once.
 */
import { StoreUnavailableError } from '../engine/index.js';
import { demoLoginText } from './demo/demoData.js';
import { isLoopbackHost } from './demo/isLoopbackHost.js';
import { AuditAnchorError } from './audit/auditAnchor.js';
import { EnvError, parseEnv, storeKindOf, type Env } from './env.js';
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
  // The environment does not fit the store (demo passwords on a network HOST), or the audit
  // key is misplaced or missing: the message says what to change; no stack needed.
  if (error instanceof EnvError || error instanceof AuditAnchorError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  if (!(error instanceof StoreUnavailableError)) throw error;
  // A store that cannot be opened is the operator's to fix: what, where, and what to do; no stack.
  process.stderr.write(`Tereze cannot start: ${error.message}.\n${storeAdvice(env)}\n`);
  process.exit(1);
}
logger.info('listening', { url: running.url, store: storeKindOf(env) });
// A plain line too: the one thing a person starting the server looks for.
process.stdout.write(`Tereze listening on ${running.url}\n`);
// The demo contract: a user per role, password `demo`, printed at start-up (never logged).
process.stdout.write(demoLoginText(running.demoLogins));
if (running.demoLogins.length) logger.info('demo logins', { users: running.demoLogins.map((l) => l.username) });
// DEMO_DATA=on on a network HOST: the log has the warning; the person at the console sees it too.
if (running.demoLogins.length && !isLoopbackHost(env.HOST)) {
  process.stderr.write(`WARNING: demo data on a network address (HOST=${env.HOST}): anyone who reaches this server can log in with the demo password. DEMO_DATA=off for a real service.\n`);
}

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

function storeAdvice(settings: Env): string {
  if (settings.DATABASE_URL) return 'The store is the PostgreSQL database named by DATABASE_URL: check that the server runs, is reachable, is a primary (not a replica), and that the user and database in the URL exist.';
  if (settings.MONGODB_URI) return 'The store is the MongoDB server named by MONGODB_URI: check that it runs, is reachable and has a primary.';
  return `The store is the sqlite file in DATA_DIR (${settings.DATA_DIR}): set DATA_DIR to a folder this user can write, on a disk with free space, or fix the one named above.`;
}
