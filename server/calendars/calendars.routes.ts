import { z } from 'zod';
import type { RouteSpec } from '../route.js';
import { InstantInput } from '../schemas.js';

const CalendarId = z.object({ id: z.string().regex(/^[\w.-]{1,64}$/, 'a calendar id: letters, digits, . _ -') });

/** The engine's working calendar (engine/sla/WorkingCalendar.ts validates it in full). */
export const CalendarSchema = z
  .looseObject({
    id: z.string(),
    name: z.string().optional(),
    zone: z.string(),
    week: z.record(z.string(), z.unknown()),
    holidays: z.array(z.unknown()).optional(),
    oneOff: z.array(z.unknown()).optional(),
    transfers: z.array(z.unknown()).optional(),
  })
  .meta({ id: 'Calendar' });

export const CalendarVersionSchema = z
  .looseObject({ version: z.number().int(), at: z.string(), calendar: CalendarSchema, by: z.string().optional(), reason: z.string().optional() })
  .meta({ id: 'CalendarVersion' });

/**
 * A calendar as the engine takes it (zone, week, holidays, oneOff, transfers; the id comes from
 * the path), plus why it changed. The engine checks the calendar itself: a bad field is 400
 * naming it (`details.field`).
 */
export const PutCalendarBody = z
  .object({
    reason: z.string().trim().min(1).max(500).optional(),
    zone: z.string().min(1).max(100),
    week: z.record(z.string(), z.unknown()),
  })
  .catchall(z.unknown());

/** Coordinators keep the calendars; supervisors and designers read them (deadlines are counted on them). */
const READERS = { roles: ['coordinator', 'supervisor', 'designer'] } as const;

export const calendarRoutes = {
  list: {
    method: 'get',
    path: '/api/calendars',
    summary: 'The ids of every working calendar: the built-in `centre` and `agency`, and the stored ones.',
    access: READERS,
    responses: [200],
    responseBody: z.array(z.string()),
  },
  get: {
    method: 'get',
    path: '/api/calendars/:id',
    summary: 'A working calendar in force: working hours per weekday, holidays, one-off days off, transfers.',
    access: READERS,
    params: CalendarId,
    responses: [200],
    responseBody: CalendarSchema,
  },
  put: {
    method: 'put',
    path: '/api/calendars/:id',
    summary: 'Store a new version of a calendar (audited as calendar.put): 200 with the version. Deadlines counted from now on use it.',
    access: { roles: ['coordinator'] },
    params: CalendarId,
    body: { kind: 'json', schema: PutCalendarBody },
    responses: [200],
    responseBody: CalendarVersionSchema,
  },
  month: {
    method: 'get',
    path: '/api/calendars/:id/month',
    summary: "One month of a calendar as deadlines count it: each day working or not, its hours, holiday, one-off day off or transfer; with `receivedAt`, `duration` and `unit`, where that sample application's deadline falls (the engine's deadline arithmetic, received at a centre).",
    access: READERS,
    params: CalendarId,
    query: z
      .object({
        month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month: YYYY-MM'),
        receivedAt: InstantInput.optional(),
        duration: z.coerce.number().int().min(1).max(366).optional(),
        unit: z.enum(['workingDays', 'calendarDays', 'workingHours']).optional(),
      })
      .refine((q) => (q.receivedAt === undefined) === (q.duration === undefined) && (q.duration === undefined) === (q.unit === undefined), {
        message: 'receivedAt, duration and unit come together',
        path: ['receivedAt'],
      }),
    responses: [200],
    responseBody: z.looseObject({
      id: z.string(),
      month: z.string(),
      days: z.array(z.looseObject({ date: z.string(), working: z.boolean(), hours: z.array(z.string()) })),
      sample: z.looseObject({ receivedAt: z.string(), dueAt: z.string(), dueDate: z.string() }).optional(),
    }),
  },
  versions: {
    method: 'get',
    path: '/api/calendars/:id/versions',
    summary: 'Every stored version of a calendar, with who changed it and why (empty for an unedited built-in).',
    access: READERS,
    params: CalendarId,
    responses: [200],
    responseBody: z.array(CalendarVersionSchema),
  },
} as const satisfies Record<string, RouteSpec>;
