import { z } from 'zod';
import type { RouteSpec } from '../route.js';

export const ServiceSchema = z
  .looseObject({
    code: z.string(),
    names: z.looseObject({ en: z.string(), ru: z.string(), kk: z.string() }),
    agency: z.string(),
    channels: z.array(z.string()),
    term: z.looseObject({ duration: z.number(), unit: z.string() }),
    requiredDocuments: z.array(z.string()),
  })
  .meta({ id: 'ServiceStandard' });

/**
 * The service standards of the catalogue: what an applicant is promised and must bring. Public
 * information (it hangs on the centres' walls), so the routes need no login.
 */
export const serviceRoutes = {
  list: {
    method: 'get',
    path: '/api/services',
    summary: 'The service standards of the deployed catalogue services: names (en, ru, kk), agency, channels, term, documents, result, fee, grounds for refusal.',
    access: 'public',
    responses: [200],
    responseBody: z.array(ServiceSchema),
  },
  get: {
    method: 'get',
    path: '/api/services/:code',
    summary: 'One service standard.',
    params: z.object({ code: z.string().regex(/^[A-Z][A-Z0-9-]{0,63}$/, 'a service code such as BIRTH-REG') }),
    access: 'public',
    responses: [200, 404],
    responseBody: ServiceSchema,
  },
} as const satisfies Record<string, RouteSpec>;
