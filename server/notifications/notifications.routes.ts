import { z } from 'zod';
import { DELIVERY_CHANNELS, NOTIFICATION_KINDS } from '../../engine/index.js';
import type { RouteSpec } from '../route.js';
import { Instant } from '../schemas.js';

const FILTERS = ['pending', 'failed', 'dead', 'delivered', 'skipped'] as const;
const OPERATORS = { roles: ['operator', 'admin'] } as const;

export const NotificationListQuery = z.object({
  state: z.enum(FILTERS, { error: (issue) => `expected one of ${FILTERS.join(', ')}, got ${JSON.stringify(issue.input)}` }).default('dead'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const NotificationDeliverySchema = z
  .looseObject({
    id: z.string(),
    kind: z.enum(NOTIFICATION_KINDS),
    instanceId: z.string(),
    trackingNumber: z.string(),
    serviceCode: z.string().optional(),
    createdAt: Instant,
    state: z.enum(['pending', 'delivered', 'dead', 'skipped']),
    attempts: z.number(),
    nextAttemptAt: Instant,
    lastAttemptAt: Instant.optional(),
    lastError: z.string().optional(),
    deliveredAt: Instant.optional(),
    /** Where it goes, masked (+7 701 *** ** 67, a***@mail.kz): enough to recognise, not to copy. */
    recipients: z.array(z.object({ channel: z.enum(DELIVERY_CHANNELS), to: z.string(), sentAt: Instant.optional() })),
    requeued: z.number().optional(),
  })
  .meta({ id: 'NotificationDelivery' });

export const NotificationStatusSchema = z
  .object({
    channels: z.object({ email: z.boolean(), sms: z.boolean() }),
    counts: z.object({ pending: z.number(), failed: z.number(), dead: z.number(), delivered: z.number(), skipped: z.number() }),
    /** In words, when notices cannot go out: which settings are missing. */
    problem: z.string().optional(),
  })
  .meta({ id: 'NotificationStatus' });

/** The outbox for operators: what waits, what failed and why, the dead letters, and a retry. */
export const notificationRoutes = {
  status: {
    method: 'get',
    path: '/api/notifications/status',
    summary: 'Which channels deliver (e-mail, SMS), and how many notices are pending, failing, dead, delivered or skipped (no contact).',
    access: OPERATORS,
    responses: [200],
    responseBody: NotificationStatusSchema,
  },
  list: {
    method: 'get',
    path: '/api/notifications',
    summary: 'Notices to applicants by delivery state (`dead` by default; `failed`: pending after a failed attempt), with the last error and masked recipients.',
    access: OPERATORS,
    query: NotificationListQuery,
    responses: [200],
    responseBody: z.array(NotificationDeliverySchema),
  },
  retry: {
    method: 'post',
    path: '/api/notifications/:id/retry',
    summary: 'Put a dead letter back to be delivered now (attempts from 0): 409 when it is not a dead letter. Audited (notification.retry).',
    access: OPERATORS,
    params: z.object({ id: z.string().min(1).max(100) }),
    responses: [200],
    responseBody: NotificationDeliverySchema,
  },
} as const satisfies Record<string, RouteSpec>;
