import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import type { taskRoutes } from './tasks.routes.js';

export function taskHandlers({ engine }: AppDeps): RouteHandlers<typeof taskRoutes> {
  return {
    async list({ query }) {
      const { instanceId, assignee, group, state, limit } = query;
      const tasks = await engine.tasks({
        ...(instanceId ? { instanceId } : {}),
        ...(assignee ? { assignee } : {}),
        ...(group ? { group } : {}),
        state,
        limit,
      });
      return { status: 200, body: tasks };
    },

    async complete({ params, body, user }) {
      const view = await engine.completeTask(params.id, {
        by: user.id,
        ...(body.outcome === undefined ? {} : { outcome: body.outcome }),
        ...(body.variables ? { variables: body.variables } : {}),
      });
      return { status: 200, body: view };
    },
  };
}
