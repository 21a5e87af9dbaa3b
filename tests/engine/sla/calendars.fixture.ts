import { parseCalendar, builtInCalendars } from '../../../engine/sla/index.js';

/**
 * A five-day office 9:00–18:00 with 2023's decree as data: Sat 1 Jul worked, Fri 7 Jul off
 * (DOMAIN.md), and Capital Day on 6 Jul.
 */
export const transferCalendar = parseCalendar({
  id: 'test-transfer-2023',
  zone: 'Asia/Almaty',
  week: {
    mon: [{ from: '09:00', to: '18:00' }],
    tue: [{ from: '09:00', to: '18:00' }],
    wed: [{ from: '09:00', to: '18:00' }],
    thu: [{ from: '09:00', to: '18:00' }],
    fri: [{ from: '09:00', to: '18:00' }],
  },
  holidays: [{ month: 7, day: 6, name: 'Capital Day', carryOver: true }],
  transfers: [
    { date: '2023-07-01', working: true, note: 'worked instead of Fri 7 Jul' },
    { date: '2023-07-07', working: false, note: 'moved from Sat 1 Jul' },
  ],
});

/** A calendar open round the clock on weekdays but only 10:00–10:05 on Sundays, in another zone. */
export const oddCalendar = parseCalendar({
  id: 'test-odd',
  zone: 'Europe/Berlin',
  week: {
    mon: [{ from: '00:00', to: '24:00' }],
    wed: [{ from: '08:00', to: '08:30' }, { from: '12:00', to: '12:01' }, { from: '23:00', to: '24:00' }],
    sun: [{ from: '10:00', to: '10:05' }],
  },
});

export const calendars = [builtInCalendars.centre, builtInCalendars.agency, transferCalendar, oddCalendar] as const;
