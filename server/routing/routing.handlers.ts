import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import type { routingRoutes } from './routing.routes.js';
import { requireService } from './requireService.js';
import { serviceFacts } from './serviceFacts.js';
import { openChannels } from './openChannels.js';
import { scopeChecks } from '../auth/scopes.js';

export function routingHandlers({ engine, services }: AppDeps): RouteHandlers<typeof routingRoutes> {
  const scopes = scopeChecks(engine);
  return {
    async open({ user }) {
      return { status: 200, body: await openChannels(engine, scopes, services ?? [], user, new Date()) };
    },
    async facts() {
      const codes = (await engine.definitions()).flatMap((d) => (d.serviceCode ? [d.serviceCode] : []));
      const agencies = new Map((await engine.directory.listUnits('agency')).map((a) => [a.id, a]));
      return { status: 200, body: serviceFacts(codes, await engine.instanceTallies(), services ?? [], agencies) };
    },
    async list() {
      return { status: 200, body: await engine.routing.list() };
    },
    async set({ params, body, user }) {
      await requireService(engine, params.serviceCode);
      const decision = await engine.routing.set(params.serviceCode, {
        mode: body.mode,
        reason: body.reason,
        by: user.id,
        ...(body.effectiveFrom ? { effectiveFrom: body.effectiveFrom } : {}),
        ...(body.region ? { region: body.region } : {}),
      });
      return { status: 200, body: decision };
    },
    async history({ params, query }) {
      await requireService(engine, params.serviceCode);
      return { status: 200, body: await engine.routing.history(params.serviceCode, query.region) };
    },
  };
}
