import { ROLES, type Engine, type Role } from '../../engine/index.js';
import { loadOrganisation, seedOrganisation, type Organisation } from '../../processes/demo/seedOrganisation.js';
import type { Logger } from '../logger.js';
import { FALLBACK_ORGANISATION } from './fallbackOrganisation.js';

/** The demo organisation's one password (ARCHITECTURE.md). Exists nowhere when demo data is off. */
export const DEMO_PASSWORD = 'demo';

export interface DemoLogin {
  readonly role: Role;
  readonly username: string;
}

export interface DemoDataOptions {
  readonly enabled: boolean;
  /** The organisation to create; processes/demo/organisation.json by default. */
  readonly organisation?: Organisation;
  readonly logger: Logger;
}

/**
 * Demo data on: on a store with no users, creates the demo organisation and gives each of its
 * users the password `demo`; then answers the logins to print (a user per role whose password
 * is still the demo one). Demo data off: creates nothing, and removes any demo password left
 * from an earlier run (deactivating those users), so no default password exists anywhere.
 */
export async function prepareDemoData(engine: Engine, options: DemoDataOptions): Promise<DemoLogin[]> {
  const { logger } = options;
  if (!options.enabled) {
    const left = await engine.accounts.demoCredentials();
    for (const userId of left) {
      await engine.accounts.removePassword(userId, { by: 'system', reason: 'DEMO_DATA=off' });
      const user = await engine.directory.findUser(userId);
      if (user?.active) await engine.directory.putUser({ ...user, active: false }, { by: 'system' });
    }
    if (left.length) logger.warn('demo data off: demo passwords removed and their users deactivated', { users: left.length });
    return [];
  }
  if ((await engine.directory.listUsers()).length === 0) {
    const organisation = options.organisation ?? readOrganisation(logger);
    const counts = await seedOrganisation(engine, organisation, { by: 'demo-seed' });
    // scrypt runs on libuv's thread pool: a few at a time keeps start-up short.
    const ids = organisation.users.map((u) => u.id);
    for (let i = 0; i < ids.length; i += 8) {
      await Promise.all(ids.slice(i, i + 8).map((id) => engine.accounts.setPassword(id, DEMO_PASSWORD, { by: 'demo-seed', origin: 'demo' })));
    }
    logger.info('demo organisation created', { ...counts });
  }
  const demo = new Set(await engine.accounts.demoCredentials());
  const logins: DemoLogin[] = [];
  for (const role of ROLES) {
    const user = await engine.directory.findUser(role);
    if (user?.active && user.roles.includes(role) && demo.has(role)) logins.push({ role, username: role });
  }
  return logins;
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
