import type { DirectoryUser } from '../../engine/index.js';

/** A user as the administrator sees them: the directory entry and whether they can log in; never a hash. */
export function adminUserView(user: DirectoryUser, credential: { hasPassword: boolean; mustChangePassword: boolean } | undefined) {
  return {
    id: user.id,
    name: user.name,
    roles: user.roles,
    groups: user.groups,
    ...(user.agency ? { agency: user.agency } : {}),
    ...(user.centre ? { centre: user.centre } : {}),
    active: user.active,
    hasPassword: credential?.hasPassword ?? false,
    mustChangePassword: credential?.mustChangePassword ?? false,
  };
}
