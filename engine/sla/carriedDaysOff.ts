import type { WorkingCalendar } from './WorkingCalendar.js';
import { dayFromParts, formatDay, parseIsoDate, weekdayOf, type DayNumber } from './LocalDate.js';

/**
 * The working days that become days off in `year` because a carried-over holiday fell on a
 * day off (DOMAIN.md: "A holiday falling on a day off moves to the next working day").
 *
 * "Day off" here is the five-day week's Saturday and Sunday, whatever the calendar's own
 * opening hours: the government decrees count that way, so the `centre` calendar (open on
 * Saturday mornings) gets the same extra days off as everyone else. Each carried holiday
 * lands on the next Monday–Friday that is not itself a holiday (fixed or one-off), not a
 * decreed day off, and not already taken by an earlier carry (Nauryz 2026: Sat 21 and
 * Sun 22 March → Tue 24 and Wed 25, since Mon 23 is Nauryz itself).
 *
 * Returns `YYYY-MM-DD` dates, in order. Holidays of December of the year before are carried
 * too, in case one spills into January.
 */
export function carriedDaysOff(calendar: WorkingCalendar, year: number): string[] {
  return carriedDayNumbers(calendar, year).map(formatDay);
}

export function carriedDayNumbers(calendar: WorkingCalendar, year: number): DayNumber[] {
  const closed = new Set<DayNumber>();
  const carried: { day: DayNumber }[] = [];
  for (const y of [year - 1, year, year + 1]) {
    for (const holiday of calendar.holidays) {
      const day = dayFromParts(y, holiday.month, holiday.day);
      // 29 February in a common year rolls into March with Date.UTC: such a holiday does not happen.
      if (formatDay(day).slice(5) !== `${pad(holiday.month)}-${pad(holiday.day)}`) continue;
      closed.add(day);
      if (holiday.carryOver && isWeekend(day)) carried.push({ day });
    }
  }
  for (const entry of calendar.oneOff) addDate(closed, entry.date);
  for (const entry of calendar.transfers) if (!entry.working) addDate(closed, entry.date);

  const first = dayFromParts(year, 1, 1);
  const last = dayFromParts(year, 12, 31);
  const result: DayNumber[] = [];
  carried.sort((a, b) => a.day - b.day);
  for (const { day } of carried) {
    let target = day + 1;
    while (isWeekend(target) || closed.has(target)) target++;
    closed.add(target);
    if (target >= first && target <= last) result.push(target);
  }
  return result.sort((a, b) => a - b);
}

function isWeekend(day: DayNumber): boolean {
  const weekday = weekdayOf(day);
  return weekday === 'sat' || weekday === 'sun';
}

function addDate(set: Set<DayNumber>, date: string): void {
  const day = parseIsoDate(date);
  if (day !== undefined) set.add(day);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
