import { InvalidArgumentError } from '../errors.js';
import type { WorkingCalendar } from './WorkingCalendar.js';
import { MAX_CLOSED_DAYS, scheduleOf, type DaySchedule, type Span } from './DaySchedule.js';
import { formatDay, parseIsoDate, type DayNumber } from './LocalDate.js';

/**
 * Working-time arithmetic on a calendar. Instants are `Date`s (UTC); local dates are
 * `YYYY-MM-DD` in the calendar's zone. Open time is half-open: a calendar open 9:00–18:30 is
 * open at 9:00 and closed at 18:30, so a span of work that ends exactly at closing time ends
 * *at* closing time rather than at the next opening.
 */

export interface OpenInterval {
  readonly start: Date;
  readonly end: Date;
}

/** Whether the calendar is open at this instant. */
export function isOpen(calendar: WorkingCalendar, instant: Date): boolean {
  const schedule = scheduleOf(calendar);
  const t = epoch(instant, 'instant');
  return schedule.spans(schedule.dayOf(t)).some((span) => span.start <= t && t < span.end);
}

/** The open intervals of a local date, after transfers, holidays and carried days off. */
export function openIntervals(calendar: WorkingCalendar, localDate: string): OpenInterval[] {
  return scheduleOf(calendar)
    .spans(dayNumber(localDate))
    .map((span) => ({ start: new Date(span.start), end: new Date(span.end) }));
}

/** Whether the local date has any opening at all. */
export function isWorkingDay(calendar: WorkingCalendar, localDate: string): boolean {
  return scheduleOf(calendar).spans(dayNumber(localDate)).length > 0;
}

/** The local date (`YYYY-MM-DD`) of an instant in the calendar's zone. */
export function localDateOf(calendar: WorkingCalendar, instant: Date): string {
  return formatDay(scheduleOf(calendar).dayOf(epoch(instant, 'instant')));
}

/** The first instant at or after `instant` when the calendar is open (`instant` itself when open). */
export function nextOpening(calendar: WorkingCalendar, instant: Date): Date {
  const t = epoch(instant, 'instant');
  for (const span of spansFrom(scheduleOf(calendar), t)) return new Date(Math.max(span.start, t));
  throw neverOpen(calendar);
}

/**
 * The instant when `ms` of open time has passed since `instant`, counting only open time.
 * Ending exactly at a closing time returns that closing time; `ms = 0` returns `instant` itself.
 * `ms` is rounded to a whole millisecond, the resolution of a Date.
 */
export function addWorkingTime(calendar: WorkingCalendar, instant: Date, ms: number): Date {
  const t = epoch(instant, 'instant');
  if (!Number.isFinite(ms) || ms < 0) throw new InvalidArgumentError('ms', `${ms} is not a non-negative duration`);
  let remaining = Math.round(ms); // Dates hold whole milliseconds
  if (remaining === 0) return new Date(t);
  for (const span of spansFrom(scheduleOf(calendar), t)) {
    const start = Math.max(span.start, t);
    const available = span.end - start;
    if (remaining <= available) return new Date(start + remaining);
    remaining -= available;
  }
  throw neverOpen(calendar);
}

/** Open time, in milliseconds, between two instants (negative when `b` is before `a`). */
export function workingTimeBetween(calendar: WorkingCalendar, a: Date, b: Date): number {
  const from = epoch(a, 'a');
  const to = epoch(b, 'b');
  if (to < from) return -workingTimeBetween(calendar, b, a);
  const schedule = scheduleOf(calendar);
  let total = 0;
  for (let day = schedule.dayOf(from), last = schedule.dayOf(to); day <= last; day++) {
    for (const span of schedule.spans(day)) {
      const overlap = Math.min(span.end, to) - Math.max(span.start, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

/**
 * The closing time of the `n`th working day after the local date of `instant` — that date itself
 * is not counted (DOMAIN rule 2). `n = 0` gives the closing time of the first working day on or
 * after that date.
 */
export function addWorkingDays(calendar: WorkingCalendar, instant: Date, n: number): Date {
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('n', `${n} is not a whole number of days ≥ 0`);
  const schedule = scheduleOf(calendar);
  const start = schedule.dayOf(epoch(instant, 'instant'));
  const day = n === 0 ? workingDayOnOrAfter(schedule, start) : nthWorkingDayAfter(schedule, start, n);
  return new Date(closingOf(schedule, day));
}

// ---- shared with Deadline.ts -------------------------------------------------------------

export function workingDayOnOrAfter(schedule: DaySchedule, day: DayNumber): DayNumber {
  for (let d = day; d < day + MAX_CLOSED_DAYS; d++) if (schedule.spans(d).length > 0) return d;
  throw neverOpen(schedule.calendar);
}

export function nthWorkingDayAfter(schedule: DaySchedule, day: DayNumber, n: number): DayNumber {
  let current = day;
  for (let counted = 0; counted < n; counted++) current = workingDayOnOrAfter(schedule, current + 1);
  return current;
}

/** The last working day strictly before `day`, or undefined when none is found after `floor`. */
export function workingDayBefore(schedule: DaySchedule, day: DayNumber, floor: DayNumber): DayNumber | undefined {
  for (let d = day - 1; d >= floor; d--) if (schedule.spans(d).length > 0) return d;
  return undefined;
}

/** The end of the day's last open interval. */
export function closingOf(schedule: DaySchedule, day: DayNumber): number {
  const spans = schedule.spans(day);
  const last = spans[spans.length - 1];
  if (!last) throw new InvalidArgumentError('day', `${formatDay(day)} is not a working day of '${schedule.calendar.id}'`);
  return last.end;
}

/** Open spans ending after `t`, in order; stops with an error after too many closed days in a row. */
function* spansFrom(schedule: DaySchedule, t: number): Generator<Span> {
  let closedInARow = 0;
  for (let day = schedule.dayOf(t); closedInARow < MAX_CLOSED_DAYS; day++) {
    const spans = schedule.spans(day).filter((span) => span.end > t);
    closedInARow = spans.length ? 0 : closedInARow + 1;
    yield* spans;
  }
}

function neverOpen(calendar: WorkingCalendar): InvalidArgumentError {
  return new InvalidArgumentError('calendar', `'${calendar.id}' has no opening within ${MAX_CLOSED_DAYS} days`);
}

export function epoch(instant: Date, field: string): number {
  const t = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(t)) throw new InvalidArgumentError(field, `${String(instant)} is not a valid instant`);
  return t;
}

function dayNumber(localDate: string): DayNumber {
  const day = parseIsoDate(localDate);
  if (day === undefined) throw new InvalidArgumentError('localDate', `'${localDate}' is not a date (YYYY-MM-DD)`);
  return day;
}
