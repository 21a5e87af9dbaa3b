/**
 * `npm run admin:create`: the first administrator of an installation without demo data.
 * Opens the store the environment names (as `npm start` does, without running jobs) and
 * creates a user with the role `admin`.
 *
 *   npm run admin:create -- --username ops-admin [--name "Operations"] [--password …]
 *   ADMIN_USERNAME=ops-admin ADMIN_PASSWORD=… npm run admin:create
 *
 * Without a password in the arguments or ADMIN_PASSWORD it asks for one twice, not echoed
 * (or reads a line from a pipe). A weak password (the password policy: at least 12
 * characters, not the user name, not a common one) or a taken name is exit 1 with the reason.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { AdminCreateError, createFirstAdmin } from './admin/createFirstAdmin.js';
import { EnvError, parseEnv } from './env.js';
import { openEngine } from './startServer.js';

function fail(message: string): never {
  process.stderr.write(`admin:create: ${message}\n`);
  process.exit(1);
}

/** Reads lines from stdin: typed without echo on a terminal, or from a pipe. */
function lineReader(): { ask: (prompt: string, secret: boolean) => Promise<string>; close: () => void } {
  const terminal = Boolean(process.stdin.isTTY);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal });
  let muted = false;
  const write = (rl as unknown as { _writeToOutput?: (s: string) => void })._writeToOutput?.bind(rl);
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (!muted || s.includes('\n')) write?.(muted ? '\n' : s);
  };
  const queued: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  rl.on('line', (line) => (waiting.length ? waiting.shift()!(line) : queued.push(line)));
  rl.on('close', () => waiting.splice(0).forEach((resolve) => resolve('')));
  return {
    ask(prompt, secret) {
      process.stdout.write(prompt);
      muted = secret && terminal;
      return new Promise<string>((resolve) => (queued.length ? resolve(queued.shift()!) : waiting.push(resolve))).finally(() => (muted = false));
    },
    close: () => rl.close(),
  };
}

let args;
try {
  args = parseArgs({ options: { username: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } }, allowPositionals: false }).values;
} catch (error) {
  fail((error as Error).message);
}
let env;
try {
  env = parseEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  fail(error.message);
}

let username = args.username ?? process.env.ADMIN_USERNAME;
let password = args.password ?? process.env.ADMIN_PASSWORD;
const name = args.name ?? process.env.ADMIN_NAME;
if (!username || !password) {
  const reader = lineReader();
  try {
    username ||= (await reader.ask('Administrator user name: ', false)).trim();
    if (!password) {
      password = await reader.ask('Password (at least 12 characters): ', true);
      const again = await reader.ask('The same password again: ', true);
      if (again !== password) fail('the two passwords differ');
    }
  } finally {
    reader.close();
  }
}
if (!username) fail('no user name given (--username or ADMIN_USERNAME)');

const engine = await openEngine(env, { jobs: false });
try {
  await createFirstAdmin(engine, { username, password: password ?? '', ...(name ? { name } : {}) });
  process.stdout.write(`administrator ${username} created: log in with this password at the designer (#/admin)\n`);
} catch (error) {
  if (!(error instanceof AdminCreateError)) throw error;
  process.exitCode = 1;
  process.stderr.write(`admin:create: ${error.message}\n`);
} finally {
  await engine.close();
}
