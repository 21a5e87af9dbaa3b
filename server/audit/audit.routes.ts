import { z } from 'zod';
import type { RouteSpec } from '../route.js';
import { InstantInput } from '../schemas.js';
import { TrackingNumberParams } from '../track/track.routes.js';

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

const Filters = {
  /** An application (instance id): its trail, for auditors whose scope reaches it. */
  instance: Subject.optional(),
  /** An application by its tracking number: the same as its instance id. */
  trackingNumber: TrackingNumberParams.shape.trackingNumber.optional(),
  /** Any subject: a user, a task, a service code, a calendar… */
  subject: Subject.optional(),
  actor: Subject.optional(),
  /** An action (`task.complete`) or a family of actions by prefix (`task`). */
  action: z.string().regex(/^[a-zA-Z][\w.-]{0,99}$/, 'an action such as task.complete, or its prefix such as task').optional(),
  /** The period: `from` inclusive, `to` exclusive (ISO 8601 instants). */
  from: InstantInput.optional(),
  to: InstantInput.optional(),
  afterSeq: z.coerce.number().int().min(0).optional(),
};

export const AuditQuery = z.object({ ...Filters, limit: z.coerce.number().int().min(1).max(1000).default(100) });

export const AuditExportQuery = z.object({
  ...Filters,
  format: z.enum(['csv', 'json']),
  limit: z.coerce.number().int().min(1).max(50_000).default(10_000),
});

export const AuditExportSchema = z
  .looseObject({
    exportedAt: z.string(),
    filter: z.record(z.string(), z.unknown()),
    count: z.number().int(),
    firstSeq: z.number().int().optional(),
    lastSeq: z.number().int().optional(),
    entries: z.array(AuditEntrySchema).describe('the entries exactly as hashed: recompute each hash and the links of neighbours (engine/audit verifyExport)'),
  })
  .meta({ id: 'AuditExport' });

const SELECTION =
  'Filters: `actor`, `action` (exact, or a prefix such as `task` for `task.*`), `subject`, the application by `instance` or `trackingNumber` ' +
  '(the application scope applies), the period `from`/`to`; `afterSeq` to page (the next page starts after the last seq). ' +
  'Without an application only for auditors of the whole organisation (no agency, centre or groups).';

export const auditRoutes = {
  list: {
    method: 'get',
    path: '/api/audit',
    summary: `The audit trail in order (seq), at most \`limit\` entries of the selection. ${SELECTION}`,
    access: { roles: ['auditor'] },
    query: AuditQuery,
    responses: [200],
    responseBody: z.array(AuditEntrySchema),
  },
  export: {
    method: 'get',
    path: '/api/audit/export',
    summary:
      `The selection as a file: \`format=csv\` (text/csv, for spreadsheets) or \`format=json\` (the entries exactly as hashed, ` +
      `so each hash and the links between neighbours can be recomputed without the store). ${SELECTION}`,
    access: { roles: ['auditor'] },
    query: AuditExportQuery,
    responses: [200],
    responseBody: AuditExportSchema,
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
