/**
 * ISO-8601 durations (`P1Y2M3DT4H5M6S`, `P2W`) as used by BPMN timers. Years and months are
 * added on the calendar (UTC), everything else as exact milliseconds.
 */
export interface IsoDuration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

const PATTERN =
  /^P(?!$)(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?!$)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export function isIsoDuration(text: string): boolean {
  return PATTERN.test(text.trim());
}

/** Parses an ISO-8601 duration; throws a RangeError naming the text when it is not one. */
export function parseDuration(text: string): IsoDuration {
  const match = PATTERN.exec(text.trim());
  if (!match) throw new RangeError(`'${text}' is not an ISO-8601 duration (e.g. PT15M, P5D)`);
  const num = (i: number) => (match[i] ? Number(match[i]!.replace(',', '.')) : 0);
  return { years: num(1), months: num(2), weeks: num(3), days: num(4), hours: num(5), minutes: num(6), seconds: num(7) };
}

export function addDuration(from: Date, d: IsoDuration): Date {
  const result = new Date(from.getTime());
  const months = Math.trunc(d.years * 12 + d.months);
  if (months) {
    // Clamped to the month's end (31 January + P1M is 28 February), as the timer contract says;
    // setUTCMonth alone would roll over into 3 March.
    const day = result.getUTCDate();
    result.setUTCDate(1);
    result.setUTCMonth(result.getUTCMonth() + months);
    const length = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
    result.setUTCDate(Math.min(day, length));
  }
  return new Date(result.getTime() + Math.round(fixedMs(d)));
}

/** The part of a duration with a fixed length (weeks to seconds), in exact (unrounded) milliseconds. */
export function fixedMs(d: IsoDuration): number {
  return ((((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000;
}

const AVERAGE_MONTH_MS = (365.2425 / 12) * 86_400_000;

/** A duration's length in milliseconds with years and months at their Gregorian average. */
export function nominalMs(d: IsoDuration): number {
  return (d.years * 12 + d.months) * AVERAGE_MONTH_MS + fixedMs(d);
}

/** `n` times a duration, field by field: `P1M` × 3 is `P3M` (month ends do not drift as they would adding `P1M` thrice). */
export function scaleDuration(d: IsoDuration, n: number): IsoDuration {
  return { years: d.years * n, months: d.months * n, weeks: d.weeks * n, days: d.days * n, hours: d.hours * n, minutes: d.minutes * n, seconds: d.seconds * n };
}
