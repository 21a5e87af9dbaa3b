/**
 * engine/sla: working calendars and deadline arithmetic (DOMAIN.md rules 1–7). Pure functions
 * and data; the engine stores the instants they return.
 */
export {
  parseCalendar,
  workingCalendarSchema,
  type WorkingCalendar,
  type LabelInLanguages,
  type WorkingCalendarInput,
  type CalendarWeek,
  type OpeningInterval,
} from './WorkingCalendar.js';
export { builtInCalendars, centreCalendar, agencyCalendar } from './builtInCalendars.js';
export { kazakhstanHolidays, kurbanAitFirstDays, kazakhstanTransfers } from './kazakhstanHolidays.js';
export { carriedDaysOff } from './carriedDaysOff.js';
export {
  isOpen,
  openIntervals,
  isWorkingDay,
  localDateOf,
  nextOpening,
  addWorkingTime,
  workingTimeBetween,
  addWorkingDays,
  type OpenInterval,
} from './WorkingTime.js';
export { computeDeadline, type Deadline, type DeadlineInput, type DeadlineTerm } from './Deadline.js';
export {
  pauseDeadline,
  resumeDeadline,
  pauseExpiresAt,
  DEFAULT_PAUSE_LIMIT_DAYS,
  RESUME_MODES,
  type PausedDeadline,
  type ResumeMode,
  type ResumeOptions,
} from './DeadlinePause.js';
export { extendDeadline, MAX_EXTENSION_DAYS } from './extendDeadline.js';
