import { ROLES, type Engine, type Role } from '../../engine/index.js';
import { loadOrganisation, seedOrganisation, type Organisation } from '../../processes/demo/seedOrganisation.js';
import { EnvError } from '../env.js';
import type { Logger } from '../logger.js';
import { isLoopbackHost } from './isLoopbackHost.js';
import { FALLBACK_ORGANISATION } from './fallbackOrganisation.js';
import { accountsOf } from '../accounts/Accounts.js';

/** The demo organisation's one password (ARCHITECTURE.md). Exists nowhere when demo data is off. */
export const DEMO_PASSWORD = 'demo';

export interface DemoLogin {
  readonly role: Role;
  readonly username: string;
}

export interface DemoDataOptions {
  /** DEMO_DATA: `auto` is on only when `host` is a loopback address. */
  readonly mode: 'auto' | 'on' | 'off';
  /** HOST the server listens on. */
  readonly host: string;
  /** The organisation to create; processes/demo/organisation.json by default. */
  readonly organisation?: Organisation;
  readonly logger: Logger;
}

/** Named in the refusal first: the accounts whose demo password would do the most harm. */
const MOST_POWERFUL: readonly string[] = ['admin', 'auditor', 'supervisor', 'operator', 'coordinator', 'integration', 'designer', 'official', 'clerk'];

/**
 * Demo data on (`on`, or `auto` on loopback): on a store with no users, creates the demo
 * organisation and gives each of its users the password `demo`; then answers the logins to
 * print (a user per role whose password is still the demo one). On a network HOST that takes
 * DEMO_DATA=on said explicitly, and is warned about loudly.
 *
 * `auto` on a network HOST: creates nothing; a store that still has demo passwords is refused
 * (EnvError) rather than served, and rather than changed: whether those accounts go (`off`) or
 * stay open to the network (`on`) is the operator's call, and `off` cannot be undone.
 *
 * `off`: creates nothing, and removes any demo password left from an earlier run (deactivating
 * those users), so no default password exists anywhere.
 */
export async function prepareDemoData(engine: Engine, options: DemoDataOptions): Promise<DemoLogin[]> {
  const { logger, mode, host } = options;
  const local = isLoopbackHost(host);
  if (mode === 'off') {
    const left = await accountsOf(engine).demoCredentials();
    for (const userId of left) {
      await accountsOf(engine).removePassword(userId, { by: 'system', reason: 'DEMO_DATA=off' });
      const user = await engine.directory.findUser(userId);
      if (user?.active) await engine.directory.putUser({ ...user, active: false }, { by: 'system' });
    }
    if (left.length) logger.warn('demo data off: demo passwords removed and their users deactivated', { users: left.length });
    return [];
  }
  if (mode === 'auto' && !local) {
    const left = await accountsOf(engine).demoCredentials();
    if (left.length) throw new EnvError([exposedDemoPasswords(left, host)]);
    logger.info(`demo data off: HOST=${host} is not a loopback address (DEMO_DATA=on to create the demo organisation anyway)`);
    return [];
  }
  const accounts = accountsOf(engine);
  const organisation = options.organisation ?? readOrganisation(logger);
  if ((await engine.directory.listUsers()).length === 0) {
    const counts = await seedOrganisation(engine, organisation, { by: 'demo-seed' });
    logger.info('demo organisation created', { ...counts });
  }
  // The demo organisation's users that never had a credential get the demo password, also when
  // `npm run seed:demo` put them in before the first start (issue 12: nobody could log in).
  // A password removed (DEMO_DATA=off) or set since is left alone, and nobody else gets one.
  const ids: string[] = [];
  for (const { id } of organisation.users) if ((await engine.directory.findUser(id)) && !(await accounts.hasCredentialRecord(id))) ids.push(id);
  // scrypt runs on libuv's thread pool: a few at a time keeps start-up short.
  for (let i = 0; i < ids.length; i += 8) {
    await Promise.all(ids.slice(i, i + 8).map((id) => accounts.setPassword(id, DEMO_PASSWORD, { by: 'demo-seed', origin: 'demo' })));
  }
  if (ids.length) logger.info('demo credentials made', { users: ids.length });
  const demo = new Set(await accounts.demoCredentials());
  if (!local && demo.size) {
    logger.warn(
      `DEMO DATA ON A NETWORK ADDRESS: HOST=${host} and DEMO_DATA=on, so ${demo.size} accounts log in with the published demo password from anywhere that reaches this server. ` +
        'For a real service: DEMO_DATA=off (removes those passwords and deactivates their users).',
      { host, users: demo.size },
    );
  }
  const logins: DemoLogin[] = [];
  for (const role of ROLES) {
    const user = await engine.directory.findUser(role);
    if (user?.active && user.roles.includes(role) && demo.has(role)) logins.push({ role, username: role });
  }
  return logins;
}

/** The refusal: which accounts, why, and the three ways out. */
function exposedDemoPasswords(userIds: readonly string[], host: string): string {
  const rank = (id: string) => (MOST_POWERFUL.includes(id) ? MOST_POWERFUL.indexOf(id) : MOST_POWERFUL.length);
  const named = [...userIds].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).slice(0, 5);
  const more = userIds.length - named.length;
  return (
    `DEMO_DATA: ${userIds.length} accounts still have the demo password (${named.join(', ')}${more ? ` and ${more} more` : ''}) ` +
    `and HOST=${host} is not a loopback address. Set DEMO_DATA=off to remove those passwords (their users are deactivated), ` +
    'DEMO_DATA=on to serve them to the network knowingly, or a loopback HOST (127.0.0.1)'
  );
}

/** The lines `npm start` prints. */
export function demoLoginText(logins: readonly DemoLogin[]): string {
  if (!logins.length) return '';
  const width = Math.max(...logins.map((l) => l.role.length));
  const lines = logins.map((l) => `  ${l.role.padEnd(width)}  user ${l.username}`);
  return `Demo logins (password "${DEMO_PASSWORD}"; DEMO_DATA=off for none):\n${lines.join('\n')}\n`;
}

function readOrganisation(logger: Logger): Organisation {
  try {
    return loadOrganisation();
  } catch (error) {
    logger.warn('demo organisation file not readable: using the six role users only', { error });
    return FALLBACK_ORGANISATION;
  }
}
