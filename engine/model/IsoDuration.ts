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
  if (d.years || d.months) result.setUTCMonth(result.getUTCMonth() + Math.trunc(d.years * 12 + d.months));
  const ms = ((((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000;
  return new Date(result.getTime() + Math.round(ms));
}
