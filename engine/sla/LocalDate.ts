/**
 * Calendar dates and wall-clock times without a zone: the vocabulary of a working calendar.
 * A date is kept as a day number (days since 1970-01-01 in the proleptic Gregorian calendar),
 * which makes "the next day" an addition; `Date.UTC` does the conversion because UTC has no
 * offsets to get in the way. Zones enter only in `ZonedClock.ts`.
 */

/** Days since 1970-01-01. */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export function dayFromParts(year: number, month: number, day: number): DayNumber {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** `YYYY-MM-DD` to a day number; undefined when the text is not a real date (`2026-02-30`). */
export function parseIsoDate(text: string): DayNumber | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const result = dayFromParts(year, month, day);
  const back = partsOf(result);
  return back.year === year && back.month === month && back.day === day ? result : undefined;
}

export function partsOf(day: DayNumber): { year: number; month: number; day: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function formatDay(day: DayNumber): string {
  const { year, month, day: dom } = partsOf(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dom).padStart(2, '0')}`;
}

export function weekdayOf(day: DayNumber): Weekday {
  // 1970-01-01 was a Thursday.
  return WEEKDAYS[(((day + 4) % 7) + 7) % 7] as Weekday;
}

/** `HH:MM` to minutes after midnight; `24:00` (the end of the day) is allowed only when `endOfDay`. */
export function parseTime(text: string, endOfDay = false): number | undefined {
  const match = TIME.exec(text);
  if (!match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (endOfDay && hours === 24 && minutes === 0) return 24 * 60;
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}
