import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import { userView } from './userView.js';
import type { userRoutes } from './users.routes.js';

export function userHandlers(_deps: AppDeps): RouteHandlers<typeof userRoutes> {
  return {
    async me({ user }) {
      return { status: 200, body: userView(user) };
    },
  };
}
