import { z } from 'zod';
import { ACCESS_MODES } from '../../engine/index.js';
import type { RouteSpec } from '../route.js';
import { InstantInput } from '../schemas.js';

const ServiceCode = z.object({ serviceCode: z.string().regex(/^[\w.-]{1,64}$/, 'a service code: letters, digits, . _ -') });
const Region = z.string().regex(/^[\w.-]{1,64}$/, 'a region id: letters, digits, . _ -');

export const RoutingDecisionSchema = z
  .looseObject({
    serviceCode: z.string(),
    region: z.string().optional(),
    mode: z.enum(ACCESS_MODES),
    effectiveFrom: z.string(),
    by: z.string(),
    reason: z.string(),
    decidedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'RoutingDecision' });

export const SetRoutingBody = z.strictObject({
  mode: z.enum(ACCESS_MODES),
  reason: z.string().trim().min(1).max(500),
  /** An instant (ISO 8601); now when absent. Applications in flight keep their course. */
  effectiveFrom: InstantInput.optional(),
  region: Region.optional(),
});

/**
 * Coordinators switch access; supervisors and auditors may read the decisions (which desk
 * may take an application in is not secret, and supervisors must know whether their agency's
 * desk is open; auditors check who switched what, and why). The switch is audited by the engine.
 */
const READERS = { roles: ['coordinator', 'supervisor', 'auditor'] } as const;

export const ServiceFactsSchema = z
  .looseObject({
    serviceCode: z.string(),
    names: z.looseObject({ en: z.string(), ru: z.string(), kk: z.string() }).optional(),
    agency: z.string().optional(),
    agencyName: z.string().optional(),
    agencyNames: z.partialRecord(z.enum(['kk', 'ru', 'en']), z.string()).optional(),
    channels: z.array(z.string()),
    hasAgencyChannel: z.boolean(),
    byChannel: z.record(z.string(), z.number().int()),
    channelShare: z.record(z.string(), z.number()),
    total: z.number().int(),
    waiting: z.number().int(),
    onTimeRate: z.number().optional(),
  })
  .meta({ id: 'ServiceFacts' });

export const OpenChannelsSchema = z
  .looseObject({
    serviceCode: z.string(),
    channels: z.array(z.string()),
    closed: z.array(z.looseObject({ channel: z.string(), reason: z.string().optional(), effectiveFrom: z.string().optional() })),
  })
  .meta({ id: 'OpenChannels' });

export const routingRoutes = {
  open: {
    method: 'get',
    path: '/api/routing/open',
    summary:
      "For the registration forms: each deployed service's channels this caller may take it in on now (the start's own checks: a clerk at their centre, an official at their agency's desk, the routing policy's single access closing the desk), and the channels closed now with the coordinator's reason.",
    access: { roles: ['clerk', 'official'] },
    responses: [200],
    responseBody: z.array(OpenChannelsSchema),
  },
  facts: {
    method: 'get',
    path: '/api/routing/facts',
    summary: "Beside each service's access switch: its name, agency, channels, each channel's share of its applications, the on-time rate (open work past its deadline counts as late) and the applications waiting now.",
    access: { roles: ['coordinator'] },
    responses: [200],
    responseBody: z.array(ServiceFactsSchema),
  },
  list: {
    method: 'get',
    path: '/api/routing',
    summary: 'The latest access decision of every service (and region): single or alternative access.',
    access: READERS,
    responses: [200],
    responseBody: z.array(RoutingDecisionSchema),
  },
  set: {
    method: 'put',
    path: '/api/routing/:serviceCode',
    summary: 'Switch a service (optionally in one region) to single or alternative access, with a reason: 200 with the decision (audited as routing.switch); 404 when no deployed process carries the service code.',
    access: { roles: ['coordinator'] },
    params: ServiceCode,
    body: { kind: 'json', schema: SetRoutingBody },
    responses: [200],
    responseBody: RoutingDecisionSchema,
  },
  history: {
    method: 'get',
    path: '/api/routing/:serviceCode/history',
    summary: 'Every decision for a service (or `?region=`), oldest first; 404 when no deployed process carries the service code.',
    access: READERS,
    params: ServiceCode,
    query: z.object({ region: Region.optional() }),
    responses: [200],
    responseBody: z.array(RoutingDecisionSchema),
  },
} as const satisfies Record<string, RouteSpec>;
