import { css, html } from 'lit';
import type { Receipt } from '../api/ApiClient.js';
import { serviceName } from '../catalogue/standards.js';
import { LocalizedElement, formatInstant, language, t } from '../i18n/i18n.js';
import { KAZAKH_WELCOME } from '../i18n/messages.js';
import { formStyles } from '../shared/formStyles.js';

/** The applicant's receipt: tracking number, service, documents handed in (and those still to bring), deadline; prints on its own. */
export class ReceiptView extends LocalizedElement {
  static override properties = { receipt: { attribute: false }, trackUrl: { type: String } };
  declare receipt: Receipt | undefined;
  declare trackUrl: string;

  constructor() {
    super();
    this.trackUrl = '';
  }

  static override styles = [
    formStyles,
    css`
      article { border: 2px solid #0b3d6e; border-radius: 8px; padding: 16px; background: #fff; max-width: 640px; }
      .number { font-size: 1.6rem; font-weight: 700; letter-spacing: 0.06em; font-variant-numeric: tabular-nums; }
      .actions { margin-top: 12px; display: flex; gap: 10px; flex-wrap: wrap; }
      @media print {
        article { border: 1px solid #000; max-width: none; }
        .actions { display: none; }
        :host { color: #000; }
      }
    `,
  ];

  override render() {
    const r = this.receipt;
    if (!r) return '';
    return html`<article aria-labelledby="receipt-title" data-receipt>
      <h2 id="receipt-title">${t('receipt.title')}</h2>
      <dl>
        <dt>${t('common.trackingNumber')}</dt><dd class="number" data-field="trackingNumber">${r.trackingNumber}</dd>
        <dt>${t('common.service')}</dt><dd>${serviceName(r.serviceCode, language(), r.service)}</dd>
        ${r.applicant?.name ? html`<dt>${t('receipt.applicant')}</dt><dd>${r.applicant.name}${r.applicant.iin ? html` · ${r.applicant.iin}` : ''}</dd>` : ''}
        <dt>${t('receipt.receivedAt')}</dt><dd>${formatInstant(r.receivedAt)}</dd>
        <dt>${t('receipt.deadline')}</dt><dd data-field="dueAt"><strong>${formatInstant(r.dueAt)}</strong></dd>
        <dt>${t('receipt.documents')}</dt>
        <dd>${r.documents.length ? html`<ul>${r.documents.map((d) => html`<li>${d}</li>`)}</ul>` : t('common.none')}</dd>
        ${r.requestedDocuments?.length
          ? html`<dt>${t('receipt.requested')}</dt><dd data-field="requestedDocuments"><ul>${r.requestedDocuments.map((d) => html`<li>${d}</li>`)}</ul></dd>`
          : ''}
      </dl>
      <p>${t('receipt.trackAt', { url: this.trackUrl })}</p>
      <p lang="kk">${KAZAKH_WELCOME}</p>
      <div class="actions"><slot></slot></div>
    </article>`;
  }
}

customElements.define('tereze-receipt-view', ReceiptView);
