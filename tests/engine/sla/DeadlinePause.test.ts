import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../engine/errors.js';
import {
  builtInCalendars,
  computeDeadline,
  extendDeadline,
  pauseDeadline,
  pauseExpiresAt,
  resumeDeadline,
} from '../../../engine/sla/index.js';

const { agency } = builtInCalendars;
const at = (iso: string) => new Date(iso);

// Mon 13 Apr 2026 9:00 at the agency, 5 working days: Tue 14 (1) … Mon 20 Apr (5), due 18:30.
const deadline = computeDeadline({ calendar: agency, receivedAt: at('2026-04-13T04:00:00Z'), duration: 5, unit: 'workingDays' });
// Paused for documents on Wed 15 Apr 12:00.
const paused = pauseDeadline(deadline, at('2026-04-15T07:00:00Z'));

describe('pauseDeadline and resumeDeadline (rule 5)', () => {
  it('should start from the hand-checked deadline', () => {
    expect(deadline.applicantDueAt).toEqual(at('2026-04-20T13:30:00Z'));
  });

  it('should record the pause and its 30-day limit', () => {
    expect(paused.pausedAt).toEqual(at('2026-04-15T07:00:00Z'));
    expect(paused.expiresAt).toEqual(at('2026-05-15T07:00:00Z'));
    expect(pauseExpiresAt(at('2026-04-15T07:00:00Z'), 10)).toEqual(at('2026-04-25T07:00:00Z'));
  });

  it('should restart the full term when the documents arrive', () => {
    // Documents Mon 27 Apr 16:00 (open): receipt day Monday → Tue 28 (1), Wed 29, Thu 30, Fri 1 May holiday,
    // Mon 4 May (4), Tue 5 May (5), 18:30.
    const resumed = resumeDeadline(paused, { calendar: agency, at: at('2026-04-27T11:00:00Z'), mode: 'restart' });
    expect(resumed.registeredAt).toEqual(at('2026-04-27T11:00:00Z'));
    expect(resumed.dueAt).toEqual(at('2026-05-05T13:30:00Z'));
  });

  it('should continue with the working time that was left', () => {
    // Left at Wed 15 Apr 12:00: 1 h + 4 h that day, Thu, Fri, Mon 8 h each = 29 h. From Mon 27 Apr 16:00:
    // 2.5 h, Tue 28, Wed 29, Thu 30 (24 h), Fri 1 May holiday, Mon 4 May 9:00 + 2.5 h = 11:30.
    const resumed = resumeDeadline(paused, { calendar: agency, at: at('2026-04-27T11:00:00Z'), mode: 'continue' });
    expect(resumed.registeredAt).toEqual(deadline.registeredAt);
    expect(resumed.dueAt).toEqual(at('2026-05-04T06:30:00Z'));
    expect(resumed.warnAt.getTime()).toBeLessThanOrEqual(resumed.dueAt.getTime());
    expect(resumed.warnAt.getTime()).toBeGreaterThan(at('2026-04-27T11:00:00Z').getTime());
  });

  it('should shift a calendar-day deadline by the elapsed pause and roll it to a closing time', () => {
    // Mon 13 Apr 2026 10:00 + 10 calendar days = Thu 23 Apr 18:30. Paused Wed 15 Apr 10:00 for exactly 8 days
    // → Fri 1 May 18:30, a holiday → Mon 4 May 18:30 (rule 4).
    const byDays = computeDeadline({ calendar: agency, receivedAt: at('2026-04-13T05:00:00Z'), duration: 10, unit: 'calendarDays' });
    expect(byDays.dueAt).toEqual(at('2026-04-23T13:30:00Z'));
    const resumed = resumeDeadline(pauseDeadline(byDays, at('2026-04-15T05:00:00Z')), {
      calendar: agency,
      at: at('2026-04-23T05:00:00Z'),
      mode: 'continue',
    });
    expect(resumed.dueAt).toEqual(at('2026-05-04T13:30:00Z'));
  });

  it('should refuse a resume after the pause expired', () => {
    expect(() => resumeDeadline(paused, { calendar: agency, at: at('2026-05-16T07:00:00Z'), mode: 'restart' })).toThrow(
      InvalidArgumentError,
    );
  });

  it('should refuse a pause before the registration', () => {
    expect(() => pauseDeadline(deadline, at('2026-04-13T03:00:00Z'))).toThrow(/before the registration/);
  });
});

describe('extendDeadline (rule 6)', () => {
  it('should add calendar days and land on a closing time', () => {
    // Mon 20 Apr 18:30 + 15 days = Tue 5 May 18:30, a working day.
    expect(extendDeadline(deadline, 15, agency).dueAt).toEqual(at('2026-05-05T13:30:00Z'));
    // + 11 days = Fri 1 May, a holiday → Mon 4 May 18:30 (rule 4).
    expect(extendDeadline(deadline, 11, agency).dueAt).toEqual(at('2026-05-04T13:30:00Z'));
  });

  it('should derive the back office D-1 again', () => {
    const back = computeDeadline({ calendar: agency, receivedAt: at('2026-04-13T04:00:00Z'), duration: 5, unit: 'workingDays', office: 'back' });
    const extended = extendDeadline(back, 15, agency);
    expect(extended.applicantDueAt).toEqual(at('2026-05-05T13:30:00Z'));
    expect(extended.backOfficeDueAt).toEqual(at('2026-05-04T13:30:00Z'));
  });

  it('should refuse more than 15 days, naming the limit', () => {
    const refuse = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof InvalidArgumentError ? `${error.field}: ${error.message}` : String(error);
      }
      return 'no error';
    };
    expect(refuse(() => extendDeadline(deadline, 16, agency))).toMatch(/^days: .*at most 15 calendar days/);
    // The limit is for the whole case: 10 granted, 6 more refused.
    expect(refuse(() => extendDeadline(extendDeadline(deadline, 10, agency), 6, agency))).toMatch(/10 already granted/);
  });

  it('should refuse an extension of no days, of days gone back, or of part of a day, naming the field', () => {
    for (const days of [0, -3, 1.5, Number.NaN]) {
      expect(() => extendDeadline(deadline, days, agency), String(days)).toThrow(/^days: .* is not a positive whole number of days/);
    }
    expect(extendDeadline(deadline, 1, agency).extendedDays).toBe(1);
  });

  it('should keep the extension when a paused term restarts', () => {
    const extended = extendDeadline(deadline, 5, agency);
    const resumed = resumeDeadline(pauseDeadline(extended, at('2026-04-15T07:00:00Z')), {
      calendar: agency,
      at: at('2026-04-27T11:00:00Z'),
      mode: 'restart',
    });
    // Restarted term Tue 5 May 18:30 + 5 days = Sun 10 May → Mon 11 May carried (Victory Day) → Tue 12 May 18:30.
    expect(resumed.extendedDays).toBe(5);
    expect(resumed.dueAt).toEqual(at('2026-05-12T13:30:00Z'));
  });
});
