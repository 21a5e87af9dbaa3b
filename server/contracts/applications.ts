import { z } from 'zod';
import { DECISIONS, REFUSAL_REASONS } from '../../engine/decision/decisions.js';
import { CHANNELS, type Channel } from '../../engine/model/types.js';
import type { Answer } from './answer.js';
import { TaskSchema } from './tasks.js';

/**
 * The answers about applications, declared once (issue 11 item 8, CONVENTIONS 13): the routes
 * document them (/api/openapi.json) and tests/server/openapi.test.ts checks a working session's
 * real answers against them; the designer imports the inferred types (`import type`, so no zod
 * reaches the browser bundle). Loose objects: the engine may add fields, never drop one.
 */

/** Where an application came in: a centre's counter, the agency's own desk (alternative access), the portal. */
export { CHANNELS, type Channel };

export const APPLICATION_STATES = ['active', 'incident', 'completed', 'terminated'] as const;

/** An application (a process instance) as the API shows it to the viewer, redacted by role. */
export const ApplicationSchema = z
  .looseObject({
    id: z.string(),
    key: z.string(),
    definitionId: z.string(),
    state: z.enum(APPLICATION_STATES),
    trackingNumber: z.string(),
    channel: z.enum(CHANNELS).optional(),
    serviceCode: z.string().optional(),
    variables: z.record(z.string(), z.unknown()),
    startedAt: z.string(),
    endedAt: z.string().optional(),
    dueAt: z.string().optional(),
    /** Set while the SLA clock is paused (the applicant was asked for documents). */
    slaPausedAt: z.string().optional(),
    /**
     * Present (true) while the counter can record the documents the applicant brings
     * (`POST /api/applications/:id/documents`): the engine's rule, so no screen names the message.
     */
    waitsForDocuments: z.literal(true).optional(),
    /**
     * Present (true) when the viewer is the application's counter — a clerk of its centre, or an
     * official of the agency desk that took it in: they record documents brought and a withdrawal.
     */
    yourCounter: z.literal(true).optional(),
    /** The centre it was taken in (centre channel). */
    centre: z.string().optional(),
    /** As registration recorded it; absent for a viewer who may not see who applied. */
    applicant: z.looseObject({ name: z.string().optional(), iin: z.string().optional() }).optional(),
    intake: z.object({ by: z.string().optional(), at: z.string() }).optional(),
    atRisk: z.boolean().optional(),
    overdue: z.boolean().optional(),
    tasks: z.array(TaskSchema).optional(),
  })
  .meta({ id: 'Application' });
export type ApplicationView = Answer<typeof ApplicationSchema>;

/** A centre's name and address in the UI's languages (the directory's `translations`, engine/assignment/Directory.ts). */
const PlaceTranslations = z
  .partialRecord(z.enum(['kk', 'ru', 'en']), z.looseObject({ name: z.string().optional(), city: z.string().optional(), address: z.string().optional() }))
  .optional();

/** Where the result waits and the last day to collect it (the centre's name and address). */
export const CollectionSchema = z.looseObject({
  where: z.string(),
  address: z.string().optional(),
  /** The centre's name (as `name`) and address in kk, ru, en, when the directory gives them. */
  translations: PlaceTranslations,
  until: z.string().optional(),
  /** When an uncollected result goes to the archive. */
  archiveAt: z.string().optional(),
});
export type Collection = Answer<typeof CollectionSchema>;

/** GET /api/applications/:id/receipt: what the applicant takes home from the counter. */
export const ReceiptSchema = z
  .looseObject({
    trackingNumber: z.string(),
    serviceCode: z.string(),
    service: z.string(),
    agency: z.string().optional(),
    channel: z.enum(CHANNELS).optional(),
    receivedAt: z.string(),
    documents: z.array(z.string()),
    /** The applicant's deadline under the service standard, when the process has a ps:sla. */
    dueAt: z.string().optional(),
    /** While the case waits for documents: the ones the official asked for. */
    requestedDocuments: z.array(z.string()).optional(),
  })
  .meta({ id: 'Receipt' });
export type Receipt = Answer<typeof ReceiptSchema>;

/** GET /api/applications/:id/outcome: the decision as every screen shows it (engine/reports/applicationOutcome.ts). */
export const OutcomeSchema = z
  .looseObject({
    outcome: z.enum(DECISIONS).optional(),
    grounds: z.array(z.string()),
    reason: z.enum(REFUSAL_REASONS).optional(),
    missingDocuments: z.array(z.string()).optional(),
    article: z.string().optional(),
    decidedAt: z.string().optional(),
    note: z.string().optional(),
    requestedDocuments: z.array(z.string()).optional(),
    centre: z.looseObject({ name: z.string(), address: z.string().optional(), translations: PlaceTranslations }).optional(),
    /** Where the applicant comes in person: the centre, or the agency's desk that took the application in. */
    counter: z.looseObject({ name: z.string(), address: z.string().optional(), translations: PlaceTranslations }).optional(),
    collect: CollectionSchema.optional(),
  })
  .meta({ id: 'ApplicationOutcome' });
export type ApplicationOutcome = Answer<typeof OutcomeSchema>;

export const TRACKING_STATUSES = ['in progress', 'waiting for your documents', 'ready for collection', 'completed', 'closed'] as const;

/** GET /api/track/:trackingNumber: the public page's answer; never a person's name nor a free-text note. */
export const TrackingViewSchema = z
  .looseObject({
    trackingNumber: z.string(),
    service: z.string(),
    serviceCode: z.string().optional(),
    status: z.enum(TRACKING_STATUSES),
    nextSteps: z.array(z.string()),
    nextStepIds: z.array(z.string()),
    receivedAt: z.string(),
    dueAt: z.string().optional(),
    overdue: z.boolean().optional(),
    completedAt: z.string().optional(),
    /** The decision once issued. */
    outcome: z.enum(DECISIONS).optional(),
    decidedAt: z.string().optional(),
    /** A refusal's grounds in the standard's (English) wording; the page shows them in its language. */
    grounds: z.array(z.string()).optional(),
    reason: z.enum(REFUSAL_REASONS).optional(),
    missingDocuments: z.array(z.string()).optional(),
    article: z.string().optional(),
    requestedDocuments: z.array(z.string()).optional(),
    collect: CollectionSchema.optional(),
  })
  .meta({ id: 'TrackingView' });
export type TrackingView = Answer<typeof TrackingViewSchema>;
