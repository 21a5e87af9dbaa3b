import { describe, expect, it } from 'vitest';
import { builtInCalendars, carriedDaysOff, isWorkingDay, openIntervals } from '../../../engine/sla/index.js';

const { centre, agency } = builtInCalendars;

describe('carriedDaysOff', () => {
  // Expected lists are the extra days off of the published holiday calendars (egov.kz).
  it('should carry 2025 holidays that fall on a weekend to the next free weekday', () => {
    // 8 Mar Sat → 10 Mar; Nauryz 22 Sat, 23 Sun → 24, 25 Mar; 6 Jul Sun → 7 Jul; 30 Aug Sat → 1 Sep; 25 Oct Sat → 27 Oct.
    expect(carriedDaysOff(agency, 2025)).toEqual(['2025-03-10', '2025-03-24', '2025-03-25', '2025-07-07', '2025-09-01', '2025-10-27']);
  });

  it('should skip Nauryz itself when carrying Nauryz 2026 (21 Sat, 22 Sun → 24, 25 Mar)', () => {
    // 8 Mar Sun → 9 Mar; 9 May Sat → 11 May; 30 Aug Sun → 31 Aug; 25 Oct Sun → 26 Oct.
    expect(carriedDaysOff(agency, 2026)).toEqual(['2026-03-09', '2026-03-24', '2026-03-25', '2026-05-11', '2026-08-31', '2026-10-26']);
  });

  it('should carry 2 Jan 2027 (Sat) to Mon 4 Jan and not the starred holidays', () => {
    // 21 Mar Sun → 24 Mar (22, 23 are Nauryz); 1 May Sat → 3 May; 9 May Sun → 10 May; Kurban Ait 16 May (Sun) not carried.
    expect(carriedDaysOff(agency, 2027)).toEqual(['2027-01-04', '2027-03-24', '2027-05-03', '2027-05-10']);
  });

  it('should not carry Orthodox Christmas on a Sunday (7 Jan 2024 → Mon 8 Jan is a working day)', () => {
    expect(isWorkingDay(agency, '2024-01-08')).toBe(true);
  });

  it('should close the centre on a Saturday holiday and on its carried Monday', () => {
    expect(openIntervals(centre, '2026-05-02')).toHaveLength(1); // an ordinary Saturday morning
    expect(isWorkingDay(centre, '2026-05-09')).toBe(false); // Victory Day, a Saturday
    expect(isWorkingDay(centre, '2026-05-11')).toBe(false); // carried from it
  });

  it('should close both calendars on the first day of Kurban Ait and open them on the next', () => {
    expect(isWorkingDay(agency, '2026-05-27')).toBe(false);
    expect(isWorkingDay(centre, '2025-06-06')).toBe(false);
    expect(isWorkingDay(agency, '2026-05-28')).toBe(true);
  });

  it('should apply the 2025 New Year transfer: Fri 3 Jan off, Sun 5 Jan worked with Monday hours', () => {
    expect(isWorkingDay(agency, '2025-01-03')).toBe(false);
    expect(openIntervals(agency, '2025-01-05')).toEqual(openIntervals(agency, '2025-01-06').map(({ start, end }) => ({
      start: new Date(start.getTime() - 86_400_000),
      end: new Date(end.getTime() - 86_400_000),
    })));
  });
});
