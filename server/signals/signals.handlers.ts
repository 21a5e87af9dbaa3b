import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import type { signalRoutes } from './signals.routes.js';

export function signalHandlers({ engine }: AppDeps): RouteHandlers<typeof signalRoutes> {
  return {
    async broadcast({ params, body, user }) {
      const result = await engine.signal(params.name, { ...(body.variables ? { variables: body.variables } : {}), by: user.id });
      return { status: 200, body: { signalName: result.signalName, reached: result.reached.map((r) => ({ instanceId: r.instanceId, elements: [...r.elements] })), started: [...result.started] } };
    },
  };
}
