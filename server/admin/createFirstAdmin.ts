import { InvalidArgumentError, type Engine } from '../../engine/index.js';
import { accountsOf } from '../accounts/Accounts.js';
import { checkPasswordPolicy } from '../accounts/passwordPolicy.js';

/** Who the audit trail names as having made the first administrator. */
export const ADMIN_CREATE_ACTOR = 'admin:create';

export class AdminCreateError extends Error {}

/**
 * Makes an administrator on an installation that has none to make one (no demo data): a user
 * with the role `admin` and the password given, which keeps the password policy. Refuses a
 * taken user name; audited as `user.put` and `credential.set` by `admin:create`.
 */
export async function createFirstAdmin(engine: Engine, input: { username: string; password: string; name?: string }): Promise<void> {
  const weak = checkPasswordPolicy(input.password, input.username);
  if (weak) throw new AdminCreateError(`password refused: ${weak.message}`);
  if (await engine.directory.findUser(input.username)) throw new AdminCreateError(`a user ${JSON.stringify(input.username)} exists already: choose another name`);
  try {
    await engine.directory.putUser({ id: input.username, name: input.name?.trim() || input.username, roles: ['admin'], groups: [], active: true }, { by: ADMIN_CREATE_ACTOR });
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw new AdminCreateError(`user name ${JSON.stringify(input.username)}: ${error.message}`);
    throw error;
  }
  await accountsOf(engine).setPassword(input.username, input.password, { by: ADMIN_CREATE_ACTOR, origin: 'set' });
}
