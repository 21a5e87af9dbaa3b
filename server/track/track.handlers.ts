import type { AppDeps } from '../AppContext.js';
import { articleIn, standardOf } from '../print/standardTexts.js';
import type { RouteHandlers } from '../route.js';
import type { trackRoutes } from './track.routes.js';

export function trackHandlers({ engine, services }: AppDeps): RouteHandlers<typeof trackRoutes> {
  return {
    async track({ params }) {
      // The engine's view names steps, never people (engine/reports/trackApplication.ts).
      const normalised = params.trackingNumber.replace(/[\s-]/g, '');
      const number = `${normalised.slice(0, 4)}-${normalised.slice(4, 8)}-${normalised.slice(8)}`;
      // The standard's article and documents: the decision names its grounds, the page its legal basis.
      const standard = standardOf(services, (await engine.instanceByTrackingNumber(number).catch(() => undefined))?.serviceCode);
      const article = articleIn(standard, 'en');
      return { status: 200, body: await engine.track(number, { ...(article ? { article } : {}), ...(standard ? { requiredDocuments: standard.requiredDocuments } : {}) }) };
    },
  };
}
