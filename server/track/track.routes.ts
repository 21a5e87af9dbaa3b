import { z } from 'zod';
import { isValidTrackingNumber } from '../../engine/index.js';
import type { RouteSpec } from '../route.js';

export const TrackingViewSchema = z
  .looseObject({
    trackingNumber: z.string(),
    service: z.string(),
    serviceCode: z.string().optional(),
    status: z.enum(['in progress', 'waiting for your documents', 'ready for collection', 'completed', 'closed']),
    nextSteps: z.array(z.string()),
    receivedAt: z.string(),
    dueAt: z.string().optional(),
    overdue: z.boolean().optional(),
    completedAt: z.string().optional(),
  })
  .meta({ id: 'TrackingView' });

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
    summary: "The public tracking page: status, next steps and deadline of an application. Never a person's name. 400 for a malformed number, 404 for an unknown one.",
    access: 'public',
    params: TrackingNumberParams,
    responses: [200],
    responseBody: TrackingViewSchema,
  },
} as const satisfies Record<string, RouteSpec>;
