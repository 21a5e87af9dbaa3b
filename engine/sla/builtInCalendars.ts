import { parseCalendar, type WorkingCalendar } from './WorkingCalendar.js';
import { kazakhstanHolidays, kazakhstanTransfers, kurbanAitFirstDays } from './kazakhstanHolidays.js';

const ALMATY = 'Asia/Almaty';

/**
 * A "duty" public service centre (DOMAIN.md, opening hours): Mon–Fri 9:00–20:00 and Sat
 * 9:00–13:00, no lunch break. Public holidays and their carried days off close it too.
 */
export const centreCalendar: WorkingCalendar = parseCalendar({
  id: 'centre',
  name: 'Public service centre (duty): Mon–Fri 9:00–20:00, Sat 9:00–13:00',
  zone: ALMATY,
  week: {
    mon: [{ from: '09:00', to: '20:00' }],
    tue: [{ from: '09:00', to: '20:00' }],
    wed: [{ from: '09:00', to: '20:00' }],
    thu: [{ from: '09:00', to: '20:00' }],
    fri: [{ from: '09:00', to: '20:00' }],
    sat: [{ from: '09:00', to: '13:00' }],
  },
  holidays: kazakhstanHolidays,
  oneOff: kurbanAitFirstDays,
  transfers: kazakhstanTransfers,
});

/** An agency's back office: Mon–Fri 9:00–18:30 with lunch 13:00–14:30 (DOMAIN.md, opening hours). */
export const agencyCalendar: WorkingCalendar = parseCalendar({
  id: 'agency',
  name: 'Agency back office: Mon–Fri 9:00–18:30, lunch 13:00–14:30',
  zone: ALMATY,
  week: {
    mon: [{ from: '09:00', to: '13:00' }, { from: '14:30', to: '18:30' }],
    tue: [{ from: '09:00', to: '13:00' }, { from: '14:30', to: '18:30' }],
    wed: [{ from: '09:00', to: '13:00' }, { from: '14:30', to: '18:30' }],
    thu: [{ from: '09:00', to: '13:00' }, { from: '14:30', to: '18:30' }],
    fri: [{ from: '09:00', to: '13:00' }, { from: '14:30', to: '18:30' }],
  },
  holidays: kazakhstanHolidays,
  oneOff: kurbanAitFirstDays,
  transfers: kazakhstanTransfers,
});

/** The calendars a `ps:sla calendar="centre" | "agency"` attribute names without any set-up. */
export const builtInCalendars = Object.freeze({ centre: centreCalendar, agency: agencyCalendar } as const);
