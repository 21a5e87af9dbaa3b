import type { ActingUser } from '../AppContext.js';

/** A user as the API shows them: who they are and where they work; never a credential. */
export function userView(user: ActingUser) {
  return {
    id: user.id,
    name: user.name,
    roles: user.roles,
    groups: user.groups,
    ...(user.agency ? { agency: user.agency } : {}),
    ...(user.centre ? { centre: user.centre } : {}),
    ...(user.language ? { language: user.language } : {}),
  };
}
