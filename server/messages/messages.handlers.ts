import { NotFoundError, messageTarget } from '../../engine/index.js';
import { findApplication } from './findApplication.js';
import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import type { messageRoutes } from './messages.routes.js';

export function messageHandlers({ engine }: AppDeps): RouteHandlers<typeof messageRoutes> {
  return {
    async correlate({ body, user }) {
      const target = await findApplication(engine, body);
      // "Nothing matches" is a 404 in words: no catch, boundary or event sub-process of this application waits for it (the engine's rule).
      if (body.ttl === undefined && (target.state === 'completed' || target.state === 'terminated' || !messageTarget(target, body.name))) {
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
