import { html } from 'lit';
import type { Calendar, Weekday } from '../api/oversightApi.js';
import { LocalizedElement, inLanguage, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export type ExceptionKind = 'oneOff' | 'transfer';

/**
 * A calendar as a coordinator reads it: week hours, yearly holidays, one-off days off and
 * transfers, each entry's name in the reader's language when the calendar gives it (else as
 * written). Emits `remove` `{ kind, date }` for a one-off day or a transfer.
 */
export class CalendarView extends LocalizedElement {
  static override properties = { calendar: { attribute: false } };
  declare calendar: Calendar | undefined;
  static override styles = [formStyles, tableStyles];

  override render() {
    const c = this.calendar;
    if (!c) return '';
    const oneOff = [...(c.oneOff ?? [])].sort((a, b) => a.date.localeCompare(b.date));
    const transfers = [...(c.transfers ?? [])].sort((a, b) => a.date.localeCompare(b.date));
    return html`
      <p><strong>${t('calendar.zone')}:</strong> ${c.zone}</p>
      <h3>${t('calendar.week')}</h3>
      <dl class="week">
        ${WEEKDAYS.map((day) => {
          const hours = c.week[day] ?? [];
          return html`<dt>${t(`calendar.day.${day}`)}</dt><dd data-day=${day}>${hours.length ? hours.map((h) => `${h.from}–${h.to}`).join(', ') : t('calendar.closed')}</dd>`;
        })}
      </dl>
      <h3>${t('calendar.oneOff')}</h3>
      ${oneOff.length
        ? html`<ul class="exceptions">${oneOff.map((d) => html`<li data-one-off=${d.date}>${d.date} — ${inLanguage(d.name, d.names)} ${this.removeButton('oneOff', d.date)}</li>`)}</ul>`
        : html`<p class="hint">${t('calendar.none')}</p>`}
      <h3>${t('calendar.transfers')}</h3>
      ${transfers.length
        ? html`<ul class="exceptions">${transfers.map((d) => html`<li data-transfer=${d.date}>${d.date} — <strong>${d.working ? t('calendar.transfer.working') : t('calendar.transfer.off')}</strong>${d.hours?.length ? ` (${d.hours.map((h) => `${h.from}–${h.to}`).join(', ')})` : ''}${d.note ? ` — ${inLanguage(d.note, d.notes)}` : ''} ${this.removeButton('transfer', d.date)}</li>`)}</ul>`
        : html`<p class="hint">${t('calendar.none')}</p>`}
      <details>
        <summary>${t('calendar.holidays')} (${c.holidays?.length ?? 0})</summary>
        <ul>${(c.holidays ?? []).map((h) => html`<li>${String(h.day).padStart(2, '0')}.${String(h.month).padStart(2, '0')} — ${inLanguage(h.name, h.names)}${h.carryOver ? html` <span class="hint">(${t('calendar.carryOver')})</span>` : ''}</li>`)}</ul>
      </details>
    `;
  }

  private removeButton(kind: ExceptionKind, date: string) {
    return html`<button type="button" class="secondary small" aria-label=${t('calendar.removeLabel', { date })} @click=${() => this.dispatchEvent(new CustomEvent('remove', { detail: { kind, date } }))}>${t('calendar.remove')}</button>`;
  }
}

customElements.define('tereze-calendar-view', CalendarView);
