import { computeDeadline, isWorkingDay, localDateOf, openIntervals, type LabelInLanguages, type WorkingCalendar } from '../../engine/index.js';

export interface MonthDay {
  readonly date: string;
  readonly working: boolean;
  /** Opening hours that day, local "HH:MM–HH:MM". */
  readonly hours: readonly string[];
  readonly holiday?: string;
  /** The holiday's name in other languages (the calendar's `names`), when it gives them. */
  readonly holidayNames?: LabelInLanguages;
  readonly oneOff?: string;
  readonly oneOffNames?: LabelInLanguages;
  /** A transfer: a day off worked (`worked`) or a working day off (`off`). */
  readonly transfer?: 'worked' | 'off';
}

export interface SampleDeadline {
  readonly receivedAt: string;
  readonly duration: number;
  readonly unit: string;
  readonly dueAt: string;
  /** The local date the deadline falls on, in the calendar's zone. */
  readonly dueDate: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (date: Date, calendar: WorkingCalendar) =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: calendar.zone }).format(date);

/** Every day of `month` (YYYY-MM) as the engine's working-time rules see it on `calendar`. */
export function calendarMonth(calendar: WorkingCalendar, month: string): MonthDay[] {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => {
    const date = `${month}-${pad(i + 1)}`;
    const holiday = calendar.holidays.find((h) => h.month === mon && h.day === i + 1);
    const oneOff = calendar.oneOff.find((d) => d.date === date);
    const transfer = calendar.transfers.find((d) => d.date === date);
    return {
      date,
      working: isWorkingDay(calendar, date),
      hours: openIntervals(calendar, date).map((interval) => `${hhmm(interval.start, calendar)}–${hhmm(interval.end, calendar)}`),
      ...(holiday ? { holiday: holiday.name, ...(holiday.names ? { holidayNames: holiday.names } : {}) } : {}),
      ...(oneOff ? { oneOff: oneOff.name, ...(oneOff.names ? { oneOffNames: oneOff.names } : {}) } : {}),
      ...(transfer ? { transfer: transfer.working ? ('worked' as const) : ('off' as const) } : {}),
    };
  });
}

/** Where an application received at `receivedAt` with this term would be due: the engine's own deadline arithmetic. */
export function sampleDeadline(calendar: WorkingCalendar, intake: WorkingCalendar, sample: { receivedAt: Date; duration: number; unit: SampleDeadline['unit'] }): SampleDeadline {
  const deadline = computeDeadline({ calendar, intakeCalendar: intake, receivedAt: sample.receivedAt, duration: sample.duration, unit: sample.unit as Parameters<typeof computeDeadline>[0]['unit'] });
  return { receivedAt: sample.receivedAt.toISOString(), duration: sample.duration, unit: sample.unit, dueAt: deadline.dueAt.toISOString(), dueDate: localDateOf(calendar, deadline.dueAt) };
}
