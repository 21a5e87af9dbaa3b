import type { RouteSpec } from '../route.js';

export const openApiRoutes = {
  document: {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This API described as OpenAPI 3.1, generated from the route declarations (zod schemas, roles, redaction).',
    access: 'public',
    responses: [200],
  },
} as const satisfies Record<string, RouteSpec>;
