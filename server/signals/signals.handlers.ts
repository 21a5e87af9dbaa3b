import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import type { signalRoutes } from './signals.routes.js';

export function signalHandlers({ engine }: AppDeps): RouteHandlers<typeof signalRoutes> {
  return {
    async broadcast({ params, body, user }) {
      // An agency's system (an integration account with an agency) broadcasts within its agency's processes; an operator, and the organisation's own hub, to all.
      const within = user.roles.includes('integration') && !user.roles.includes('operator') && user.agency ? { agency: user.agency } : {};
      const result = await engine.signal(params.name, { ...(body.variables ? { variables: body.variables } : {}), by: user.id, ...within });
      return { status: 200, body: { signalName: result.signalName, reached: result.reached.map((r) => ({ instanceId: r.instanceId, elements: [...r.elements] })), started: [...result.started] } };
    },
  };
}
