import { z } from 'zod';
import { COMMENT_MAX_LENGTH } from '../../engine/index.js';
import type { RouteSpec } from '../route.js';
import { TaskSchema } from '../schemas.js';

const Id = z.object({ id: z.string().min(1).max(200) });

export const CommentBody = z.strictObject({
  text: z
    .string({ error: 'the comment text is required' })
    .trim()
    .min(1, 'the comment is empty')
    .max(COMMENT_MAX_LENGTH, `a comment may have at most ${COMMENT_MAX_LENGTH} characters`),
});

export const UnclaimBody = z.strictObject({
  /** Required when a supervisor gives back a task someone else holds; kept in the audit trail. */
  reason: z.string().trim().min(1).max(500).optional(),
});

const Actor = z.object({ id: z.string(), name: z.string().optional() });

export const TimelineEntrySchema = z
  .looseObject({
    at: z.string(),
    kind: z.string(),
    elementId: z.string().optional(),
    name: z.string().optional(),
    taskId: z.string().optional(),
    side: z.enum(['front', 'back', 'supervisor', 'system']),
    actor: Actor.optional(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'TimelineEntry' });

export const EarlierDecisionSchema = z
  .looseObject({
    taskId: z.string(),
    elementId: z.string(),
    name: z.string().optional(),
    outcome: z.string().nullable(),
    completedAt: z.string().optional(),
    refusalGrounds: z.union([z.string(), z.array(z.string())]).optional(),
    decisionNote: z.string().optional(),
    decidedBy: Actor.optional(),
  })
  .meta({ id: 'EarlierDecision' });

export const casefileRoutes = {
  timeline: {
    method: 'get',
    path: '/api/applications/:id/timeline',
    summary:
      "An application's case file, oldest first: intake, tasks opened, claimed, given back, reassigned and completed (decisions with their grounds), steps, waits, the SLA clock, comments, transfers, and events other parts record (documents, attachments, extensions, withdrawal). " +
      'Names redacted as for tasks: the counter never sees who reviews the file, the reviewer never sees which clerk took it in.',
    access: { roles: ['clerk', 'official', 'supervisor', 'auditor'], scope: 'application' },
    params: Id,
    responses: [200],
    responseBody: z.array(TimelineEntrySchema),
  },
  comment: {
    method: 'post',
    path: '/api/applications/:id/comments',
    summary: `A comment between the back office and the counter on an application in your scope (at most ${COMMENT_MAX_LENGTH} characters), shown on its timeline; audited.`,
    access: { roles: ['clerk', 'official', 'supervisor'], scope: 'application' },
    params: Id,
    body: { kind: 'json', schema: CommentBody },
    responses: [201],
    responseBody: TimelineEntrySchema,
  },
  unclaim: {
    method: 'post',
    path: '/api/tasks/:id/unclaim',
    summary:
      "Give a claimed task back to its group's queue: its holder, or a supervisor who oversees it (with a reason); audited. A task drawn at random is not given back (409): a supervisor reassigns it by a new draw.",
    access: { roles: ['clerk', 'official', 'supervisor'] },
    params: Id,
    body: { kind: 'json', schema: UnclaimBody },
    responses: [200],
    response: 'task',
    responseBody: TaskSchema,
  },
  earlierDecisions: {
    method: 'get',
    path: '/api/tasks/:id/earlier-decisions',
    summary:
      "For a second review (a task whose four-eyes rule names earlier tasks): those tasks' decisions with grounds and notes, newest first, and who decided when the viewer may know. Empty for other tasks.",
    access: { roles: ['official'], scope: 'taskWork' },
    params: Id,
    responses: [200],
    responseBody: z.array(EarlierDecisionSchema),
  },
} as const satisfies Record<string, RouteSpec>;
