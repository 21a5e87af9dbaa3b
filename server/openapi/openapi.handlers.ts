import { readFileSync } from 'node:fs';
import type { AppDeps } from '../AppContext.js';
import type { RouteHandlers, RouteSpec } from '../route.js';
import { openApiDocument } from './openApiDocument.js';
import type { openApiRoutes } from './openapi.routes.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Operations answered outside the ROUTES registry, described by hand. */
const EXTRA = {
  '/metrics': {
    get: {
      operationId: 'metrics',
      tags: ['ops'],
      summary: 'Prometheus text format. Only from loopback, or with `Authorization: Bearer $METRICS_TOKEN` when that is set.',
      security: [],
      responses: { '200': { description: 'metrics', content: { 'text/plain': { schema: { type: 'string' } } } } },
    },
  },
};

/** The document is built once, on first request: the declarations do not change while running. */
export function openApiHandlers(_deps: AppDeps, routes: Record<string, Record<string, RouteSpec>>): RouteHandlers<typeof openApiRoutes> {
  let document: unknown;
  return {
    async document() {
      document ??= openApiDocument(routes, { version: VERSION, extra: EXTRA });
      return { status: 200, body: document };
    },
  };
}
