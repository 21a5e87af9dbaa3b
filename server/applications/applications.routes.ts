import { z } from 'zod';
import { IDEMPOTENCY_KEY_FORMAT, IDEMPOTENCY_KEY_RETENTION_MS, isIdempotencyKey, isValidTrackingNumber } from '../../engine/index.js';
import type { RouteSpec } from '../route.js';
import { ApplicationSchema, CHANNELS, ReceiptSchema } from '../contracts/applications.js';
import { ApplicantContact } from '../notifications/applicantContact.js';

export { CHANNELS };

export const StartApplicationBody = z.strictObject({
  serviceCode: z.string().min(1).max(100),
  channel: z.enum(CHANNELS, { error: (issue) => `expected one of ${CHANNELS.join(', ')}, got ${JSON.stringify(issue.input) ?? 'nothing'}` }),
  applicant: ApplicantContact.optional(),
  /** Names (ids) of the documents handed in; they reach the process as the `documents` variable. */
  documents: z.array(z.string().min(1).max(500)).max(500).optional(),
  variables: z.record(z.string(), z.unknown()).optional(),
});

/** Node names headers in lower case; the contract spells it `Idempotency-Key`. */
export const StartApplicationHeaders = z.object({
  'idempotency-key': z
    .string()
    .refine(isIdempotencyKey, { error: `Idempotency-Key must be ${IDEMPOTENCY_KEY_FORMAT}` })
    .optional()
    .meta({ description: `Repeats with the same key (yours) and body get the first answer without a second application, for ${IDEMPOTENCY_KEY_RETENTION_MS / 3_600_000} hours.` }),
});

export const SearchQuery = z.object({
  serviceCode: z.string().min(1).max(100).optional(),
  state: z.enum(['active', 'incident', 'completed', 'terminated']).optional(),
  trackingNumber: z.string().max(30).refine(isValidTrackingNumber, { message: 'not a tracking number (12 digits as 0000-0000-0000, the last a check digit)' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The applicant's IIN, exactly: their history within your scope, newest first (the look-up is audited). */
  iin: z.string().regex(/^\d{12}$/, 'an IIN is 12 digits').optional(),
  /** The start of the applicant's name or of a word in it, at least 3 letters, any case (the look-up is audited). */
  name: z.string().trim().min(3, 'give at least 3 letters of the name').max(200).optional(),
  /** Paging: how many matches to skip. */
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export { ReceiptSchema };

export type StartApplication = z.output<typeof StartApplicationBody>;

export const TransferBody = z.strictObject({
  trackingNumber: z.string().max(30).refine(isValidTrackingNumber, { message: 'not a tracking number (12 digits as 0000-0000-0000, the last a check digit)' }),
  /** The applicant's IIN, read from the identity document they show at the counter. */
  iin: z.string().regex(/^\d{12}$/, 'an IIN is 12 digits'),
  reason: z.string().trim().min(1).max(500),
});

export const applicationRoutes = {
  start: {
    method: 'post',
    path: '/api/applications',
    summary:
      'Start an application for a service on a channel: the latest definition carrying that service code. ' +
      `With an \`Idempotency-Key\` header, a repeat of the same body by the same user within ${IDEMPOTENCY_KEY_RETENTION_MS / 3_600_000} hours gets the first answer ` +
      'and starts nothing (a double click, a retry); the same key with another body is 422 idempotency_key_reused. A refused start records no key.',
    // Clerks at a centre, officials at their agency's desk (alternative access); the portal is its own client, later.
    access: { roles: ['clerk', 'official'], scope: 'startChannel' },
    headers: StartApplicationHeaders,
    body: { kind: 'json', schema: StartApplicationBody },
    responses: [201],
    responseBody: z.looseObject({ id: z.string(), trackingNumber: z.string(), dueAt: z.string().optional() }),
  },
  search: {
    method: 'get',
    path: '/api/applications',
    summary:
      'Search applications by service code, state, tracking number, IIN (exact: an applicant\'s history) or the start of the name or of a word in it (case-insensitive, Kazakh and Russian too, ё as е), newest first, paged by offset and limit, among those your scope reaches ' +
      "(a clerk's and an official's: through their own and their groups' tasks; a supervisor's and an auditor's: what they oversee), redacted for the viewer. A search by IIN or name is recorded in the audit trail (applicant.lookup).",
    access: { roles: ['clerk', 'official', 'supervisor', 'auditor'] },
    query: SearchQuery,
    responses: [200],
    response: 'applications',
    responseBody: z.array(ApplicationSchema),
  },
  receipt: {
    method: 'get',
    path: '/api/applications/:id/receipt',
    summary: "What the applicant takes home from the counter: tracking number, service, documents handed in, the deadline. For the centre's clerks, the agency desk's officials (their agency's applications) and supervisors.",
    access: { roles: ['clerk', 'official', 'supervisor'], scope: 'application' },
    params: z.object({ id: z.string().min(1).max(200) }),
    responses: [200],
    responseBody: ReceiptSchema,
  },
  transfer: {
    method: 'post',
    path: '/api/applications/transfer',
    summary:
      "Move an application to your centre at the applicant's request (they show their identity document: the tracking number and the applicant's IIN must match), with a reason; its front-office work comes to your centre's queue. Audited.",
    access: { roles: ['clerk'] },
    body: { kind: 'json', schema: TransferBody },
    responses: [200],
    responseBody: z.looseObject({ id: z.string(), trackingNumber: z.string(), centre: z.string() }),
  },
  get: {
    method: 'get',
    path: '/api/applications/:id',
    summary: 'One application: the instance view, its intake (who, when) and its tasks, redacted for the viewer.',
    access: { roles: ['clerk', 'official', 'supervisor', 'auditor'], scope: 'application' },
    response: 'application',
    params: z.object({ id: z.string().min(1).max(200) }),
    responses: [200],
    responseBody: ApplicationSchema,
  },
} as const satisfies Record<string, RouteSpec>;
