import { NotFoundError, type Engine } from '../../engine/index.js';

/**
 * Routing is looked up by the `ps:serviceCode` of the process being started, so a decision for a
 * code no deployed process carries would never apply: a typo the coordinator must hear about
 * (404), not a 200 that changes nothing. The engine itself takes any well-formed code, since the
 * catalogue's seed may decide a service's access before deploying its process.
 */
export async function requireService(engine: Engine, serviceCode: string): Promise<void> {
  const latest = await engine.definitions();
  if (!latest.some((d) => d.serviceCode === serviceCode)) throw new NotFoundError('service', serviceCode);
}
