import { InvalidArgumentError } from '../errors.js';
import type { WorkingCalendar } from './WorkingCalendar.js';
import { scheduleOf } from './DaySchedule.js';
import { finish, type Deadline } from './Deadline.js';
import { closingOf, workingDayOnOrAfter } from './WorkingTime.js';
import { addCalendarDays } from './ZonedClock.js';

/** DOMAIN rule 6: an extension adds at most 15 calendar days, in all. */
export const MAX_EXTENSION_DAYS = 15;

/**
 * Extends the applicant's deadline by `days` calendar days (rule 6). The new deadline is the
 * closing time of the day `days` later, or of the next working day when that one is not (rule 4).
 * D-1 and the warning are derived again. The total granted over the case may not pass 15 days.
 */
export function extendDeadline(deadline: Deadline, days: number, calendar: WorkingCalendar): Deadline {
  if (!Number.isInteger(days) || days <= 0) {
    throw new InvalidArgumentError('days', `${days} is not a positive whole number of days`);
  }
  const total = deadline.extendedDays + days;
  if (total > MAX_EXTENSION_DAYS) {
    const already = deadline.extendedDays ? ` (${deadline.extendedDays} already granted)` : '';
    throw new InvalidArgumentError('days', `an extension is at most ${MAX_EXTENSION_DAYS} calendar days in all${already}; ${days} asked`);
  }
  const schedule = scheduleOf(calendar);
  const moved = addCalendarDays(calendar.zone, deadline.applicantDueAt.getTime(), days);
  const applicantDueAt = closingOf(schedule, workingDayOnOrAfter(schedule, schedule.dayOf(moved - 1)));
  return finish(schedule, deadline.term, deadline.registeredAt.getTime(), applicantDueAt, total);
}
