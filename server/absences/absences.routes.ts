import { z } from 'zod';
import type { RouteSpec } from '../route.js';
import { CalendarDateInput } from '../schemas.js';

const UserId = z.object({ userId: z.string().min(1).max(64) });

const AbsenceList = z.array(z.looseObject({ from: z.string(), to: z.string(), reason: z.string().optional(), by: z.string(), at: z.string() }).meta({ id: 'Absence' }));

export const RedrawBody = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() });

const AbsenceRedrawSchema = z
  .looseObject({
    userId: z.string(),
    redrawn: z.array(z.looseObject({ taskId: z.string(), trackingNumber: z.string(), to: z.string() })),
    kept: z.array(z.looseObject({ taskId: z.string(), trackingNumber: z.string(), why: z.string() })),
  })
  .meta({ id: 'AbsenceRedraw' });

export const AbsenceBody = z.strictObject({ from: CalendarDateInput, to: CalendarDateInput, reason: z.string().max(500).optional() });

/** Absences steer the random draw, so only supervisors of the person's agency or centre set them. */
export const absenceRoutes = {
  list: {
    method: 'get',
    path: '/api/absences/:userId',
    summary: "A user's absences (leave, sickness), with who recorded each.",
    access: { roles: ['supervisor'], scope: 'absence' },
    params: UserId,
    responses: [200],
    responseBody: AbsenceList,
  },
  add: {
    method: 'put',
    path: '/api/absences/:userId',
    summary:
      'Record an absence from one date to another, inclusive: 200 with all of the user’s absences and, when the absence covers today (the agencies’ calendar), ' +
      'what it did to their open files: each drawn again at random among the eligible, audited as task.reassign (mode redraw, reason `absence of <user>`), and those kept (nobody else eligible) and why.',
    access: { roles: ['supervisor'], scope: 'absence' },
    params: UserId,
    body: { kind: 'json', schema: AbsenceBody },
    responses: [200],
    responseBody: z.looseObject({ absences: AbsenceList, redraw: AbsenceRedrawSchema.optional() }).meta({ id: 'AbsenceRecorded' }),
  },
  redraw: {
    method: 'post',
    path: '/api/absences/:userId/redraw',
    summary:
      "The official is away: each of their open tasks is drawn again at random among the eligible (the group's active, present members, four eyes respected), each audited as task.reassign (mode redraw, with the reason; `absence of <user>` by default). 200 with the tasks moved and those kept (nobody else eligible) and why.",
    access: { roles: ['supervisor'], scope: 'absence' },
    params: UserId,
    body: { kind: 'json', schema: RedrawBody },
    responses: [200],
    responseBody: AbsenceRedrawSchema,
  },
  end: {
    method: 'delete',
    path: '/api/absences/:userId',
    summary: 'End the absences covering `?date=` (today in the agencies’ calendar when absent: the official came back early): 200 with the rest.',
    access: { roles: ['supervisor'], scope: 'absence' },
    params: UserId,
    query: z.object({ date: CalendarDateInput.optional() }),
    responses: [200],
    responseBody: AbsenceList,
  },
} as const satisfies Record<string, RouteSpec>;
