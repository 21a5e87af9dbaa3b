import { z } from 'zod';
import type { RouteSpec } from '../route.js';
import { ApplicationSchema, Instant, InstantInput } from '../schemas.js';

const STATES = ['active', 'incident', 'completed', 'terminated'] as const;
const Reason = z.string().trim().min(1, 'a reason is required').max(500);
const Variables = z.record(z.string(), z.unknown());
const Id = z.object({ id: z.string().min(1).max(200) });
const Version = z.number().int().min(1);

export const InstanceListQuery = z.object({
  key: z.string().min(1).max(200).optional(),
  version: z.coerce.number().int().min(1).optional(),
  state: z.enum(STATES).optional(),
  incident: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  element: z.string().min(1).max(200).optional(),
  serviceCode: z.string().min(1).max(100).optional(),
  centre: z.string().min(1).max(100).optional(),
  agency: z.string().min(1).max(100).optional(),
  startedFrom: InstantInput.optional(),
  startedTo: InstantInput.optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const RetryBody = z.strictObject({ reason: Reason, variables: Variables.optional(), tokenId: z.string().min(1).max(50).optional() });
export const CancelBody = z.strictObject({ reason: Reason });
export const ModifyBody = z.strictObject({
  reason: Reason,
  /** The token id (`t3`) or the element it is at; optional when the instance has one token. */
  moveFrom: z.string().min(1).max(200).optional(),
  to: z.string().min(1).max(200),
  variables: Variables.optional(),
});
export const MigrateBody = z.strictObject({
  fromVersion: Version,
  toVersion: Version,
  mapping: z.record(z.string().min(1).max(200), z.string().min(1).max(200)).optional(),
  reason: Reason,
  dryRun: z.boolean().optional(),
});

export const InstanceSummarySchema = z
  .looseObject({
    id: z.string(),
    key: z.string(),
    definitionId: z.string(),
    state: z.enum(STATES),
    trackingNumber: z.string(),
    serviceCode: z.string().optional(),
    centre: z.string().optional(),
    startedAt: Instant,
    endedAt: Instant.optional(),
    /** Where its tokens are. */
    elements: z.array(z.string()),
    incidents: z.array(z.looseObject({ tokenId: z.string(), elementId: z.string(), message: z.string(), at: Instant })),
  })
  .meta({ id: 'InstanceSummary' });

const MigrationReportSchema = z
  .looseObject({
    key: z.string(),
    fromVersion: z.number(),
    toVersion: z.number(),
    dryRun: z.boolean(),
    instances: z.array(z.string()),
    problems: z.array(z.object({ instanceId: z.string(), elementId: z.string(), problem: z.string() })),
    migrated: z.array(z.string()),
  })
  .meta({ id: 'MigrationReport' });

const OPERATORS = { roles: ['operator', 'supervisor'], scope: 'operations' } as const;

export const instanceRoutes = {
  list: {
    method: 'get',
    path: '/api/instances',
    summary:
      'Instances by process key and version, state, incident, element with a token, service, centre, agency and start period, newest first, paged, ' +
      'with the total and the counts by state. Operators see every instance, a supervisor those they oversee.',
    access: { roles: ['operator', 'supervisor'] },
    query: InstanceListQuery,
    responses: [200],
    responseBody: z.looseObject({
      total: z.number(),
      counts: z.record(z.enum(STATES), z.number()),
      offset: z.number(),
      limit: z.number(),
      items: z.array(InstanceSummarySchema),
    }),
  },
  get: {
    method: 'get',
    path: '/api/instances/:id',
    summary: 'One instance for its repair: tokens, incidents with their error, variables (redacted for the viewer), tasks, history, its audit entries, the BPMN XML of its version, the instances its call activities started (`calls`) and the one that called it (`parent`).',
    access: OPERATORS,
    params: Id,
    responses: [200],
    response: 'application',
    responseBody: ApplicationSchema.extend({
      history: z.array(z.looseObject({})),
      audit: z.array(z.looseObject({})),
      xml: z.string(),
      calls: z.array(z.looseObject({ elementId: z.string(), instanceId: z.string(), key: z.string(), state: z.string(), trackingNumber: z.string(), startedAt: z.string() })),
    }),
  },
  retry: {
    method: 'post',
    path: '/api/instances/:id/retry',
    summary: "Retry the instance's incidents (or one token's) after merging corrected variables, with a reason. Audited (incident.retry).",
    access: OPERATORS,
    params: Id,
    body: { kind: 'json', schema: RetryBody },
    responses: [200],
    responseBody: InstanceSummarySchema,
  },
  cancel: {
    method: 'post',
    path: '/api/instances/:id/cancel',
    summary: 'End a running instance with a reason: its open tasks cancelled, its timers deleted, state terminated. Audited (instance.cancel).',
    access: OPERATORS,
    params: Id,
    body: { kind: 'json', schema: CancelBody },
    responses: [200],
    responseBody: InstanceSummarySchema,
  },
  modify: {
    method: 'post',
    path: '/api/instances/:id/modify',
    summary:
      'Move a token (by token id or element, optional with one token) to another element of the same scope with a reason: the activity where it is is cancelled, the variables merged, the target entered. Audited (instance.modify).',
    access: OPERATORS,
    params: Id,
    body: { kind: 'json', schema: ModifyBody },
    responses: [200],
    responseBody: InstanceSummarySchema,
  },
  migrate: {
    method: 'post',
    path: '/api/definitions/:key/migrate',
    summary:
      'Move the running instances of one version to another with a mapping of renamed element ids, checked first: every element with a token must be in the target, of the same kind. ' +
      'Refused (409 migration_refused, the report in details) with every instance and element at fault, nothing moved; `dryRun` returns the report only. Audited (instance.migrate) per instance.',
    access: { roles: ['operator', 'supervisor'], scope: 'operations' },
    params: z.object({ key: z.string().min(1).max(200) }),
    body: { kind: 'json', schema: MigrateBody },
    responses: [200],
    responseBody: MigrationReportSchema,
  },
} as const satisfies Record<string, RouteSpec>;
