import { z } from 'zod';

/**
 * The answers about tasks, declared once (CONVENTIONS 13): the server validates requests and
 * documents answers with these schemas (tasks.routes.ts, /api/openapi.json), and the designer
 * imports the inferred types (`import type`, so no zod reaches the browser bundle). Only zod
 * here: both tsconfigs compile this folder, and nothing of the server comes with it.
 */

/** An inbox task as the API shows it to the viewer (redacted by role: `assignee` may be absent). */
export const TaskSchema = z
  .looseObject({
    id: z.string(),
    instanceId: z.string(),
    /** The token the task belongs to (a multi-instance inner instance's: its local variables are on it). */
    tokenId: z.string().optional(),
    key: z.string(),
    elementId: z.string(),
    name: z.string().optional(),
    trackingNumber: z.string(),
    serviceCode: z.string().optional(),
    office: z.enum(['front', 'back']).optional(),
    candidateGroup: z.string().optional(),
    /** Absent when the viewer may not know who holds it (redaction). */
    assignee: z.string().nullable().optional(),
    state: z.enum(['open', 'completed', 'cancelled']),
    createdAt: z.string(),
    completedAt: z.string().optional(),
    /** The branch value the completion chose (`approve`, `refuse`…), once completed. */
    outcome: z.string().optional(),
    dueAt: z.string().optional(),
    warnAt: z.string().optional(),
    atRisk: z.boolean().optional(),
    overdue: z.boolean().optional(),
    /** Why the task waits unassigned although its strategy assigns (nobody eligible): for supervisors. */
    attention: z.string().optional(),
  })
  .meta({ id: 'Task' });
export type TaskView = z.infer<typeof TaskSchema>;

/**
 * A task's answer: `outcome` is the value of the task form's `outcome` field (the gateway after
 * the task branches on it); `variables` the form's other fields by key. A task with a form
 * (`ps:form`) refuses a missing required field, a value of the wrong type or not offered, and
 * a key the form does not declare: 400 naming the field (`variables.<key>` or `outcome`).
 */
export const CompleteTaskBody = z.strictObject({
  outcome: z.string().min(1).max(200).optional(),
  variables: z.record(z.string(), z.unknown()).optional(),
});
export type TaskCompletion = z.infer<typeof CompleteTaskBody>;

/** A task's form: the form-js schema of its `ps:form` as modelled, or null (a plain "Complete"). */
export const TaskFormSchema = z
  .object({
    taskId: z.string(),
    elementId: z.string(),
    schema: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'TaskForm' });
export type TaskFormView = z.infer<typeof TaskFormSchema>;
