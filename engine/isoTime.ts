/**
 * What the engine accepts as an instant or a calendar date from outside (a coordinator's
 * effectiveFrom, an absence): ISO 8601 text that names a real moment or day within sane years.
 * `new Date(text)` alone would take `0000-01-01T00:00:00Z`, `1` (the year 2001) or roll
 * `2026-02-30` over to March; a regex alone takes `2026-13-45`.
 */
import { parseIsoDate } from './sla/LocalDate.js';

/** Years a public-service record can be about; anything outside is a typo, not a plan. */
export const SANE_YEARS = { from: 1900, to: 2999 } as const;

/** `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with `Z` or `±HH:MM`: an instant needs its offset. */
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

export const INSTANT_FORMAT = `an ISO 8601 instant with an offset (YYYY-MM-DDTHH:MM[:SS[.sss]]Z or ±HH:MM), years ${SANE_YEARS.from}–${SANE_YEARS.to}`;
export const DATE_FORMAT = `a calendar date YYYY-MM-DD that exists, years ${SANE_YEARS.from}–${SANE_YEARS.to}`;

/** The instant an ISO 8601 text names, or undefined when it names none (or none within sane years). */
export function parseInstant(text: string): Date | undefined {
  const match = INSTANT.exec(text);
  if (!match) return undefined;
  const [, date, hh, mm, ss, fraction, zulu, sign, offH, offM] = match;
  const day = parseIsoDate(date!);
  if (day === undefined) return undefined;
  const [hours, minutes, seconds] = [Number(hh), Number(mm), Number(ss ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  let offsetMinutes = 0;
  if (!zulu) {
    const [oh, om] = [Number(offH), Number(offM)];
    if (oh > 14 || om > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const millis = Math.floor(Number(`0.${fraction ?? '0'}`) * 1000);
  return saneInstant(new Date(day * 86_400_000 + ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000 + millis));
}

/** A Date is a real instant within sane years, or undefined. */
export function saneInstant(date: Date): Date | undefined {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) return undefined;
  const year = date.getUTCFullYear();
  return year >= SANE_YEARS.from && year <= SANE_YEARS.to ? date : undefined;
}

/** `YYYY-MM-DD` naming a day that exists (not `2026-02-29`, not `2026-13-45`) within sane years. */
export function isCalendarDate(text: unknown): text is string {
  if (typeof text !== 'string' || parseIsoDate(text) === undefined) return false;
  const year = Number(text.slice(0, 4));
  return year >= SANE_YEARS.from && year <= SANE_YEARS.to;
}
