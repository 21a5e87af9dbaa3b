import { z } from 'zod';
import type { RouteSpec } from '../route.js';

export const AuditEntrySchema = z
  .looseObject({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    subject: z.string(),
    data: z.record(z.string(), z.unknown()).optional(),
    prev: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const ChainReportSchema = z
  .looseObject({
    ok: z.boolean(),
    checked: z.number().int(),
    firstBroken: z.object({ seq: z.number().int(), action: z.string(), subject: z.string(), at: z.string(), reason: z.string() }).optional(),
  })
  .meta({ id: 'ChainReport' });

const Subject = z.string().min(1).max(200);

export const AuditQuery = z.object({
  /** An application (instance id): its trail, for auditors whose scope reaches it. */
  instance: Subject.optional(),
  /** Any subject: a user, a task, a service code, a calendar… */
  subject: Subject.optional(),
  afterSeq: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const auditRoutes = {
  list: {
    method: 'get',
    path: '/api/audit',
    summary:
      'The audit trail in order (seq), `afterSeq` to page. With `instance=` one application (the application scope applies); ' +
      'the whole trail or another `subject` only for auditors of the whole organisation (no agency, centre or groups).',
    access: { roles: ['auditor'] },
    query: AuditQuery,
    responses: [200],
    responseBody: z.array(AuditEntrySchema),
  },
  verify: {
    method: 'get',
    path: '/api/audit/verify',
    summary: 'Recompute the hash chain of the whole trail: `ok`, entries checked, and the first broken entry (seq, action, subject, reason).',
    access: { roles: ['auditor'] },
    responses: [200],
    responseBody: ChainReportSchema,
  },
} as const satisfies Record<string, RouteSpec>;
