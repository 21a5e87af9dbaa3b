import { Temporal } from 'temporal-polyfill';
import { dayFromParts, type DayNumber } from './LocalDate.js';

/**
 * The only place where zones are handled: wall time in a calendar's IANA zone ↔ UTC instant
 * (Principle 8). Temporal reads the zone rules from Intl, so Asia/Almaty's move from UTC+6 to
 * UTC+5 on 2024-03-01 is applied to instants on either side of it.
 */

/** The local date of an instant in `zone`. */
export function localDayOf(zone: string, epochMs: number): DayNumber {
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone);
  return dayFromParts(zoned.year, zoned.month, zoned.day);
}

/**
 * The instant of a wall time (`minutes` after midnight, up to 24:00) on a local date. A wall time
 * skipped by a daylight-saving jump resolves to the later side, a repeated one to the earlier
 * (Temporal's `compatible`), which is what a clock on the office wall shows.
 */
export function instantOf(zone: string, day: DayNumber, minutes: number): number {
  const date = new Date(day * 86_400_000);
  const start = Temporal.PlainDate.from({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
  const target = minutes >= 24 * 60 ? start.add({ days: 1 }) : start;
  const rest = minutes % (24 * 60);
  return target
    .toPlainDateTime({ hour: Math.floor(rest / 60), minute: rest % 60 })
    .toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** `days` calendar days later at the same wall time in `zone` (24 h each in Almaty, which has no DST). */
export function addCalendarDays(zone: string, epochMs: number, days: number): number {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).add({ days }).epochMilliseconds;
}
