import { NotFoundError } from '../errors.js';
import type { PolicyDocuments } from '../PolicyDocuments.js';
import { builtInCalendars, parseCalendar, type WorkingCalendar } from '../sla/index.js';

export interface CalendarVersion {
  readonly version: number;
  readonly at: string;
  readonly calendar: WorkingCalendar;
  readonly by?: string;
  readonly reason?: string;
}

/**
 * The working calendars deadlines are counted on: the built-in `centre` and `agency` until a
 * coordinator edits them, then the latest stored version. Every edit is a new version with
 * its author and reason, and an audit entry.
 */
export class CalendarRegistry {
  /**
   * The parsed calendar of each stored version, so a step reuses the same frozen object (and with
   * it the schedule memoised on it, DaySchedule.ts) instead of validating and rebuilding it.
   */
  private readonly parsed = new Map<string, { readonly version: number; readonly calendar: WorkingCalendar }>();

  constructor(private readonly documents: PolicyDocuments) {}

  async get(id: string): Promise<WorkingCalendar> {
    const found = await this.find(id);
    if (!found) throw new NotFoundError('calendar', id);
    return found;
  }

  async find(id: string): Promise<WorkingCalendar | undefined> {
    const stored = await this.documents.get<{ calendar: WorkingCalendar }>('calendar', id);
    if (stored) {
      const known = this.parsed.get(id);
      if (known?.version === stored.version) return known.calendar;
      const calendar = parseCalendar(stored.doc.calendar);
      this.parsed.set(id, { version: stored.version, calendar });
      return calendar;
    }
    // Own keys only: `constructor` or `toString` is no calendar (it was Object.prototype's member).
    return Object.hasOwn(builtInCalendars, id) ? (builtInCalendars as Record<string, WorkingCalendar>)[id] : undefined;
  }

  async put(id: string, input: unknown, options: { by: string; reason?: string }): Promise<CalendarVersion> {
    const calendar = parseCalendar({ ...(input as Record<string, unknown>), id });
    const record = await this.documents.write<{ calendar: WorkingCalendar; by: string; reason?: string }>(
      'calendar',
      id,
      () => ({ calendar, by: options.by, ...(options.reason ? { reason: options.reason } : {}) }),
      { by: options.by, action: 'calendar.put', data: options.reason ? { reason: options.reason } : {} },
    );
    return { version: record.version, at: record.at, calendar, by: options.by, ...(options.reason ? { reason: options.reason } : {}) };
  }

  async versions(id: string): Promise<CalendarVersion[]> {
    const stored = await this.documents.versions<{ calendar: WorkingCalendar; by?: string; reason?: string }>('calendar', id);
    return stored.map((r) => ({ version: r.version, at: r.at, calendar: r.doc.calendar, ...(r.doc.by ? { by: r.doc.by } : {}), ...(r.doc.reason ? { reason: r.doc.reason } : {}) }));
  }

  /** Ids of every calendar: the built-ins and the stored ones. */
  async list(): Promise<string[]> {
    const stored = await this.documents.list('calendar');
    return [...new Set([...Object.keys(builtInCalendars), ...stored.map((r) => r.id)])].sort();
  }
}
