import { z } from 'zod';
import { DECISIONS, isValidTrackingNumber, REFUSAL_REASONS } from '../../engine/index.js';
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
    /** The decision once issued (engine/reports/applicationOutcome.ts). */
    outcome: z.enum(DECISIONS).optional(),
    decidedAt: z.string().optional(),
    /** A refusal's grounds in the standard's (English) wording; the page shows them in its language. */
    grounds: z.array(z.string()).optional(),
    reason: z.enum(REFUSAL_REASONS).optional(),
    missingDocuments: z.array(z.string()).optional(),
    article: z.string().optional(),
    requestedDocuments: z.array(z.string()).optional(),
    collect: z.looseObject({ where: z.string(), address: z.string().optional(), until: z.string().optional() }).optional(),
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
    summary:
      "The public tracking page: status, next steps and deadline of an application; once decided, the outcome (approved / refused / withdrawn) with a refusal's grounds and article, " +
      "where and until when to collect the result, and the documents asked for while waiting. Never a person's name nor a free-text note. 400 for a malformed number, 404 for an unknown one.",
    access: 'public',
    params: TrackingNumberParams,
    responses: [200],
    responseBody: TrackingViewSchema,
  },
} as const satisfies Record<string, RouteSpec>;
