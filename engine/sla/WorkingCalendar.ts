import { z } from 'zod';
import { InvalidArgumentError } from '../errors.js';
import { parseIsoDate, parseTime } from './LocalDate.js';

/**
 * A working calendar as data: what a coordinator edits (`PUT /api/calendars/:id`) and what the
 * deadline arithmetic reads. Fields:
 * - `id`, `name`: the id the `ps:sla calendar` attribute names, and a label;
 * - `zone`: the IANA zone the opening hours are written in (Principle 8), e.g. `Asia/Almaty`;
 * - `week`: opening intervals per weekday, `[{ from: 'HH:MM', to: 'HH:MM' }]`, several a day for
 *   a lunch break; a missing day or `[]` is closed; `to` may be `24:00`;
 * - `holidays`: fixed-date public holidays every year; `carryOver: true` when a holiday falling on
 *   the five-day week's Saturday or Sunday moves to the next working day (see `carriedDaysOff.ts`);
 * - `oneOff`: holidays on one date only (the first day of Kurban Ait, announced every year);
 * - `transfers`: decreed exceptions that win over everything else — `working: false` closes a day
 *   (Fri 7 Jul 2023), `working: true` opens one (Sat 1 Jul 2023) with `hours`, or when `hours`
 *   is left out with the calendar's Monday hours (a regular full working day).
 * A label (the calendar's `name`, a holiday's or one-off day's `name`, a transfer's `note`) is
 * written in one language, the default; `names` / `notes` may give it in others (`kk`, `ru`, `en`),
 * each screen showing its reader's. A calendar stored before they existed has none and reads the same.
 */

const time = (endOfDay: boolean) =>
  z.string().refine((text) => parseTime(text, endOfDay) !== undefined, {
    error: (issue) => `${JSON.stringify(issue.input).replaceAll('"', "'")} is not a time (HH:MM${endOfDay ? ', up to 24:00' : ''})`,
  });

const isoDate = z.string().refine((text) => parseIsoDate(text) !== undefined, {
  error: (issue) => `${JSON.stringify(issue.input).replaceAll('"', "'")} is not a date (YYYY-MM-DD)`,
});

const interval = z
  .object({ from: time(false), to: time(true) })
  .superRefine((value, ctx) => {
    const from = parseTime(value.from);
    const to = parseTime(value.to, true);
    if (from !== undefined && to !== undefined && to <= from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `'${value.to}' is not after '${value.from}'` });
    }
  });

export type OpeningInterval = z.output<typeof interval>;

/** Intervals of one day, in order and not overlapping (touching is allowed). */
const intervals = z.array(interval).superRefine((list, ctx) => {
  for (let i = 1; i < list.length; i++) {
    const previous = list[i - 1];
    const current = list[i];
    if (!previous || !current) continue;
    const end = parseTime(previous.to, true);
    const start = parseTime(current.from);
    if (end !== undefined && start !== undefined && start < end) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'from'],
        message: `'${current.from}' starts before the previous interval ends ('${previous.to}'): intervals must be in order and not overlap`,
      });
    }
  }
});

const zone = z.string().refine(isTimeZone, {
  error: (issue) => `${JSON.stringify(issue.input).replaceAll('"', "'")} is not an IANA time zone`,
});

/** A label in the UI's languages, beside the one it is written in; any may be missing. */
const labelInLanguages = z.object({ kk: z.string().min(1), ru: z.string().min(1), en: z.string().min(1) }).partial();
export type LabelInLanguages = z.output<typeof labelInLanguages>;

/** Leap-year lengths: 29 February is a valid (if rare) fixed holiday. */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

const holiday = z
  .object({
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    name: z.string().min(1),
    names: labelInLanguages.optional(),
    carryOver: z.boolean(),
  })
  .superRefine((value, ctx) => {
    const length = DAYS_IN_MONTH[value.month - 1] ?? 31;
    if (value.day > length) ctx.addIssue({ code: 'custom', path: ['day'], message: `month ${value.month} has no day ${value.day}` });
  });

const transfer = z
  .object({
    date: isoDate,
    working: z.boolean(),
    hours: intervals.min(1).optional(),
    note: z.string().default(''),
    notes: labelInLanguages.optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.working && value.hours) {
      ctx.addIssue({ code: 'custom', path: ['hours'], message: 'a day off has no hours' });
    }
  });

export const workingCalendarSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().default(''),
    names: labelInLanguages.optional(),
    zone,
    week: z.object({
      mon: intervals.default([]),
      tue: intervals.default([]),
      wed: intervals.default([]),
      thu: intervals.default([]),
      fri: intervals.default([]),
      sat: intervals.default([]),
      sun: intervals.default([]),
    }),
    holidays: z.array(holiday).default([]),
    oneOff: z.array(z.object({ date: isoDate, name: z.string().min(1), names: labelInLanguages.optional() })).default([]),
    transfers: z.array(transfer).default([]),
  })
  .superRefine((value, ctx) => {
    if (Object.values(value.week).every((day) => day.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['week'], message: 'the calendar is never open' });
    }
    const seen = new Set<string>();
    value.transfers.forEach((entry, index) => {
      if (seen.has(entry.date)) {
        ctx.addIssue({ code: 'custom', path: ['transfers', index, 'date'], message: `'${entry.date}' is transferred twice` });
      }
      seen.add(entry.date);
      if (entry.working && !entry.hours && value.week.mon.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['transfers', index, 'hours'],
          message: 'a worked day needs hours when the calendar has no Monday hours to default to',
        });
      }
    });
  });

export type WorkingCalendar = z.output<typeof workingCalendarSchema>;
/** What a caller may write: defaults (`[]`, `''`) filled in by `parseCalendar`. */
export type WorkingCalendarInput = z.input<typeof workingCalendarSchema>;
export type CalendarWeek = WorkingCalendar['week'];

/** Validates a calendar; throws InvalidArgumentError naming the first bad field (`week.mon[1].to`). */
export function parseCalendar(input: unknown): WorkingCalendar {
  const result = workingCalendarSchema.safeParse(input);
  // Frozen: schedules are memoised per calendar object, so a calendar must not change under them.
  if (result.success) return deepFreeze(result.data);
  const problems = result.error.issues.map((issue) => ({ field: fieldName(issue.path), message: issue.message }));
  const [first, ...rest] = problems;
  if (!first) throw new InvalidArgumentError('calendar', 'invalid calendar');
  const more = rest.length ? `; also ${rest.map((p) => `${p.field}: ${p.message}`).join('; ')}` : '';
  throw new InvalidArgumentError(first.field, `${first.message}${more}`);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** `['week', 'mon', 1, 'to']` → `week.mon[1].to`. */
function fieldName(path: readonly PropertyKey[]): string {
  let name = '';
  for (const key of path) {
    if (typeof key === 'number') name += `[${key}]`;
    else name += name ? `.${String(key)}` : String(key);
  }
  return name || 'calendar';
}

/** Intl throws a RangeError for a zone it does not know; its tz data is the one Temporal uses too. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}
