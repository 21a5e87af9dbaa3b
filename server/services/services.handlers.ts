import { NotFoundError } from '../../engine/index.js';
import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers } from '../route.js';
import type { serviceRoutes } from './services.routes.js';

export function serviceHandlers({ engine, services }: AppDeps): RouteHandlers<typeof serviceRoutes> {
  /** Only services whose process is deployed: a standard without a process cannot be applied for. */
  const deployed = async () => {
    const codes = new Set((await engine.definitions()).map((d) => d.serviceCode).filter(Boolean));
    return (services ?? []).filter((s) => codes.has(s.code));
  };
  return {
    async list() {
      return { status: 200, body: await deployed() };
    },
    async get({ params }) {
      const service = (await deployed()).find((s) => s.code === params.code);
      if (!service) throw new NotFoundError('service', params.code);
      return { status: 200, body: service };
    },
  };
}
