import { css, html } from 'lit';
import type { ApplicationView } from '../api/ApiClient.js';
import { serviceName } from '../catalogue/standards.js';
import { LocalizedElement, formatInstant, language, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';

/** Applications as rows, each a link to its case file; `current` marks the one on screen. */
export class ApplicationTable extends LocalizedElement {
  static override properties = { applications: { attribute: false }, caption: { type: String }, current: { type: String } };
  declare applications: readonly ApplicationView[];
  declare caption: string;
  declare current: string;
  static override styles = [formStyles, tableStyles, css`tbody th { white-space: nowrap; }`];

  constructor() {
    super();
    this.applications = [];
    this.caption = '';
    this.current = '';
  }

  override render() {
    return html`<table>
      <caption>${this.caption}</caption>
      <thead><tr>
        <th scope="col">${t('casefile.col.tracking')}</th><th scope="col">${t('casefile.col.service')}</th><th scope="col">${t('casefile.col.applicant')}</th>
        <th scope="col">${t('casefile.col.state')}</th><th scope="col">${t('casefile.col.received')}</th>
      </tr></thead>
      <tbody>
        ${this.applications.map(
          (app) => html`<tr data-application=${app.id}>
            <th scope="row" data-label=${t('casefile.col.tracking')}>
              ${app.id === this.current
                ? html`${app.trackingNumber} (${t('casefile.history.this')})`
                : html`<a href=${`#/case/${encodeURIComponent(app.id)}`} aria-label=${t('casefile.openLabel', { trackingNumber: app.trackingNumber })}>${app.trackingNumber}</a>`}
            </th>
            <td data-label=${t('casefile.col.service')}>${serviceName(app.serviceCode, language(), app.key)}</td>
            <td data-label=${t('casefile.col.applicant')}>${app.applicant?.name ?? '—'}${app.applicant?.iin ? html` · ${app.applicant.iin}` : ''}</td>
            <td data-label=${t('casefile.col.state')}>${t(`casefile.state.${app.state}` as MessageKey)}</td>
            <td data-label=${t('casefile.col.received')}><time datetime=${app.startedAt}>${formatInstant(app.startedAt)}</time></td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

customElements.define('tereze-application-table', ApplicationTable);
