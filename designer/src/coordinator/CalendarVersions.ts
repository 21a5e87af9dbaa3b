import { html } from 'lit';
import type { CalendarVersion } from '../api/oversightApi.js';
import { LocalizedElement, formatInstant, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';

/** A calendar's stored versions, newest first: who changed it, when and why. */
export class CalendarVersions extends LocalizedElement {
  static override properties = { versions: { attribute: false } };
  declare versions: readonly CalendarVersion[];
  static override styles = [formStyles, tableStyles];

  constructor() {
    super();
    this.versions = [];
  }

  override render() {
    if (!this.versions.length) return html`<p class="hint">${t('calendar.noVersions')}</p>`;
    const newestFirst = [...this.versions].sort((a, b) => b.version - a.version);
    return html`<table>
      <thead><tr><th scope="col" class="num">${t('calendar.version')}</th><th scope="col">${t('calendar.at')}</th><th scope="col">${t('common.by')}</th><th scope="col">${t('common.reason')}</th></tr></thead>
      <tbody>${newestFirst.map((v) => html`<tr data-version=${v.version}>
        <td class="num" data-label=${t('calendar.version')}>${v.version}</td>
        <td data-label=${t('calendar.at')}>${formatInstant(v.at)}</td>
        <td data-label=${t('common.by')}>${v.by ?? '—'}</td>
        <td data-label=${t('common.reason')}>${v.reason ?? '—'}</td>
      </tr>`)}</tbody>
    </table>`;
  }
}

customElements.define('tereze-calendar-versions', CalendarVersions);
