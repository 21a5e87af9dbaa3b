import { InvalidArgumentError } from '../errors.js';
import type { WorkingCalendar } from './WorkingCalendar.js';
import { scheduleOf, type DaySchedule } from './DaySchedule.js';
import { computeDeadline, finish, isWorkingUnit, type Deadline } from './Deadline.js';
import { extendDeadline } from './extendDeadline.js';
import { addWorkingTime, closingOf, epoch, workingDayOnOrAfter, workingTimeBetween } from './WorkingTime.js';

/** DOMAIN rule 5: a case waits for the applicant's documents at most 30 calendar days. */
export const DEFAULT_PAUSE_LIMIT_DAYS = 30;
const DAY = 86_400_000;

/** A deadline whose clock stopped while the applicant brings documents (`ps:pausesSla`). */
export interface PausedDeadline {
  readonly deadline: Deadline;
  readonly pausedAt: Date;
  /** When the pause runs out: the engine refuses or closes the case then. */
  readonly expiresAt: Date;
}

/**
 * When a pause that began at `pausedAt` runs out: `limitDays` × 24 hours later. That is exactly
 * `limitDays` calendar days in Asia/Almaty, which has no daylight-saving time.
 */
export function pauseExpiresAt(pausedAt: Date, limitDays: number = DEFAULT_PAUSE_LIMIT_DAYS): Date {
  if (!Number.isInteger(limitDays) || limitDays <= 0) {
    throw new InvalidArgumentError('limitDays', `${limitDays} is not a positive whole number of days`);
  }
  return new Date(epoch(pausedAt, 'pausedAt') + limitDays * DAY);
}

/** Stops the clock: records the moment (rule 5). */
export function pauseDeadline(deadline: Deadline, at: Date, limitDays: number = DEFAULT_PAUSE_LIMIT_DAYS): PausedDeadline {
  const t = epoch(at, 'at');
  if (t < deadline.registeredAt.getTime()) {
    throw new InvalidArgumentError('at', `${at.toISOString()} is before the registration (${deadline.registeredAt.toISOString()})`);
  }
  return { deadline, pausedAt: new Date(t), expiresAt: pauseExpiresAt(new Date(t), limitDays) };
}

export const RESUME_MODES = ['restart', 'continue'] as const;
export type ResumeMode = (typeof RESUME_MODES)[number];

export interface ResumeOptions {
  readonly calendar: WorkingCalendar;
  /** When the documents arrived. */
  readonly at: Date;
  /**
   * `restart`: the term restarts in full when the documents arrive (DOMAIN rule 5's wording),
   * counted like a new receipt — an arrival after closing is registered at the next opening;
   * extension days already granted are granted again on the new term.
   * `continue`: the clock resumes with the time that was left — open time for working units,
   * elapsed time for calendar units (a calendar-day deadline then rolls to the close of a
   * working day, rule 4); the back-office D-1 is derived again from the new deadline.
   */
  readonly mode: ResumeMode;
  readonly intakeCalendar?: WorkingCalendar;
}

/** Starts the clock again. Refuses a resume after the pause expired (`paused.expiresAt`). */
export function resumeDeadline(paused: PausedDeadline, options: ResumeOptions): Deadline {
  const at = epoch(options.at, 'at');
  const pausedAt = paused.pausedAt.getTime();
  if (at < pausedAt) throw new InvalidArgumentError('at', `${options.at.toISOString()} is before the pause (${paused.pausedAt.toISOString()})`);
  if (at > paused.expiresAt.getTime()) {
    throw new InvalidArgumentError('at', `the pause expired at ${paused.expiresAt.toISOString()} (DOMAIN rule 5: documents within the limit)`);
  }
  const { deadline } = paused;
  const { term } = deadline;
  if (!(RESUME_MODES as readonly string[]).includes(options.mode)) {
    throw new InvalidArgumentError('mode', `'${String(options.mode)}' is not one of ${RESUME_MODES.join(', ')}`);
  }
  if (options.mode === 'restart') {
    const restarted = computeDeadline({
      calendar: options.calendar,
      ...(options.intakeCalendar ? { intakeCalendar: options.intakeCalendar } : {}),
      receivedAt: new Date(at),
      duration: term.duration,
      unit: term.unit,
      office: term.office,
      warnAt: term.warnFraction,
    });
    return deadline.extendedDays > 0 ? extendDeadline(restarted, deadline.extendedDays, options.calendar) : restarted;
  }
  const schedule = scheduleOf(options.calendar);
  const shift = (instant: Date): number => {
    const t = instant.getTime();
    if (t <= pausedAt) return t;
    return isWorkingUnit(term.unit)
      ? addWorkingTime(options.calendar, new Date(at), workingTimeBetween(options.calendar, new Date(pausedAt), instant)).getTime()
      : t + (at - pausedAt);
  };
  const shifted = shift(deadline.applicantDueAt);
  const applicantDueAt = term.unit === 'calendarDays' ? rollToClosing(schedule, shifted) : shifted;
  const due = finish(schedule, term, deadline.registeredAt.getTime(), applicantDueAt, deadline.extendedDays);
  return { ...due, warnAt: new Date(Math.min(shift(deadline.warnAt), due.dueAt.getTime())) };
}

/** Rule 4: the close of the instant's day when it is a working day that has not closed yet, else of the next. */
function rollToClosing(schedule: DaySchedule, t: number): number {
  let day = workingDayOnOrAfter(schedule, schedule.dayOf(t - 1));
  if (closingOf(schedule, day) < t) day = workingDayOnOrAfter(schedule, day + 1);
  return closingOf(schedule, day);
}
