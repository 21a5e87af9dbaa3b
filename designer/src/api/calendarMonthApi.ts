import type { InLanguages } from '../i18n/i18n.js';
import type { ApiClient } from './ApiClient.js';

/** One day of `GET /api/calendars/:id/month` (server/calendars/calendarMonth.ts). */
export interface MonthDay {
  readonly date: string;
  readonly working: boolean;
  readonly hours: readonly string[];
  readonly holiday?: string;
  readonly holidayNames?: InLanguages;
  readonly oneOff?: string;
  readonly oneOffNames?: InLanguages;
  readonly transfer?: 'worked' | 'off';
}

export interface CalendarMonthView {
  readonly id: string;
  readonly month: string;
  readonly days: readonly MonthDay[];
  readonly sample?: { readonly receivedAt: string; readonly duration: number; readonly unit: string; readonly dueAt: string; readonly dueDate: string };
}

export interface SampleTerm {
  readonly receivedAt: string;
  readonly duration: number;
  readonly unit: 'workingDays' | 'calendarDays' | 'workingHours';
}

export const calendarMonthApi = {
  month: (api: ApiClient, id: string, month: string, sample?: SampleTerm) => {
    const query = new URLSearchParams({ month, ...(sample ? { receivedAt: sample.receivedAt, duration: String(sample.duration), unit: sample.unit } : {}) });
    return api.request<CalendarMonthView>('GET', `/api/calendars/${encodeURIComponent(id)}/month?${query}`);
  },
};
