import { css, html } from 'lit';
import type { CalendarMonthView, MonthDay, SampleTerm } from '../api/calendarMonthApi.js';
import { LocalizedElement, formatInstant, inLanguage, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { astanaInstant } from './astanaTime.js';
import { WEEKDAYS } from './CalendarView.js';

/**
 * A month of a calendar as deadlines count it (working days, holidays, one-off days off,
 * transfers) and where a sample application's deadline falls. Properties down: `view`, `month`.
 * Emits `show-month` {month, sample?}.
 */
export class CalendarMonth extends LocalizedElement {
  static override properties = { view: { attribute: false }, month: {} };
  declare view: CalendarMonthView | undefined;
  declare month: string;

  constructor() {
    super();
    this.view = undefined;
    this.month = '';
  }

  static override styles = [
    formStyles,
    css`
      .controls { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: end; }
      .controls .field { margin: 0; }
      .grid { display: grid; grid-template-columns: repeat(7, minmax(0, 1fr)); gap: 3px; margin-top: 10px; }
      .head { font-size: 12px; font-weight: 600; text-align: center; color: #444; }
      .day { border: 1px solid #d7dce2; border-radius: 4px; min-height: 54px; padding: 3px; font-size: 11px; background: #fff; overflow: hidden; }
      .day[data-working='false'] { background: #eef1f4; color: #57606a; }
      .day[data-holiday] { background: #fde8ea; }
      .day[data-transfer='worked'] { background: #ddf4ff; }
      .day[data-due] { outline: 3px solid #bf8700; outline-offset: -2px; }
      .day[data-received] { outline: 3px solid #1f6feb; outline-offset: -2px; }
      .num { font-weight: 700; font-size: 13px; }
      .note { display: block; overflow-wrap: anywhere; }
      .legend { font-size: 12px; color: #57606a; }
      .due { font-weight: 600; }
    `,
  ];

  override render() {
    const view = this.view;
    return html`
      <h3>${t('calendar.monthTitle')}</h3>
      <form class="controls" @submit=${this.submit}>
        <div class="field"><label for="month-pick">${t('calendar.month')}</label><input id="month-pick" name="month" type="month" .value=${this.month} required /></div>
        <div class="field"><label for="sample-received">${t('calendar.sampleReceived')}</label><input id="sample-received" name="received" type="datetime-local" /></div>
        <div class="field"><label for="sample-duration">${t('calendar.sampleDuration')}</label><input id="sample-duration" name="duration" type="number" min="1" max="366" style="width: 5rem" /></div>
        <div class="field">
          <label for="sample-unit">${t('calendar.sampleUnit')}</label>
          <select id="sample-unit" name="unit">
            ${(['workingDays', 'calendarDays', 'workingHours'] as const).map((u) => html`<option value=${u}>${t(`calendar.unit.${u}`)}</option>`)}
          </select>
        </div>
        <button type="submit">${t('calendar.monthShow')}</button>
      </form>
      ${view?.sample ? html`<p class="due" role="status">${t('calendar.sampleDue', { date: view.sample.dueDate, at: formatInstant(view.sample.dueAt) })}</p>` : ''}
      ${view ? this.grid(view) : ''}
      <p class="legend">${t('calendar.monthLegend')}</p>
    `;
  }

  private grid(view: CalendarMonthView) {
    const first = view.days[0];
    if (!first) return '';
    // Monday first: how many empty cells before the 1st.
    const lead = (new Date(`${first.date}T00:00:00Z`).getUTCDay() + 6) % 7;
    const received = view.sample ? view.sample.receivedAt : undefined;
    const receivedDate = received ? new Date(new Date(received).getTime() + 5 * 3_600_000).toISOString().slice(0, 10) : undefined;
    return html`<div class="grid" role="grid" aria-label=${t('calendar.monthTitle')}>
      ${WEEKDAYS.map((d) => html`<div class="head">${t(`calendar.day.${d}`).slice(0, 3)}</div>`)}
      ${Array.from({ length: lead }, () => html`<div></div>`)}
      ${view.days.map((day) => this.cell(day, day.date === view.sample?.dueDate, day.date === receivedDate))}
    </div>`;
  }

  private cell(day: MonthDay, due: boolean, received: boolean) {
    const notes = [day.holiday && inLanguage(day.holiday, day.holidayNames), day.oneOff && inLanguage(day.oneOff, day.oneOffNames), day.transfer ? t(day.transfer === 'worked' ? 'calendar.transfer.working' : 'calendar.transfer.off') : undefined, due ? t('calendar.dueHere') : undefined, received ? t('calendar.receivedHere') : undefined].filter(Boolean);
    return html`<div
      class="day"
      data-date=${day.date}
      data-working=${String(day.working)}
      ?data-holiday=${Boolean(day.holiday || day.oneOff)}
      data-transfer=${day.transfer ?? ''}
      ?data-due=${due}
      ?data-received=${received}
      title=${day.hours.join(', ') || t('calendar.closed')}
    >
      <span class="num">${Number(day.date.slice(8))}</span>
      ${notes.map((n) => html`<span class="note">${n}</span>`)}
    </div>`;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const month = String(data.get('month') ?? '');
    const received = String(data.get('received') ?? '');
    const duration = Number(data.get('duration'));
    const unit = String(data.get('unit')) as SampleTerm['unit'];
    const sample: SampleTerm | undefined = received && duration > 0 ? { receivedAt: astanaInstant(received), duration, unit } : undefined;
    this.dispatchEvent(new CustomEvent('show-month', { detail: { month, ...(sample ? { sample } : {}) } }));
  }
}

customElements.define('tereze-calendar-month', CalendarMonth);
