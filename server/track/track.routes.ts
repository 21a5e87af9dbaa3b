import { z } from 'zod';
import { isValidTrackingNumber } from '../../engine/index.js';
import { TrackingViewSchema } from '../contracts/applications.js';
import type { RouteSpec } from '../route.js';

export { TrackingViewSchema };

export const TrackingNumberParams = z.object({
  trackingNumber: z
    .string()
    .max(30)
    .refine(isValidTrackingNumber, { message: 'not a tracking number (12 digits as 0000-0000-0000, the last a check digit)' }),
});

export const trackRoutes = {
  track: {
    method: 'get',
    path: '/api/track/:trackingNumber',
    summary:
      "The public tracking page: status, next steps and deadline of an application; once decided, the outcome (approved / refused / withdrawn) with a refusal's grounds and article, " +
      "where and until when to collect the result, and the documents asked for while waiting. Never a person's name nor a free-text note. 400 for a malformed number, 404 for an unknown one.",
    access: 'public',
    params: TrackingNumberParams,
    responses: [200],
    responseBody: TrackingViewSchema,
  },
} as const satisfies Record<string, RouteSpec>;
