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
    format: z.number().int().optional().describe('the hash encoding: 2; absent on legacy (format 1) entries'),
  })
  .meta({ id: 'AuditEntry' });

const Problem = z.enum(['missing', 'column', 'format', 'link', 'edited', 'rechained']);

/** What the signed checkpoints say (engine/audit/verifyChain.ts, docs/audit-chain.md). */
export const AnchorReportSchema = z
  .object({
    configured: z.boolean().describe('false: no audit key, so no checkpoint was checked'),
    checkpoints: z.number().int().describe('genuine (correctly signed) checkpoints read'),
    lastCheckpoint: z.object({ seq: z.number().int(), hash: z.string(), at: z.string() }).optional(),
    unanchored: z.number().int().describe('entries after the last checkpoint: these could be removed undetected'),
    forged: z.array(z.object({ line: z.number().int(), reason: z.string() })).describe('checkpoint file lines not signed with the key'),
    truncated: z.object({ checkpointSeq: z.number().int(), checkpointAt: z.string(), headSeq: z.number().int(), reason: z.string() }).optional(),
    rechained: z.object({ seq: z.number().int(), checkpointAt: z.string(), reason: z.string() }).optional(),
  })
  .meta({ id: 'AnchorReport' });

export const ChainReportSchema = z
  .looseObject({
    ok: z.boolean(),
    checked: z.number().int(),
    firstBroken: z
      .object({ seq: z.number().int(), action: z.string(), subject: z.string(), at: z.string(), reason: z.string(), problem: Problem })
      .optional(),
    legacyEntries: z.number().int().describe('the leading run of entries hashed in the legacy format 1'),
    head: z.object({ seq: z.number().int(), hash: z.string() }).optional(),
    anchoring: AnchorReportSchema.optional(),
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
    summary:
      'Recompute the hash chain of the whole trail and compare the stored columns: `ok`, entries checked, the first broken entry (seq, action, subject, reason, problem), ' +
      'legacy entries; and against the signed checkpoints (`anchoring`): truncation, re-chaining, forged checkpoint lines, entries not yet anchored.',
    access: { roles: ['auditor'] },
    responses: [200],
    responseBody: ChainReportSchema,
  },
} as const satisfies Record<string, RouteSpec>;
