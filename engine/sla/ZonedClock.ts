import { Temporal } from 'temporal-polyfill';
import type { DayNumber } from './LocalDate.js';

/**
 * The only place where zones are handled: wall time in a calendar's IANA zone ↔ UTC instant
 * (Principle 8). Temporal reads the zone rules from Intl, so Asia/Almaty's move from UTC+6 to
 * UTC+5 on 2024-03-01 is applied to instants on either side of it.
 */

const MS_PER_DAY = 86_400_000;

/** A stretch of time `[from, to)` over which a zone keeps one UTC offset. */
interface OffsetRun {
  readonly from: number;
  readonly to: number;
  readonly offsetMs: number;
}

/** Runs kept per zone: a few years of transitions; the oldest go first. */
const RUNS_PER_ZONE = 64;
const offsetRuns = new Map<string, OffsetRun[]>();

/**
 * The zone's UTC offset at an instant. Temporal is asked once per stretch between two of the
 * zone's transitions (for Asia/Almaty, one since 2024-03-01), then the stretch answers: a
 * deadline asks the local day of many instants, and the polyfill's zone arithmetic was a
 * twentieth of a step's time.
 */
function offsetAt(zone: string, epochMs: number): number {
  let runs = offsetRuns.get(zone);
  if (runs) {
    for (const run of runs) if (epochMs >= run.from && epochMs < run.to) return run.offsetMs;
  } else offsetRuns.set(zone, (runs = []));
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone);
  const offsetNs = zoned.offsetNanoseconds;
  const next = zoned.getTimeZoneTransition('next');
  const previous = zoned.getTimeZoneTransition('previous');
  // The previous transition starts this run unless the instant is itself a transition (then
  // `previous` is the one before, with another offset): the run starts at the instant.
  const from = previous === null ? -Infinity : previous.offsetNanoseconds === offsetNs ? previous.epochMilliseconds : epochMs;
  runs.unshift({ from, to: next === null ? Infinity : next.epochMilliseconds, offsetMs: offsetNs / 1e6 });
  if (runs.length > RUNS_PER_ZONE) runs.pop();
  return offsetNs / 1e6;
}

/** The local date of an instant in `zone`. */
export function localDayOf(zone: string, epochMs: number): DayNumber {
  return Math.floor((epochMs + offsetAt(zone, epochMs)) / MS_PER_DAY);
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
