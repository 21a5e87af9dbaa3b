import { InvalidArgumentError } from '../errors.js';
import { OFFICES, SLA_UNITS, type Office, type SlaUnit } from '../model/types.js';
import type { WorkingCalendar } from './WorkingCalendar.js';
import { scheduleOf, type DaySchedule } from './DaySchedule.js';
import {
  addWorkingTime,
  closingOf,
  epoch,
  nextOpening,
  nthWorkingDayAfter,
  workingDayBefore,
  workingDayOnOrAfter,
  workingTimeBetween,
} from './WorkingTime.js';

/**
 * The deadline of an application or a task under a service standard (DOMAIN.md, "How deadlines
 * are counted", rules 1–7). Pure: the engine calls it when a task with a `ps:sla` starts and
 * stores the instants it returns.
 */
export interface DeadlineInput {
  /** The calendar the term is counted on (`ps:sla calendar`). */
  readonly calendar: WorkingCalendar;
  /** When the application reached the office (or, for a task-level SLA, when the task began). */
  readonly receivedAt: Date;
  readonly duration: number;
  readonly unit: SlaUnit;
  /** `back`: the agency hands back one working day early (rule 3). Default `front`. */
  readonly office?: Office;
  /** Fraction of the term after which the work is at risk; default 0.8. */
  readonly warnAt?: number;
  /**
   * The calendar of the office that received the application — the centre, when the term runs on
   * the agency's calendar. Registration (rule 7) follows its opening hours. Default: `calendar`.
   */
  readonly intakeCalendar?: WorkingCalendar;
}

/** The term as it was set, kept so that a pause, a resume or an extension can recount it. */
export interface DeadlineTerm {
  readonly duration: number;
  readonly unit: SlaUnit;
  readonly office: Office;
  readonly warnFraction: number;
}

export interface Deadline {
  /** When the application counts as received: `receivedAt`, or the next opening (rule 7). */
  readonly registeredAt: Date;
  /** When this task is due: `backOfficeDueAt` for a back-office task, else `applicantDueAt`. */
  readonly dueAt: Date;
  /** When the task becomes at risk (`warnAt` fraction of the way to `dueAt`). */
  readonly warnAt: Date;
  /** The applicant's deadline under the service standard. */
  readonly applicantDueAt: Date;
  /** For `office: 'back'`: the close of the working day before the applicant's deadline (rule 3). */
  readonly backOfficeDueAt?: Date;
  readonly term: DeadlineTerm;
  /** Calendar days of extension granted so far (rule 6 caps the total at 15). */
  readonly extendedDays: number;
}

const DEFAULT_WARN_AT = 0.8;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * Rules, as implemented:
 * - (7) arriving while the intake office is closed (a day off, after closing, at lunch) registers
 *   the application at its next opening, and that day is the day of receipt;
 * - (1, 2) `workingDays`: the closing time of the Nth working day after the day of receipt
 *   (which is not counted); `calendarDays`: the Nth calendar day after it, and (4) when that day
 *   is not a working day, the close of the next working day — otherwise its own closing time;
 *   `workingHours`: N hours of open time from registration; `minutes`: N wall-clock minutes from
 *   registration, closed or not (a queue or counter service is timed in real minutes);
 * - (3) for a back-office task on a day unit, the close of the last working day before the
 *   applicant's deadline day. When that moment is not after registration (a one-day service
 *   received after the agency closed), there is no earlier day to give back and the back office
 *   works to the applicant's deadline. Hour and minute terms have no D-1;
 * - warnAt: for working units the moment when `warnAt` of the open time between registration
 *   and `dueAt` has passed; for calendar units, of the elapsed time.
 */
export function computeDeadline(input: DeadlineInput): Deadline {
  const term = termOf(input);
  const receivedAt = epoch(input.receivedAt, 'receivedAt');
  const registeredAt = nextOpening(input.intakeCalendar ?? input.calendar, new Date(receivedAt)).getTime();
  const schedule = scheduleOf(input.calendar);
  return finish(schedule, term, registeredAt, applicantDue(schedule, term, registeredAt), 0);
}

/** The applicant's deadline for a term counted from a registration instant. */
function applicantDue(schedule: DaySchedule, term: DeadlineTerm, registeredAt: number): number {
  const receiptDay = schedule.dayOf(registeredAt);
  switch (term.unit) {
    case 'workingDays':
      return closingOf(schedule, nthWorkingDayAfter(schedule, receiptDay, term.duration));
    case 'calendarDays':
      return closingOf(schedule, workingDayOnOrAfter(schedule, receiptDay + term.duration));
    case 'workingHours':
      return addWorkingTime(schedule.calendar, new Date(registeredAt), term.duration * HOUR).getTime();
    case 'minutes':
      return registeredAt + Math.round(term.duration * MINUTE);
  }
}

/** Derives D-1 and the warning from the applicant's deadline; shared by pause and extension. */
export function finish(
  schedule: DaySchedule,
  term: DeadlineTerm,
  registeredAt: number,
  applicantDueAt: number,
  extendedDays: number,
  warnAt?: number,
): Deadline {
  const back = term.office === 'back' ? backOfficeDue(schedule, term, registeredAt, applicantDueAt) : undefined;
  const dueAt = back ?? applicantDueAt;
  const warn = Math.min(warnAt ?? warnMoment(schedule, term, registeredAt, dueAt), dueAt);
  return {
    registeredAt: new Date(registeredAt),
    dueAt: new Date(dueAt),
    warnAt: new Date(warn),
    applicantDueAt: new Date(applicantDueAt),
    ...(back === undefined ? {} : { backOfficeDueAt: new Date(back) }),
    term,
    extendedDays,
  };
}

function backOfficeDue(schedule: DaySchedule, term: DeadlineTerm, registeredAt: number, applicantDueAt: number): number {
  if (!isDayUnit(term.unit)) return applicantDueAt;
  // The deadline is a closing time, possibly 24:00, which belongs to the day before it.
  const dueDay = schedule.dayOf(applicantDueAt - 1);
  const previous = workingDayBefore(schedule, dueDay, schedule.dayOf(registeredAt));
  if (previous === undefined) return applicantDueAt;
  const close = closingOf(schedule, previous);
  return close > registeredAt ? close : applicantDueAt;
}

export function warnMoment(schedule: DaySchedule, term: DeadlineTerm, from: number, dueAt: number): number {
  if (isWorkingUnit(term.unit)) {
    const open = workingTimeBetween(schedule.calendar, new Date(from), new Date(dueAt));
    return addWorkingTime(schedule.calendar, new Date(from), Math.round(open * term.warnFraction)).getTime();
  }
  return from + Math.round((dueAt - from) * term.warnFraction);
}

export function isWorkingUnit(unit: SlaUnit): boolean {
  return unit === 'workingDays' || unit === 'workingHours';
}

export function isDayUnit(unit: SlaUnit): boolean {
  return unit === 'workingDays' || unit === 'calendarDays';
}

function termOf(input: DeadlineInput): DeadlineTerm {
  const { duration, unit } = input;
  if (!(SLA_UNITS as readonly string[]).includes(unit)) {
    throw new InvalidArgumentError('unit', `'${String(unit)}' is not one of ${SLA_UNITS.join(', ')}`);
  }
  if (typeof duration !== 'number' || !Number.isFinite(duration) || duration <= 0) {
    throw new InvalidArgumentError('duration', `${String(duration)} is not a positive number`);
  }
  if (isDayUnit(unit) && !Number.isInteger(duration)) {
    throw new InvalidArgumentError('duration', `${duration} is not a whole number of days`);
  }
  const office = input.office ?? 'front';
  if (!(OFFICES as readonly string[]).includes(office)) {
    throw new InvalidArgumentError('office', `'${String(office)}' is not one of ${OFFICES.join(', ')}`);
  }
  const warnFraction = input.warnAt ?? DEFAULT_WARN_AT;
  if (typeof warnFraction !== 'number' || !(warnFraction >= 0 && warnFraction <= 1)) {
    throw new InvalidArgumentError('warnAt', `${String(warnFraction)} is not a fraction between 0 and 1`);
  }
  return { duration, unit, office, warnFraction };
}
