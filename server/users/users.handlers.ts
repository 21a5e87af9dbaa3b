import type { AppDeps } from '../AppContext.js';
import { actingUser } from '../auth/authentication.js';
import type { RouteHandlers } from '../route.js';
import { userView } from './userView.js';
import type { userRoutes } from './users.routes.js';

export function userHandlers({ engine }: AppDeps): RouteHandlers<typeof userRoutes> {
  return {
    async me({ user }) {
      return { status: 200, body: userView(user) };
    },

    async setLanguage({ user, body }) {
      const saved = await engine.directory.setLanguage(user.id, body.language, { by: user.id });
      return { status: 200, body: userView(actingUser(saved)) };
    },
  };
}
