import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../engine/errors.js';
import { parseCalendar, builtInCalendars } from '../../../engine/sla/index.js';

const valid = {
  id: 'test',
  zone: 'Asia/Almaty',
  week: { mon: [{ from: '09:00', to: '13:00' }, { from: '14:30', to: '18:30' }] },
};

function errorOf(input: unknown): InvalidArgumentError {
  try {
    parseCalendar(input);
  } catch (error) {
    if (error instanceof InvalidArgumentError) return error;
    throw error;
  }
  throw new Error('expected parseCalendar to throw');
}

describe('parseCalendar', () => {
  it('should accept a calendar and fill in the defaults', () => {
    const calendar = parseCalendar(valid);
    expect(calendar.week.tue).toEqual([]);
    expect(calendar.holidays).toEqual([]);
    expect(calendar.name).toBe('');
  });

  it('should name the field of a time that is not a time', () => {
    const error = errorOf({ ...valid, week: { mon: [{ from: '09:00', to: '13:00' }, { from: '14:30', to: '25:00' }] } });
    expect(error.field).toBe('week.mon[1].to');
    expect(error.message).toContain("'25:00' is not a time");
  });

  it('should refuse intervals out of order or overlapping', () => {
    const error = errorOf({ ...valid, week: { fri: [{ from: '09:00', to: '13:00' }, { from: '12:00', to: '18:00' }] } });
    expect(error.field).toBe('week.fri[1].from');
    expect(error.message).toContain('must be in order and not overlap');
  });

  it('should refuse an interval that ends before it starts', () => {
    expect(errorOf({ ...valid, week: { mon: [{ from: '18:00', to: '09:00' }] } }).field).toBe('week.mon[0].to');
  });

  it('should accept 24:00 as the end of a day but not as a start', () => {
    expect(parseCalendar({ ...valid, week: { sun: [{ from: '00:00', to: '24:00' }] } }).week.sun).toHaveLength(1);
    expect(errorOf({ ...valid, week: { sun: [{ from: '24:00', to: '24:00' }] } }).field).toBe('week.sun[0].from');
  });

  it('should refuse a zone that is not an IANA zone', () => {
    const error = errorOf({ ...valid, zone: 'Asia/Alma-Ata-City' });
    expect(error.field).toBe('zone');
    expect(error.message).toContain('is not an IANA time zone');
  });

  it('should refuse a calendar that is never open', () => {
    expect(errorOf({ ...valid, week: {} }).field).toBe('week');
  });

  it('should refuse impossible dates and days of month', () => {
    expect(errorOf({ ...valid, oneOff: [{ date: '2026-02-30', name: 'x' }] }).field).toBe('oneOff[0].date');
    expect(errorOf({ ...valid, holidays: [{ month: 4, day: 31, name: 'x', carryOver: true }] }).field).toBe('holidays[0].day');
  });

  it('should refuse a day off with hours and a date transferred twice', () => {
    const hours = [{ from: '09:00', to: '13:00' }];
    expect(errorOf({ ...valid, transfers: [{ date: '2023-07-07', working: false, hours, note: '' }] }).field).toBe('transfers[0].hours');
    const twice = [
      { date: '2023-07-01', working: true, note: '' },
      { date: '2023-07-01', working: false, note: '' },
    ];
    expect(errorOf({ ...valid, transfers: twice }).field).toBe('transfers[1].date');
  });

  it('should return a frozen calendar, since schedules are memoised per calendar', () => {
    expect(Object.isFrozen(parseCalendar(valid).week.mon)).toBe(true);
  });

  it('should build the centre and agency calendars in Asia/Almaty', () => {
    expect(builtInCalendars.centre.zone).toBe('Asia/Almaty');
    expect(builtInCalendars.centre.week.sat).toEqual([{ from: '09:00', to: '13:00' }]);
    expect(builtInCalendars.agency.week.mon).toEqual([
      { from: '09:00', to: '13:00' },
      { from: '14:30', to: '18:30' },
    ]);
  });

  describe('labels in other languages', () => {
    it('should read a stored calendar written before them as it did: no names, nothing required', () => {
      const old = parseCalendar({
        ...valid,
        name: 'Old centre',
        holidays: [{ month: 12, day: 16, name: 'Independence Day', carryOver: true }],
        oneOff: [{ date: '2026-05-27', name: 'Kurban Ait (first day)' }],
        transfers: [{ date: '2025-01-05', working: true, note: 'worked instead of Friday 3 January 2025' }],
      });
      expect(old.names).toBeUndefined();
      expect(old.holidays[0]).toEqual({ month: 12, day: 16, name: 'Independence Day', carryOver: true });
      expect(old.oneOff[0]).toEqual({ date: '2026-05-27', name: 'Kurban Ait (first day)' });
      expect(old.transfers[0]!.notes).toBeUndefined();
    });

    it('should keep the names and notes a calendar gives in kk, ru or en, any of them', () => {
      const calendar = parseCalendar({
        ...valid,
        name: 'Орталық',
        names: { en: 'Centre', kk: 'Орталық' },
        holidays: [{ month: 12, day: 16, name: 'Independence Day', names: { kk: 'Тәуелсіздік күні', ru: 'День Независимости' }, carryOver: true }],
        oneOff: [{ date: '2026-05-27', name: 'Kurban Ait', names: { ru: 'Курбан айт' } }],
        transfers: [{ date: '2025-01-03', working: false, note: 'moved', notes: { kk: 'ауыстырылды' } }],
      });
      expect(calendar.names).toEqual({ en: 'Centre', kk: 'Орталық' });
      expect(calendar.holidays[0]!.names).toEqual({ kk: 'Тәуелсіздік күні', ru: 'День Независимости' });
      expect(calendar.oneOff[0]!.names).toEqual({ ru: 'Курбан айт' });
      expect(calendar.transfers[0]!.notes).toEqual({ kk: 'ауыстырылды' });
    });

    it('should refuse an empty translation and drop a language the UI does not speak', () => {
      expect(errorOf({ ...valid, holidays: [{ month: 1, day: 1, name: 'New Year', names: { kk: '' }, carryOver: true }] }).field).toBe('holidays[0].names.kk');
      expect(parseCalendar({ ...valid, oneOff: [{ date: '2026-05-27', name: 'Kurban Ait', names: { de: 'Opferfest' } }] }).oneOff[0]!.names).toEqual({});
    });

    it("should give every built-in holiday, one-off day and transfer its Kazakh and Russian", () => {
      for (const calendar of Object.values(builtInCalendars)) {
        for (const entry of [...calendar.holidays, ...calendar.oneOff]) {
          expect(entry.names?.kk, entry.name).toMatch(/[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
          expect(entry.names?.ru, entry.name).toMatch(/[А-Яа-я]/);
        }
        for (const transfer of calendar.transfers) {
          expect(transfer.notes?.kk, transfer.note).toMatch(/[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
          expect(transfer.notes?.ru, transfer.note).toMatch(/[А-Яа-я]/);
        }
      }
      expect(builtInCalendars.centre.holidays.find((h) => h.month === 12 && h.day === 16)!.names).toEqual({ kk: 'Тәуелсіздік күні', ru: 'День Независимости' });
    });
  });
});
