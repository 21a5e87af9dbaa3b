import type { WorkingCalendar } from './WorkingCalendar.js';

type Holidays = WorkingCalendar['holidays'];
type OneOff = WorkingCalendar['oneOff'];
type Transfers = WorkingCalendar['transfers'];

const NEW_YEAR = { kk: 'Жаңа жыл', ru: 'Новый год' };
const NAURYZ = { kk: 'Наурыз мейрамы', ru: 'Наурыз мейрамы' };
const KURBAN_AIT = { kk: 'Құрбан айт (бірінші күні)', ru: 'Курбан айт (первый день)' };

/**
 * Kazakhstan's public holidays (DOMAIN.md, "Public holidays"). A holiday falling on a day off
 * moves to the next working day (`carryOver: true`), except the religious ones starred in
 * DOMAIN.md — Orthodox Christmas (7 Jan) and the first day of Kurban Ait — which never move.
 * `name` is English (the default); `names` give the Kazakh and Russian names the Law "On holidays
 * in the Republic of Kazakhstan" (13 Dec 2001, No. 267-II, as amended) uses, as written from
 * memory of it: not yet compared line by line with its published texts (adilet.zan.kz).
 */
export const kazakhstanHolidays: Holidays = [
  { month: 1, day: 1, name: 'New Year', names: NEW_YEAR, carryOver: true },
  { month: 1, day: 2, name: 'New Year', names: NEW_YEAR, carryOver: true },
  { month: 1, day: 7, name: 'Orthodox Christmas', names: { kk: 'Православиелік Рождество', ru: 'Православное Рождество' }, carryOver: false },
  { month: 3, day: 8, name: "International Women's Day", names: { kk: 'Халықаралық әйелдер күні', ru: 'Международный женский день' }, carryOver: true },
  { month: 3, day: 21, name: 'Nauryz meiramy', names: NAURYZ, carryOver: true },
  { month: 3, day: 22, name: 'Nauryz meiramy', names: NAURYZ, carryOver: true },
  { month: 3, day: 23, name: 'Nauryz meiramy', names: NAURYZ, carryOver: true },
  { month: 5, day: 1, name: 'Unity Day of the People of Kazakhstan', names: { kk: 'Қазақстан халқының бірлігі мерекесі', ru: 'Праздник единства народа Казахстана' }, carryOver: true },
  { month: 5, day: 7, name: 'Defender of the Fatherland Day', names: { kk: 'Отан қорғаушы күні', ru: 'День защитника Отечества' }, carryOver: true },
  { month: 5, day: 9, name: 'Victory Day', names: { kk: 'Жеңіс күні', ru: 'День Победы' }, carryOver: true },
  { month: 7, day: 6, name: 'Capital Day', names: { kk: 'Астана күні', ru: 'День Столицы' }, carryOver: true },
  { month: 8, day: 30, name: 'Constitution Day', names: { kk: 'Қазақстан Республикасының Конституциясы күні', ru: 'День Конституции Республики Казахстан' }, carryOver: true },
  { month: 10, day: 25, name: 'Republic Day', names: { kk: 'Республика күні', ru: 'День Республики' }, carryOver: true },
  { month: 12, day: 16, name: 'Independence Day', names: { kk: 'Тәуелсіздік күні', ru: 'День Независимости' }, carryOver: true },
];

/**
 * The first day of Kurban Ait, fixed every year by the Ministry of Labour with the Spiritual
 * Administration of Muslims of Kazakhstan (DUMK); it never carries over.
 * - 2025-06-06 (Fri): the egov.kz holiday calendar for 2025, as reported by the press
 *   (e.g. mgorod.kz, pobipb.kz). Confirmed.
 * - 2026-05-27 (Wed): DUMK's calendar of religious dates for 2026 (published 6 Nov 2025) and the
 *   egov.kz holiday calendar for 2026 (Kazinform, 2 Jan 2026). Confirmed.
 * - 2027-05-16 (Sun): NOT YET ANNOUNCED — an astronomical estimate (10 Dhu al-Hijjah 1448), to be
 *   confirmed against DUMK's calendar / the government's holiday calendar for 2027, and may move
 *   by a day. On a Sunday it closes nothing extra (no carry-over), so an error here is harmless
 *   for Mon–Fri work, but would matter for a calendar open on that day.
 */
export const kurbanAitFirstDays: OneOff = [
  { date: '2025-06-06', name: 'Kurban Ait (first day)', names: KURBAN_AIT },
  { date: '2026-05-27', name: 'Kurban Ait (first day)', names: KURBAN_AIT },
  {
    date: '2027-05-16',
    name: 'Kurban Ait (first day) — estimate, to be confirmed',
    names: { kk: `${KURBAN_AIT.kk} — болжам, расталуы керек`, ru: `${KURBAN_AIT.ru} — оценка, подлежит подтверждению` },
  },
];

/**
 * Working days moved by decree (DOMAIN.md: "the government also transfers working days").
 * - 2025: the Minister of Labour's order moved the day off from Sunday 5 January to Friday
 *   3 January (1–4 January off, Sunday 5 January worked), as reported by the press in Nov 2024.
 * - 2026: the published holiday calendar lists only carry-overs (9 Mar, 24–25 Mar, 11 May, 31 Aug,
 *   26 Oct), no transfer.
 * - 2027: no decree known yet (they are usually published in the autumn before): left empty, to be
 *   added as data when published.
 */
export const kazakhstanTransfers: Transfers = [
  {
    date: '2025-01-03',
    working: false,
    note: 'day off moved from Sunday 5 January 2025',
    notes: { kk: 'демалыс күні 2025 жылғы 5 қаңтардан, жексенбіден ауыстырылды', ru: 'выходной перенесён с воскресенья 5 января 2025 года' },
  },
  {
    date: '2025-01-05',
    working: true,
    note: 'worked instead of Friday 3 January 2025',
    notes: { kk: '2025 жылғы 3 қаңтардың, жұманың орнына жұмыс күні', ru: 'рабочий день вместо пятницы 3 января 2025 года' },
  },
];
