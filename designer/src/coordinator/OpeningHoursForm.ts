import { html } from 'lit';
import type { Calendar, OpeningInterval, Weekday } from '../api/oversightApi.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { WEEKDAYS } from './CalendarView.js';
import { formatHours, parseHours } from './openingHours.js';

export interface OpeningHoursChange {
  readonly week: Partial<Record<Weekday, readonly OpeningInterval[]>>;
  readonly reason: string;
}

/**
 * The week's opening hours of a calendar, edited day by day with a reason: saved as a new
 * version of the calendar, like a holiday. Properties down: `calendar`, `busy`. Emits `save-hours`.
 */
export class OpeningHoursForm extends LocalizedElement {
  static override properties = { calendar: { attribute: false }, busy: { type: Boolean }, errors: { state: true } };
  declare calendar: Calendar | undefined;
  declare busy: boolean;
  declare errors: Partial<Record<Weekday | 'reason', string>>;
  static override styles = formStyles;

  constructor() {
    super();
    this.calendar = undefined;
    this.busy = false;
    this.errors = {};
  }

  override render() {
    const c = this.calendar;
    if (!c) return '';
    return html`<form @submit=${this.submit} novalidate aria-labelledby="hours-title">
      <h3 id="hours-title">${t('calendar.hoursTitle')}</h3>
      <p class="hint">${t('calendar.hoursHint')}</p>
      ${WEEKDAYS.map(
        (day) => html`<div class="field">
          <label for="hours-${day}">${t(`calendar.day.${day}`)}</label>
          <input id="hours-${day}" name=${day} .value=${formatHours(c.week[day])} placeholder=${t('calendar.closed')} aria-invalid=${this.errors[day] ? 'true' : 'false'} aria-describedby="hours-${day}-error" />
          <span id="hours-${day}-error" class="error">${this.errors[day] ?? ''}</span>
        </div>`,
      )}
      <div class="field">
        <label for="hours-reason">${t('calendar.changeReason')}</label>
        <textarea id="hours-reason" name="reason" rows="2" maxlength="500" required aria-invalid=${this.errors.reason ? 'true' : 'false'} aria-describedby="hours-reason-error"></textarea>
        <span id="hours-reason-error" class="error">${this.errors.reason ?? ''}</span>
      </div>
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${t('calendar.hoursSave')}</button></div>
    </form>`;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const errors: Partial<Record<Weekday | 'reason', string>> = {};
    const week: Partial<Record<Weekday, readonly OpeningInterval[]>> = {};
    for (const day of WEEKDAYS) {
      const parsed = parseHours(String(data.get(day) ?? ''));
      if ('bad' in parsed) errors[day] = t('calendar.hoursBad', { text: parsed.bad });
      else if (parsed.hours.length) week[day] = parsed.hours;
    }
    const reason = String(data.get('reason') ?? '').trim();
    if (!reason) errors.reason = t('calendar.reasonRequired');
    this.errors = errors;
    if (Object.keys(errors).length) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid=true]')?.focus());
      return;
    }
    this.dispatchEvent(new CustomEvent<OpeningHoursChange>('save-hours', { detail: { week, reason } }));
  }

  /** Empties the reason after a save (the hours show the saved calendar). */
  reset() {
    const reason = this.renderRoot.querySelector<HTMLTextAreaElement>('#hours-reason');
    if (reason) reason.value = '';
  }
}

customElements.define('tereze-opening-hours-form', OpeningHoursForm);
