import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError } from '../../../engine/errors.js';
import type { SlaUnit } from '../../../engine/model/types.js';
import {
  builtInCalendars,
  computeDeadline,
  isOpen,
  localDateOf,
  openIntervals,
  workingTimeBetween,
  type DeadlineInput,
} from '../../../engine/sla/index.js';
import { calendars, transferCalendar } from './calendars.fixture.js';

const { centre, agency } = builtInCalendars;
const at = (iso: string) => new Date(iso);

interface Case {
  readonly title: string;
  readonly input: DeadlineInput;
  readonly registeredAt: string;
  readonly applicantDueAt: string;
  readonly backOfficeDueAt?: string;
  readonly warnAt?: string;
}

// Each expected instant worked out by hand from a wall calendar; Almaty is UTC+5 since 1 Mar 2024, UTC+6 before.
const table: readonly Case[] = [
  {
    // Fri 20 Mar 2026 19:00 at a centre (open till 20:00): Friday is the day of receipt. Agency days:
    // Sat, Sun, Mon 23 Nauryz, Tue 24 and Wed 25 carried → Thu 26 (1), Fri 27 (2), Mon 30 (3), Tue 31 (4), Wed 1 Apr (5).
    title: 'a 5-working-day back-office review received on the Friday evening before Nauryz 2026',
    input: { calendar: agency, intakeCalendar: centre, receivedAt: at('2026-03-20T14:00:00Z'), duration: 5, unit: 'workingDays', office: 'back' },
    registeredAt: '2026-03-20T14:00:00Z',
    applicantDueAt: '2026-04-01T13:30:00Z', // Wed 1 Apr 18:30
    backOfficeDueAt: '2026-03-31T13:30:00Z', // D-1: Tue 31 Mar 18:30
    warnAt: '2026-03-31T05:36:00Z', // 0.8 × 32 h of agency time = 25 h 36 min → Tue 31 Mar 10:36
  },
  {
    // The same moment at the agency's own desk, already closed (18:30): registered at its next opening,
    // Thu 26 Mar 9:00, the new day of receipt → Fri 27 (1), Mon 30, Tue 31, Wed 1, Thu 2 Apr (5).
    title: 'the same application at the agency desk after closing',
    input: { calendar: agency, receivedAt: at('2026-03-20T14:00:00Z'), duration: 5, unit: 'workingDays' },
    registeredAt: '2026-03-26T04:00:00Z',
    applicantDueAt: '2026-04-02T13:30:00Z',
  },
  {
    // Thu 31 Dec 2026 10:00: 1 Jan (Fri) holiday, 2 Jan (Sat) holiday carried to Mon 4, Tue 5 (1), Wed 6 (2),
    // Thu 7 Christmas (not carried, closed), Fri 8 (3).
    title: '3 working days over New Year 2027',
    input: { calendar: agency, receivedAt: at('2026-12-31T05:00:00Z'), duration: 3, unit: 'workingDays', office: 'back' },
    registeredAt: '2026-12-31T05:00:00Z',
    applicantDueAt: '2027-01-08T13:30:00Z', // Fri 8 Jan 18:30
    backOfficeDueAt: '2027-01-06T13:30:00Z', // Wed 6 Jan 18:30 (7 Jan is closed)
  },
  {
    // Thu 29 Jun 2023 10:00: Fri 30 Jun (1), Sat 1 Jul worked by decree with Monday hours (2).
    title: '2 working days onto a transferred Saturday',
    input: { calendar: transferCalendar, receivedAt: at('2023-06-29T04:00:00Z'), duration: 2, unit: 'workingDays' },
    registeredAt: '2023-06-29T04:00:00Z',
    applicantDueAt: '2023-07-01T12:00:00Z', // Sat 1 Jul 18:00 (+06 in 2023)
  },
  {
    // Wed 5 Jul 2023 10:00: Thu 6 Capital Day, Fri 7 off by decree, weekend → Mon 10 (1), Tue 11 (2).
    title: '2 working days over the transferred Friday',
    input: { calendar: transferCalendar, receivedAt: at('2023-07-05T04:00:00Z'), duration: 2, unit: 'workingDays', office: 'back' },
    registeredAt: '2023-07-05T04:00:00Z',
    applicantDueAt: '2023-07-11T12:00:00Z', // Tue 11 Jul 18:00 (+06)
    backOfficeDueAt: '2023-07-10T12:00:00Z', // Mon 10 Jul 18:00 (+06)
  },
  {
    // Wed 25 Feb 2026 + 11 calendar days = Sun 8 Mar (holiday); Mon 9 carried → Tue 10 Mar 18:30 (rule 4).
    title: 'calendar days landing on a Sunday holiday',
    input: { calendar: agency, receivedAt: at('2026-02-25T06:00:00Z'), duration: 11, unit: 'calendarDays' },
    registeredAt: '2026-02-25T06:00:00Z',
    applicantDueAt: '2026-03-10T13:30:00Z',
  },
  {
    // Thu 12 Mar 2026 + 10 calendar days = Sun 22 Mar (Nauryz); 23 Nauryz, 24–25 carried → Thu 26 Mar 18:30;
    // D-1 is the last working day before it, Fri 20 Mar.
    title: 'calendar days landing on Nauryz, for the back office',
    input: { calendar: agency, receivedAt: at('2026-03-12T05:00:00Z'), duration: 10, unit: 'calendarDays', office: 'back' },
    registeredAt: '2026-03-12T05:00:00Z',
    applicantDueAt: '2026-03-26T13:30:00Z',
    backOfficeDueAt: '2026-03-20T13:30:00Z',
  },
  {
    // Tue 14 Apr 2026 10:00 + 7 calendar days = Tue 21 Apr, a working day: its own close, 18:30. D-1: Mon 20 Apr.
    // Calendar units warn on elapsed time: 0.8 × (Mon 20 Apr 18:30 − Tue 14 Apr 10:00 = 152.5 h) = 122 h → Sun 19 Apr 12:00.
    title: 'calendar days landing on an ordinary working day, for the back office',
    input: { calendar: agency, receivedAt: at('2026-04-14T05:00:00Z'), duration: 7, unit: 'calendarDays', office: 'back' },
    registeredAt: '2026-04-14T05:00:00Z',
    applicantDueAt: '2026-04-21T13:30:00Z',
    backOfficeDueAt: '2026-04-20T13:30:00Z',
    warnAt: '2026-04-19T07:00:00Z',
  },
  {
    // Thu 28 May 2026 + 5 calendar days: 29, 30, 31 May, 1, 2 Jun → Tue 2 Jun 18:30.
    title: 'calendar days across a month end',
    input: { calendar: agency, receivedAt: at('2026-05-28T05:00:00Z'), duration: 5, unit: 'calendarDays' },
    registeredAt: '2026-05-28T05:00:00Z',
    applicantDueAt: '2026-06-02T13:30:00Z',
  },
  {
    // Mon 4 May 2026 + 10 calendar days = Thu 14 May: Defender's Day (Thu 7) and Victory Day (Sat 9, off
    // on Mon 11) count like any day. D-1: Wed 13 May.
    title: 'calendar days across two holidays, landing on a working day',
    input: { calendar: agency, receivedAt: at('2026-05-04T05:00:00Z'), duration: 10, unit: 'calendarDays', office: 'back' },
    registeredAt: '2026-05-04T05:00:00Z',
    applicantDueAt: '2026-05-14T13:30:00Z',
    backOfficeDueAt: '2026-05-13T13:30:00Z',
  },
  {
    // Mon 4 May 2026 + 7 calendar days = Mon 11 May, the day off Victory Day (Sat 9) carries to → Tue 12 May.
    // D-1: the last working day before Tue 12 is Fri 8 May.
    title: 'calendar days landing on a carried day off, for the back office',
    input: { calendar: agency, receivedAt: at('2026-05-04T05:00:00Z'), duration: 7, unit: 'calendarDays', office: 'back' },
    registeredAt: '2026-05-04T05:00:00Z',
    applicantDueAt: '2026-05-12T13:30:00Z',
    backOfficeDueAt: '2026-05-08T13:30:00Z',
  },
  {
    // Mon 25 May 2026 + 3 calendar days = Thu 28 May, Kurban Ait (Wed 27, a one-off) counted like any day.
    title: 'calendar days across Kurban Ait',
    input: { calendar: agency, receivedAt: at('2026-05-25T05:00:00Z'), duration: 3, unit: 'calendarDays' },
    registeredAt: '2026-05-25T05:00:00Z',
    applicantDueAt: '2026-05-28T13:30:00Z',
  },
  {
    // Tue 27 Jun 2023 10:00 (+06) + 4 calendar days = Sat 1 Jul, worked by decree: its close, 18:00. D-1: Fri 30 Jun.
    title: 'calendar days landing on a Saturday worked by decree, for the back office',
    input: { calendar: transferCalendar, receivedAt: at('2023-06-27T04:00:00Z'), duration: 4, unit: 'calendarDays', office: 'back' },
    registeredAt: '2023-06-27T04:00:00Z',
    applicantDueAt: '2023-07-01T12:00:00Z',
    backOfficeDueAt: '2023-06-30T12:00:00Z',
  },
  {
    // Fri 30 Jun 2023 + 7 calendar days = Fri 7 Jul, off by decree; the weekend → Mon 10 Jul 18:00.
    // D-1: Fri 7 off, Thu 6 Capital Day → Wed 5 Jul.
    title: 'calendar days landing on the Friday off by decree, for the back office',
    input: { calendar: transferCalendar, receivedAt: at('2023-06-30T04:00:00Z'), duration: 7, unit: 'calendarDays', office: 'back' },
    registeredAt: '2023-06-30T04:00:00Z',
    applicantDueAt: '2023-07-10T12:00:00Z',
    backOfficeDueAt: '2023-07-05T12:00:00Z',
  },
  {
    // Tue 14 Apr 2026 11:00 + 4 working hours: 11:00–13:00, lunch, 14:30–16:30. Warn at 3 h 12 min: 15:42.
    title: 'working hours across the lunch break',
    input: { calendar: agency, receivedAt: at('2026-04-14T06:00:00Z'), duration: 4, unit: 'workingHours', office: 'back' },
    registeredAt: '2026-04-14T06:00:00Z',
    applicantDueAt: '2026-04-14T11:30:00Z',
    backOfficeDueAt: '2026-04-14T11:30:00Z', // no D-1 for hours
    warnAt: '2026-04-14T10:42:00Z',
  },
  {
    // Tue 14 Apr 2026 11:00 + 10 working hours: Tue 11:00–13:00 and 14:30–18:30 (6 h), Wed 9:00–13:00 (4 h)
    // → Wed 15 Apr 13:00, the start of lunch. No D-1 for hours, though the term spans two days.
    // Warn at 8 h: Wed 11:00.
    title: 'working hours over two days, for the back office',
    input: { calendar: agency, receivedAt: at('2026-04-14T06:00:00Z'), duration: 10, unit: 'workingHours', office: 'back' },
    registeredAt: '2026-04-14T06:00:00Z',
    applicantDueAt: '2026-04-15T08:00:00Z',
    backOfficeDueAt: '2026-04-15T08:00:00Z',
    warnAt: '2026-04-15T06:00:00Z',
  },
  {
    // Tue 14 Apr 2026 19:45 at a centre, a 30-minute queue: wall-clock 20:15 even though it closes at 20:00.
    title: 'minutes count on the wall clock',
    input: { calendar: centre, receivedAt: at('2026-04-14T14:45:00Z'), duration: 30, unit: 'minutes' },
    registeredAt: '2026-04-14T14:45:00Z',
    applicantDueAt: '2026-04-14T15:15:00Z',
    warnAt: '2026-04-14T15:09:00Z', // 24 minutes in
  },
  {
    // Sun 12 Apr 2026 15:00: registered Mon 13 Apr 9:00 (rule 7), Monday not counted → Tue 14 (1), Wed 15 (2), 20:00.
    title: 'an arrival on a Sunday',
    input: { calendar: centre, receivedAt: at('2026-04-12T10:00:00Z'), duration: 2, unit: 'workingDays' },
    registeredAt: '2026-04-13T04:00:00Z',
    applicantDueAt: '2026-04-15T15:00:00Z',
  },
  {
    // Sat 11 Apr 2026 10:00, the centre is open: Saturday is the day of receipt → Mon 13 Apr (1) 20:00.
    title: 'an arrival on a centre Saturday morning',
    input: { calendar: centre, receivedAt: at('2026-04-11T05:00:00Z'), duration: 1, unit: 'workingDays', office: 'back' },
    registeredAt: '2026-04-11T05:00:00Z',
    applicantDueAt: '2026-04-13T15:00:00Z',
    backOfficeDueAt: '2026-04-11T08:00:00Z', // D-1: the centre's Saturday closes at 13:00, still after receipt at 10:00
  },
];

describe('computeDeadline', () => {
  describe('hand-checked dates', () => {
    it.each(table)('should give the hand-checked dates for $title', (c) => {
      const deadline = computeDeadline(c.input);
      expect(deadline.registeredAt).toEqual(at(c.registeredAt));
      expect(deadline.applicantDueAt).toEqual(at(c.applicantDueAt));
      expect(deadline.backOfficeDueAt).toEqual(c.backOfficeDueAt === undefined ? undefined : at(c.backOfficeDueAt));
      expect(deadline.dueAt).toEqual(at(c.backOfficeDueAt ?? c.applicantDueAt));
      if (c.warnAt) expect(deadline.warnAt).toEqual(at(c.warnAt));
    });
  });

  it('should give the back office no earlier day when D-1 would come before registration', () => {
    // Fri 10 Apr 2026 19:00 at a centre, 1 agency working day: D-1 = Fri 18:30, before the file arrived.
    const deadline = computeDeadline({
      calendar: agency,
      intakeCalendar: centre,
      receivedAt: at('2026-04-10T14:00:00Z'),
      duration: 1,
      unit: 'workingDays',
      office: 'back',
    });
    expect(deadline.applicantDueAt).toEqual(at('2026-04-13T13:30:00Z'));
    expect(deadline.backOfficeDueAt).toEqual(at('2026-04-13T13:30:00Z'));
  });

  it('should refuse a bad term, naming the field', () => {
    const base = { calendar: agency, receivedAt: at('2026-04-14T06:00:00Z') };
    const fieldOf = (input: DeadlineInput) => {
      try {
        computeDeadline(input);
      } catch (error) {
        return error instanceof InvalidArgumentError ? error.field : 'not an InvalidArgumentError';
      }
      return 'no error';
    };
    expect(fieldOf({ ...base, duration: 0, unit: 'workingDays' })).toBe('duration');
    expect(fieldOf({ ...base, duration: 1.5, unit: 'workingDays' })).toBe('duration');
    expect(fieldOf({ ...base, duration: 1, unit: 'fortnights' as SlaUnit })).toBe('unit');
    expect(fieldOf({ ...base, duration: 1, unit: 'minutes', warnAt: 1.2 })).toBe('warnAt');
    expect(fieldOf({ ...base, receivedAt: new Date(Number.NaN), duration: 1, unit: 'minutes' })).toBe('receivedAt');
  });

  describe('invariants', () => {
    const instant = fc.integer({ min: Date.parse('2023-01-01T00:00:00Z'), max: Date.parse('2027-10-31T00:00:00Z') }).map((t) => new Date(t));
    const unit = fc.constantFrom<SlaUnit>('workingDays', 'calendarDays', 'workingHours', 'minutes');
    const office = fc.constantFrom('front' as const, 'back' as const);
    const calendar = fc.constantFrom(...calendars);

    it('should never give an earlier deadline for a longer term', () => {
      fc.assert(
        fc.property(calendar, instant, unit, office, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 10 }), (cal, t, u, o, n, more) => {
          const shorter = computeDeadline({ calendar: cal, receivedAt: t, duration: n, unit: u, office: o });
          const longer = computeDeadline({ calendar: cal, receivedAt: t, duration: n + more, unit: u, office: o });
          return longer.dueAt >= shorter.dueAt && longer.applicantDueAt >= shorter.applicantDueAt;
        }),
      );
    });

    it('should end day and working-hour terms at a closing time or inside open time', () => {
      fc.assert(
        fc.property(calendar, instant, fc.constantFrom<SlaUnit>('workingDays', 'calendarDays', 'workingHours'), office, fc.integer({ min: 1, max: 30 }), (cal, t, u, o, n) => {
          const { dueAt, applicantDueAt } = computeDeadline({ calendar: cal, receivedAt: t, duration: n, unit: u, office: o });
          return [dueAt, applicantDueAt].every((due) => isOpen(cal, due) || endsAnInterval(cal, due));
        }),
      );
    });

    it('should register at an open moment, warn between registration and due, and keep D-1 before D', () => {
      fc.assert(
        fc.property(calendar, instant, unit, office, fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), (cal, t, u, o, n, w) => {
          const d = computeDeadline({ calendar: cal, receivedAt: t, duration: n, unit: u, office: o, warnAt: w });
          return (
            d.registeredAt >= t &&
            isOpen(cal, d.registeredAt) &&
            d.registeredAt <= d.warnAt &&
            d.warnAt <= d.dueAt &&
            d.dueAt <= d.applicantDueAt &&
            (o === 'back') === (d.backOfficeDueAt !== undefined)
          );
        }),
      );
    });

    it('should give working-hour terms exactly that much open time', () => {
      fc.assert(
        fc.property(calendar, instant, fc.integer({ min: 1, max: 100 }), (cal, t, n) => {
          const d = computeDeadline({ calendar: cal, receivedAt: t, duration: n, unit: 'workingHours' });
          return workingTimeBetween(cal, d.registeredAt, d.dueAt) === n * 3_600_000;
        }),
      );
    });
  });
});

function endsAnInterval(cal: (typeof calendars)[number], t: Date): boolean {
  const date = localDateOf(cal, new Date(t.getTime() - 1));
  return openIntervals(cal, date).some((interval) => interval.end.getTime() === t.getTime());
}
