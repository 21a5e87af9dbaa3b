import { z } from 'zod';
import type { RouteSpec } from '../route.js';
import { DefinitionSummarySchema } from '../schemas.js';

const Key = z.string().min(1).max(200);

/** A problem's words as data: the key of its template and the values for its `{name}`s. */
const ProblemDetailSchema = z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });

export const CatalogueEntrySchema = z
  .looseObject({
    key: z.string(),
    name: z.string().optional(),
    service: z.looseObject({ code: z.string(), names: z.looseObject({ en: z.string(), ru: z.string(), kk: z.string() }).optional() }).optional(),
    running: z.number().int(),
    incidents: z.number().int(),
    versions: z.array(z.looseObject({ version: z.number().int(), deployedAt: z.string(), deployedBy: z.string().optional(), running: z.number().int(), incidents: z.number().int() })),
  })
  .meta({ id: 'CatalogueEntry' });
/** Designers model; supervisors read the models their queues run on. */
const READERS = { roles: ['designer', 'supervisor'] } as const;

export const definitionRoutes = {
  deploy: {
    method: 'post',
    path: '/api/definitions',
    summary: 'Deploy BPMN XML: 201 for a new version, 200 when the same XML was deployed before, 422 for an invalid model.',
    access: { roles: ['designer'] },
    body: { kind: 'xml', schema: z.string().min(1, 'the request body must be BPMN XML') },
    responses: [201, 200],
    responseBody: z.looseObject({ key: z.string(), version: z.number().int(), id: z.string(), warnings: z.array(z.string()), created: z.boolean() }),
  },
  validate: {
    method: 'post',
    path: '/api/definitions/validate',
    summary:
      "What deploying this BPMN XML would say, without deploying it: the same checks (the compiler's with the server's handlers, the lint rules, the calendars), the same problems naming their elements. The modeler's canvas shows it as the model is edited. Always 200 for a model; nothing is written.",
    access: { roles: ['designer'] },
    body: { kind: 'xml', schema: z.string().min(1, 'the request body must be BPMN XML') },
    responses: [200],
    responseBody: z
      .looseObject({
        valid: z.boolean(),
        /**
         * `code`: stable (engine/model/problemCodes.ts), for a client to say the problem in its user's language; `message`: the English detail;
         * `detail`: what the message was made from (engine/model/problemTexts.ts, a stable key and its values), when the compiler worded it.
         */
        problems: z.array(z.looseObject({ elementId: z.string(), message: z.string(), code: z.string(), detail: ProblemDetailSchema.optional() })),
        warnings: z.array(z.string()),
      })
      .meta({ id: 'ModelVerdict' }),
  },
  list: {
    method: 'get',
    path: '/api/definitions',
    summary: 'The latest version of every process key (without the XML).',
    access: READERS,
    responses: [200],
    responseBody: z.array(DefinitionSummarySchema),
  },
  versions: {
    method: 'get',
    path: '/api/definitions/:key',
    summary: 'Every version of one process key, newest first.',
    access: READERS,
    params: z.object({ key: Key }),
    responses: [200],
    responseBody: z.array(DefinitionSummarySchema),
  },
  xml: {
    method: 'get',
    path: '/api/definitions/:key/xml',
    summary: 'The BPMN XML of the latest version, or of `?version=n`.',
    access: READERS,
    params: z.object({ key: Key }),
    query: z.object({ version: z.coerce.number().int().min(1).optional() }),
    responses: [200],
  },
  catalogue: {
    method: 'get',
    path: '/api/catalogue',
    summary: "The designer's home: every process key with its service (code and names) and its versions, newest first, each with its running applications and those with an incident.",
    access: { roles: ['designer'] },
    responses: [200],
    responseBody: z.array(CatalogueEntrySchema),
  },
  heatmap: {
    method: 'get',
    path: '/api/definitions/:key/heatmap',
    summary: "Per element of a process's active applications: tokens resting there, tasks at risk and overdue (the designer's live overlay, the dashboards). Supervisors and auditors: the processes they oversee.",
    access: { roles: ['designer', 'supervisor', 'auditor'], scope: 'definition' },
    params: z.object({ key: Key }),
    responses: [200],
    responseBody: z.array(
      z.looseObject({ elementId: z.string(), name: z.string().optional(), active: z.number().int(), atRisk: z.number().int(), overdue: z.number().int() }).meta({ id: 'HeatmapCell' }),
    ),
  },
  heatmapInstances: {
    method: 'get',
    path: '/api/definitions/:key/heatmap/:elementId',
    summary:
      "The active applications behind one heatmap cell: tracking number, state (overdue, atRisk, active), deadline; overdue first. " +
      'Supervisors and auditors of the process (tracking numbers lead to applications, so not for designers).',
    access: { roles: ['supervisor', 'auditor'], scope: 'definition' },
    params: z.object({ key: Key, elementId: z.string().min(1).max(200) }),
    responses: [200],
    responseBody: z.array(
      z
        .looseObject({ id: z.string(), trackingNumber: z.string(), startedAt: z.string(), state: z.enum(['overdue', 'atRisk', 'active']), dueAt: z.string().optional() })
        .meta({ id: 'HeatmapInstance' }),
    ),
  },
} as const satisfies Record<string, RouteSpec>;
