import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addWorkingDays,
  addWorkingTime,
  builtInCalendars,
  isOpen,
  isWorkingDay,
  localDateOf,
  nextOpening,
  openIntervals,
  workingTimeBetween,
} from '../../../engine/sla/index.js';
import { calendars, transferCalendar } from './calendars.fixture.js';

const { agency, centre } = builtInCalendars;
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

// Instants from 2023 to 2027, the years the built-in data and the test calendars cover.
const instant = fc.integer({ min: Date.parse('2023-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((t) => new Date(t));
const calendar = fc.constantFrom(...calendars);
const workingMs = fc.integer({ min: 0, max: 400 * HOUR });

describe('WorkingTime', () => {
  describe('isOpen and openIntervals', () => {
    it('should be closed over the agency lunch break and open either side of it', () => {
      // Tue 14 Apr 2026, Almaty is UTC+5.
      expect(isOpen(agency, at('2026-04-14T07:59:59Z'))).toBe(true); // 12:59:59
      expect(isOpen(agency, at('2026-04-14T08:00:00Z'))).toBe(false); // 13:00, lunch
      expect(isOpen(agency, at('2026-04-14T09:30:00Z'))).toBe(true); // 14:30
      expect(isOpen(agency, at('2026-04-14T13:30:00Z'))).toBe(false); // 18:30, closed
    });

    it('should use UTC+6 before and UTC+5 after Almaty changed its offset on 1 Mar 2024', () => {
      expect(openIntervals(agency, '2024-02-29')[0]?.start).toEqual(at('2024-02-29T03:00:00Z'));
      expect(openIntervals(agency, '2024-03-01')[0]?.start).toEqual(at('2024-03-01T04:00:00Z'));
    });

    it('should count working time across the offset change', () => {
      // Thu 29 Feb 2024 17:00 (+06) + 2 h: 17:00–18:30, then Fri 1 Mar 9:00–9:30 (+05).
      const end = addWorkingTime(agency, at('2024-02-29T11:00:00Z'), 2 * HOUR);
      expect(end).toEqual(at('2024-03-01T04:30:00Z'));
      expect(workingTimeBetween(agency, at('2024-02-29T11:00:00Z'), end)).toBe(2 * HOUR);
    });

    it('should open a transferred Saturday and close the transferred Friday', () => {
      expect(isWorkingDay(transferCalendar, '2023-07-01')).toBe(true);
      expect(isWorkingDay(transferCalendar, '2023-07-07')).toBe(false);
      expect(isWorkingDay(transferCalendar, '2023-07-08')).toBe(false);
    });
  });

  describe('nextOpening', () => {
    it('should return the instant itself when open', () => {
      expect(nextOpening(centre, at('2026-04-14T10:00:00Z'))).toEqual(at('2026-04-14T10:00:00Z'));
    });

    it('should go from Friday evening over Nauryz to Thursday 26 Mar 2026 on the agency calendar', () => {
      expect(nextOpening(agency, at('2026-03-20T14:00:00Z'))).toEqual(at('2026-03-26T04:00:00Z'));
    });

    it('should be open and leave no open time before it', () => {
      fc.assert(
        fc.property(calendar, instant, (cal, t) => {
          const next = nextOpening(cal, t);
          return isOpen(cal, next) && next >= t && workingTimeBetween(cal, t, next) === 0;
        }),
      );
    });
  });

  describe('addWorkingTime', () => {
    it('should skip the lunch break', () => {
      // Tue 14 Apr 2026 11:00 + 4 h: 11:00–13:00 and 14:30–16:30.
      expect(addWorkingTime(agency, at('2026-04-14T06:00:00Z'), 4 * HOUR)).toEqual(at('2026-04-14T11:30:00Z'));
    });

    it('should end at closing time rather than at the next opening', () => {
      // Tue 14 Apr 2026 17:00 + 1.5 h = 18:30 exactly.
      expect(addWorkingTime(agency, at('2026-04-14T12:00:00Z'), 1.5 * HOUR)).toEqual(at('2026-04-14T13:30:00Z'));
    });

    it('should satisfy workingTimeBetween(a, addWorkingTime(a, ms)) === ms', () => {
      fc.assert(
        fc.property(calendar, instant, workingMs, (cal, a, ms) => workingTimeBetween(cal, a, addWorkingTime(cal, a, ms)) === ms),
      );
    });

    it('should add up: addWorkingTime(addWorkingTime(a, x), y) equals addWorkingTime(a, x + y)', () => {
      fc.assert(
        fc.property(calendar, instant, workingMs, workingMs, (cal, a, x, y) =>
          addWorkingTime(cal, addWorkingTime(cal, a, x), y).getTime() === addWorkingTime(cal, a, x + y).getTime(),
        ),
      );
    });

    it('should never land on a closed moment unless it ends at a closing time', () => {
      fc.assert(
        fc.property(calendar, instant, fc.integer({ min: 1, max: 400 * HOUR }), (cal, a, ms) => {
          const end = addWorkingTime(cal, a, ms);
          return isOpen(cal, end) || endsAnInterval(cal, end);
        }),
      );
    });
  });

  describe('workingTimeBetween', () => {
    it('should count 8 hours for an agency day and 4 for a centre Saturday', () => {
      expect(workingTimeBetween(agency, at('2026-04-13T19:00:00Z'), at('2026-04-14T19:00:00Z'))).toBe(8 * HOUR);
      expect(workingTimeBetween(centre, at('2026-04-10T19:00:00Z'), at('2026-04-11T19:00:00Z'))).toBe(4 * HOUR);
    });

    it('should be antisymmetric', () => {
      fc.assert(fc.property(calendar, instant, instant, (cal, a, b) => workingTimeBetween(cal, a, b) === -workingTimeBetween(cal, b, a)));
    });
  });

  describe('addWorkingDays', () => {
    it('should not count the day of the instant (rule 2)', () => {
      // Mon 13 Apr 2026 10:00 + 1 working day → Tue 14 Apr 18:30.
      expect(addWorkingDays(agency, at('2026-04-13T05:00:00Z'), 1)).toEqual(at('2026-04-14T13:30:00Z'));
    });

    it('should never go back when n grows, and count exactly n working days after the start date', () => {
      fc.assert(
        fc.property(calendar, instant, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 10 }), (cal, a, n, more) => {
          const due = addWorkingDays(cal, a, n);
          if (addWorkingDays(cal, a, n + more) < due) return false;
          const dueDate = localDateOf(cal, new Date(due.getTime() - 1));
          return n === 0 || countWorkingDays(cal, localDateOf(cal, a), dueDate) === n;
        }),
      );
    });
  });
});

/** Whether `t` is the end of an open interval of its day (or of the day before, for 24:00). */
function endsAnInterval(cal: (typeof calendars)[number], t: Date): boolean {
  const date = localDateOf(cal, new Date(t.getTime() - 1));
  return openIntervals(cal, date).some((interval) => interval.end.getTime() === t.getTime());
}

/** Working days after `from` up to and including `to` (dates as YYYY-MM-DD). */
function countWorkingDays(cal: (typeof calendars)[number], from: string, to: string): number {
  let count = 0;
  for (let d = new Date(`${from}T00:00:00Z`); ; ) {
    d = new Date(d.getTime() + 86_400_000);
    const date = d.toISOString().slice(0, 10);
    if (date > to) return count;
    if (isWorkingDay(cal, date)) count++;
  }
}
