import { NotFoundError, type InstanceView } from '../../engine/index.js';
import { findApplication } from './findApplication.js';
import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import type { messageRoutes } from './messages.routes.js';

export function messageHandlers({ engine }: AppDeps): RouteHandlers<typeof messageRoutes> {
  return {
    async correlate({ body, user }) {
      const target = await findApplication(engine, body);
      // "Nothing matches" is a 404 in words: no catch of this application waits for the message.
      if (body.ttl === undefined && !waitsFor(target, body.name)) {
        throw new NotFoundError('waiting message catch', `'${body.name}' in application ${target.trackingNumber}`);
      }
      const result = await engine.correlate(body.name, {
        instanceId: target.id,
        ...(body.variables ? { variables: body.variables } : {}),
        ...(body.ttl === undefined ? {} : { ttl: body.ttl }),
        by: user.id,
      });
      return { status: 200, body: { instanceId: result.instanceId, trackingNumber: target.trackingNumber, started: result.started, ...(result.buffered ? { buffered: true } : {}) } };
    },
  };
}

/** A token waits at a receive task or message catch of that name, or holds a message boundary for it. */
function waitsFor(instance: InstanceView, name: string): boolean {
  if (instance.state !== 'active' && instance.state !== 'incident') return false;
  return instance.tokens.some((t) => (t.wait?.kind === 'message' && t.wait.messageName === name) || (t.boundaries ?? []).some((b) => b.messageName === name));
}
