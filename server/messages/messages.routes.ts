import { z } from 'zod';
import { isValidTrackingNumber } from '../../engine/index.js';
import type { RouteSpec } from '../route.js';

export const MessageBody = z
  .strictObject({
    /** The BPMN message's name (`<bpmn:message name="…">`), e.g. `documentsProvided`. */
    name: z.string().trim().min(1, 'name the message').max(200),
    trackingNumber: z
      .string()
      .max(30)
      .refine(isValidTrackingNumber, { message: 'not a tracking number (12 digits as 0000-0000-0000, the last a check digit)' })
      .optional(),
    instanceId: z.string().min(1).max(200).optional(),
    variables: z.record(z.string(), z.unknown()).optional(),
    /** ISO-8601 duration to keep a message nothing waits for yet (passed to the engine, which may not support it yet). */
    ttl: z.string().min(1).max(50).optional(),
  })
  .refine((body) => (body.trackingNumber === undefined) !== (body.instanceId === undefined), {
    message: 'name the application by trackingNumber or by instanceId (one of them)',
    path: ['trackingNumber'],
  });

export const messageRoutes = {
  correlate: {
    method: 'post',
    path: '/api/messages',
    summary:
      "An agency's system tells a running application something (a record arrived, a payment was made): correlates the message with the application's waiting " +
      'receive task, catch or boundary event, by tracking number or instance id, with its variables. 404 when no such application waits for that message. ' +
      'Only `integration` accounts (a bearer token from POST /api/session); an account with an agency reaches only the applications of that agency’s processes ' +
      '(404 for another’s, as for none). Audited with the account as actor.',
    access: { roles: ['integration'], scope: 'agencySystem' },
    body: { kind: 'json', schema: MessageBody },
    responses: [200],
    responseBody: z.looseObject({ instanceId: z.string(), trackingNumber: z.string(), started: z.boolean(), buffered: z.boolean().optional() }),
  },
} as const satisfies Record<string, RouteSpec>;
