import type { OpeningInterval, WorkingCalendar } from './WorkingCalendar.js';
import { carriedDayNumbers } from './carriedDaysOff.js';
import { parseIsoDate, parseTime, partsOf, weekdayOf, type DayNumber } from './LocalDate.js';
import { instantOf, localDayOf } from './ZonedClock.js';

/** One open stretch as UTC epoch milliseconds, `start` inclusive, `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * A calendar made fast to ask: the open spans of any local date, after transfers, holidays and
 * carried days off, memoised. Calendars are immutable data, so the memo hangs off the object.
 */
export interface DaySchedule {
  readonly calendar: WorkingCalendar;
  spans(day: DayNumber): readonly Span[];
  dayOf(epochMs: number): DayNumber;
}

/** How many closed days in a row end a search: a calendar closed for ten years is a data error. */
export const MAX_CLOSED_DAYS = 3660;

const cache = new WeakMap<WorkingCalendar, DaySchedule>();

export function scheduleOf(calendar: WorkingCalendar): DaySchedule {
  let schedule = cache.get(calendar);
  if (!schedule) {
    schedule = buildSchedule(calendar);
    cache.set(calendar, schedule);
  }
  return schedule;
}

function buildSchedule(calendar: WorkingCalendar): DaySchedule {
  const transfers = new Map<DayNumber, WorkingCalendar['transfers'][number]>();
  for (const entry of calendar.transfers) {
    const day = parseIsoDate(entry.date);
    if (day !== undefined) transfers.set(day, entry);
  }
  const oneOff = new Set<DayNumber>();
  for (const entry of calendar.oneOff) {
    const day = parseIsoDate(entry.date);
    if (day !== undefined) oneOff.add(day);
  }
  const fixed = new Set(calendar.holidays.map((h) => `${h.month}-${h.day}`));
  const carriedByYear = new Map<number, ReadonlySet<DayNumber>>();
  const carried = (year: number): ReadonlySet<DayNumber> => {
    let set = carriedByYear.get(year);
    if (!set) {
      set = new Set(carriedDayNumbers(calendar, year));
      carriedByYear.set(year, set);
    }
    return set;
  };

  /** The intervals of the day as written, before turning them into instants. */
  const intervalsOf = (day: DayNumber): readonly OpeningInterval[] => {
    // A decree is the latest word on a date: it wins over holidays and the weekly hours.
    const transfer = transfers.get(day);
    if (transfer) return transfer.working ? (transfer.hours ?? calendar.week.mon) : [];
    const { year, month, day: dom } = partsOf(day);
    if (oneOff.has(day) || fixed.has(`${month}-${dom}`) || carried(year).has(day)) return [];
    return calendar.week[weekdayOf(day)];
  };

  const memo = new Map<DayNumber, readonly Span[]>();
  return {
    calendar,
    dayOf: (epochMs) => localDayOf(calendar.zone, epochMs),
    spans(day) {
      let spans = memo.get(day);
      if (!spans) {
        spans = intervalsOf(day)
          .map((interval) => ({
            start: instantOf(calendar.zone, day, parseTime(interval.from) ?? 0),
            end: instantOf(calendar.zone, day, parseTime(interval.to, true) ?? 0),
          }))
          .filter((span) => span.end > span.start);
        memo.set(day, spans);
      }
      return spans;
    },
  };
}
