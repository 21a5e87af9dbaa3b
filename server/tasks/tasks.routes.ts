import { z } from 'zod';
import type { RouteSpec } from '../route.js';
import { ApplicationSchema } from '../schemas.js';
import { CompleteTaskBody, TaskFormSchema, TaskSchema } from '../contracts/tasks.js';

const Text = z.string().min(1).max(200);
const TaskId = z.object({ id: Text });
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const TaskQuery = z.object({
  /**
   * `mine`: assigned to me; `group`: my groups' unassigned queues; none: both (supervisors: their
   * agency's); `inbox`: both, for a supervisor too (the escalations of their groups, theirs to act on).
   */
  scope: z.enum(['mine', 'group', 'inbox']).optional(),
  instanceId: Text.optional(),
  assignee: Text.optional(),
  group: Text.optional(),
  overdue: flag.optional(),
  state: z.enum(['open', 'completed', 'cancelled', 'any']).default('open'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export { CompleteTaskBody };

export const ReassignTaskBody = z.strictObject({
  /** Left out: drawn again at random among the eligible (the default). Named: a manual pick, counted per supervisor. */
  to: z.string().min(1).max(64).optional(),
  reason: z.string().trim().min(1).max(500),
});

export const taskRoutes = {
  list: {
    method: 'get',
    path: '/api/tasks',
    summary: "The inbox, by deadline: a clerk's front-office and an official's back-office tasks (theirs and their groups' queues); a supervisor's agency's tasks.",
    access: { roles: ['clerk', 'official', 'supervisor'] },
    query: TaskQuery,
    responses: [200],
    response: 'tasks',
    responseBody: z.array(TaskSchema),
  },
  claim: {
    method: 'post',
    path: '/api/tasks/:id/claim',
    summary: "Take an unassigned task of one of your groups: 200 with the task; 409 when someone else took it first.",
    // Supervisors: the escalations modelled as their groups' back-office tasks (scopes.ts#taskWork).
    access: { roles: ['clerk', 'official', 'supervisor'], scope: 'taskWork' },
    params: TaskId,
    responses: [200],
    response: 'task',
    responseBody: TaskSchema,
  },
  complete: {
    method: 'post',
    path: '/api/tasks/:id/complete',
    summary:
      'Complete a task assigned to you (or unassigned, of your group): 200 with the instance view; 400 naming the field when the answer does not fit the task\'s form (a required field missing, a value of the wrong type or not offered, a key the form does not declare); 409 when it was completed or taken first by someone else.',
    // Supervisors: the escalations modelled as their groups' back-office tasks (scopes.ts#taskWork).
    access: { roles: ['clerk', 'official', 'supervisor'], scope: 'taskWork' },
    params: TaskId,
    body: { kind: 'json', schema: CompleteTaskBody },
    responses: [200],
    response: 'application',
    responseBody: ApplicationSchema,
  },
  form: {
    method: 'get',
    path: '/api/tasks/:id/form',
    summary:
      "The task's form (its ps:form, a form-js schema as modelled in the version its application runs), or `schema: null` for a task without one: what the inbox renders and what /complete checks the answer against.",
    // Whoever may complete the task reads its form: supervisors their escalations (scopes.ts#taskWork).
    access: { roles: ['clerk', 'official', 'supervisor'], scope: 'taskWork' },
    params: TaskId,
    responses: [200],
    responseBody: TaskFormSchema,
  },
  reassign: {
    method: 'post',
    path: '/api/tasks/:id/reassign',
    summary:
      "Move a task you oversee, with a reason (audited): without `to` it is drawn again at random among the eligible; with `to`, a manual pick that must be an active, present member of the task's group (of the application's centre for front-office work), not excluded by four eyes (400 naming why otherwise): 200 with the task.",
    access: { roles: ['supervisor'], scope: 'taskReassign' },
    params: TaskId,
    body: { kind: 'json', schema: ReassignTaskBody },
    responses: [200],
    response: 'task',
    responseBody: TaskSchema,
  },
} as const satisfies Record<string, RouteSpec>;
