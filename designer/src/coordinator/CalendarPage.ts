import { css, html } from 'lit';
import type { ApiClient } from '../api/ApiClient.js';
import { calendarMonthApi, type CalendarMonthView, type SampleTerm } from '../api/calendarMonthApi.js';
import { oversightApi, type Calendar, type CalendarVersion } from '../api/oversightApi.js';
import { LocalizedElement, inLanguage, t, tMaybe, type InLanguages } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';
import './CalendarExceptionForm.js';
import type { CalendarException, CalendarExceptionForm } from './CalendarExceptionForm.js';
import './CalendarMonth.js';
import './CalendarVersions.js';
import './OpeningHoursForm.js';
import type { OpeningHoursChange, OpeningHoursForm } from './OpeningHoursForm.js';
import './CalendarView.js';
import type { ExceptionKind } from './CalendarView.js';

/** The coordinator's calendar editor: read a calendar, add or remove one-off days and transfers, PUT it, list its versions. */
export class CalendarPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    ids: { state: true },
    names: { state: true },
    calendarId: { state: true },
    calendar: { state: true },
    versions: { state: true },
    removal: { state: true },
    month: { state: true },
    monthView: { state: true },
    busy: { state: true },
    message: { state: true },
  };
  declare api: ApiClient;
  declare ids: string[];
  /** Each calendar's name: the built-in ones' in the UI's language, a stored one's own (in the reader's language when it gives one), else its id. */
  declare names: Map<string, { name: string; names?: InLanguages }>;
  declare calendarId: string;
  declare calendar: Calendar | undefined;
  declare versions: CalendarVersion[];
  declare removal: { kind: ExceptionKind; date: string } | undefined;
  /** The month shown (YYYY-MM, Astana) and how deadlines count it, with the sample asked for. */
  declare month: string;
  declare monthView: CalendarMonthView | undefined;
  private sample: SampleTerm | undefined;
  declare busy: boolean;
  declare message: string;
  static override styles = [
    formStyles,
    tableStyles,
    css`
      .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; align-items: start; }
      @media (max-width: 760px) { .columns { grid-template-columns: 1fr; } }
    `,
  ];

  constructor() {
    super();
    this.ids = [];
    this.names = new Map();
    this.calendarId = '';
    this.versions = [];
    this.month = new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 7);
    this.monthView = undefined;
    this.busy = false;
    this.message = '';
  }

  override firstUpdated() {
    void this.loadIds();
  }

  override render() {
    return html`
      <h2>${t('calendar.title')}</h2>
      <div class="field" style="max-width: 320px">
        <label for="calendar-id">${t('calendar.pick')}</label>
        <select id="calendar-id" .value=${this.calendarId} @change=${(e: Event) => this.open((e.target as HTMLSelectElement).value)}>
          ${this.ids.map((id) => html`<option value=${id} ?selected=${id === this.calendarId}>${this.nameOf(id)}</option>`)}
        </select>
      </div>
      <p class="status" role="status" aria-live="polite">${this.message}</p>
      <div class="columns">
        <section class="panel-box" aria-label=${this.nameOf(this.calendarId)}>
          <tereze-calendar-view .calendar=${this.calendar} @remove=${this.askRemoval}></tereze-calendar-view>
          ${this.removal ? this.renderRemoval(this.removal) : ''}
        </section>
        <section class="panel-box">
          <tereze-calendar-exception-form ?busy=${this.busy} @add-exception=${this.add}></tereze-calendar-exception-form>
        </section>
        <section class="panel-box">
          <tereze-opening-hours-form .calendar=${this.calendar} ?busy=${this.busy} @save-hours=${this.saveHours}></tereze-opening-hours-form>
        </section>
      </div>
      <section class="panel-box">
        <tereze-calendar-month .view=${this.monthView} .month=${this.month} @show-month=${this.showMonth}></tereze-calendar-month>
      </section>
      <h3>${t('calendar.versions')}</h3>
      <tereze-calendar-versions .versions=${this.versions}></tereze-calendar-versions>
    `;
  }

  private renderRemoval(removal: { kind: ExceptionKind; date: string }) {
    return html`<form class="panel" @submit=${this.confirmRemoval} novalidate>
      <div class="field">
        <label for="removal-reason">${t('calendar.removeReason', { date: removal.date })}</label>
        <textarea id="removal-reason" name="reason" rows="2" maxlength="500" required></textarea>
      </div>
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${t('calendar.remove')}</button>
        <button type="button" class="secondary" @click=${() => (this.removal = undefined)}>${t('common.cancel')}</button>
      </div>
    </form>`;
  }

  private async loadIds() {
    try {
      this.ids = await oversightApi.calendars(this.api);
      await this.open(this.ids.includes('agency') ? 'agency' : (this.ids[0] ?? ''));
      // Stored calendars may carry a name of their own (a handful: one read each).
      const named = await Promise.all(this.ids.map(async (id) => [id, await oversightApi.calendar(this.api, id).catch(() => undefined)] as const));
      this.names = new Map(named.flatMap(([id, c]) => (c?.name ? [[id, { name: c.name, ...(c.names ? { names: c.names } : {}) }] as const] : [])));
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }

  private nameOf(id: string): string {
    const stored = this.names.get(id);
    return tMaybe(`calendar.name.${id}`, '') || (stored ? inLanguage(stored.name, stored.names) : id);
  }

  private async open(id: string) {
    this.calendarId = id;
    this.removal = undefined;
    if (!id) return;
    try {
      [this.calendar, this.versions, this.monthView] = await Promise.all([
        oversightApi.calendar(this.api, id),
        oversightApi.calendarVersions(this.api, id),
        calendarMonthApi.month(this.api, id, this.month, this.sample),
      ]);
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }

  private async add(event: CustomEvent<CalendarException>) {
    const c = this.calendar;
    if (!c) return;
    const form = event.target as CalendarExceptionForm;
    const { kind, date, name, reason } = event.detail;
    const next: Calendar =
      kind === 'oneOff'
        ? { ...c, oneOff: [...(c.oneOff ?? []).filter((d) => d.date !== date), { date, name }] }
        : { ...c, transfers: [...(c.transfers ?? []).filter((d) => d.date !== date), { date, working: kind === 'workedDay', note: name }] };
    if (await this.save(next, reason)) form.reset();
  }

  private askRemoval(event: CustomEvent<{ kind: ExceptionKind; date: string }>) {
    this.removal = event.detail;
    // The reason box opens below a long list: bring it into view, then into focus.
    void this.updateComplete.then(() => {
      const box = this.renderRoot.querySelector<HTMLElement>('#removal-reason');
      box?.scrollIntoView({ block: 'center' });
      box?.focus({ preventScroll: true });
    });
  }

  private async showMonth(event: CustomEvent<{ month: string; sample?: SampleTerm }>) {
    this.month = event.detail.month;
    this.sample = event.detail.sample;
    try {
      this.monthView = await calendarMonthApi.month(this.api, this.calendarId, this.month, this.sample);
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }

  private async saveHours(event: CustomEvent<OpeningHoursChange>) {
    const c = this.calendar;
    if (!c) return;
    const form = event.target as OpeningHoursForm;
    if (await this.save({ ...c, week: event.detail.week }, event.detail.reason)) form.reset();
  }

  private async confirmRemoval(event: SubmitEvent) {
    event.preventDefault();
    const c = this.calendar;
    const removal = this.removal;
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    if (!c || !removal) return;
    if (!reason) {
      this.message = t('calendar.reasonRequired');
      return;
    }
    const next: Calendar =
      removal.kind === 'oneOff' ? { ...c, oneOff: (c.oneOff ?? []).filter((d) => d.date !== removal.date) } : { ...c, transfers: (c.transfers ?? []).filter((d) => d.date !== removal.date) };
    if (await this.save(next, reason)) this.removal = undefined;
  }

  private async save(calendar: Calendar, reason: string): Promise<boolean> {
    this.busy = true;
    try {
      const saved = await oversightApi.putCalendar(this.api, calendar, reason);
      this.message = t('calendar.saved', { version: saved.version });
      await this.open(this.calendarId);
      return true;
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
      return false;
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('tereze-calendar-page', CalendarPage);
