import { css, html } from 'lit';
import type { Receipt } from '../api/ApiClient.js';
import { documentName, serviceName } from '../catalogue/standards.js';
import { LocalizedElement, applicantLanguage, formatInstant, language, t, tIn } from '../i18n/i18n.js';
import { KAZAKH_WELCOME, type Language } from '../i18n/messages.js';
import { formStyles } from '../shared/formStyles.js';

/**
 * The applicant's receipt: tracking number, service, documents handed in (and those still to
 * bring), deadline; prints on its own. In the applicant's language (chosen at registration),
 * whatever the clerk's screen speaks; the buttons beside it stay in the clerk's.
 */
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

  /** The applicant's language when registration recorded one, else the screen's. */
  get receiptLanguage(): Language {
    return applicantLanguage(this.receipt?.applicant) ?? language();
  }

  override render() {
    const r = this.receipt;
    if (!r) return '';
    const lang = this.receiptLanguage;
    const say = (key: Parameters<typeof tIn>[1], params?: Record<string, string>) => tIn(lang, key, params);
    return html`<article aria-labelledby="receipt-title" data-receipt lang=${lang}>
      <h2 id="receipt-title">${say('receipt.title')}</h2>
      <dl>
        <dt>${say('common.trackingNumber')}</dt><dd class="number" data-field="trackingNumber">${r.trackingNumber}</dd>
        <dt>${say('common.service')}</dt><dd>${serviceName(r.serviceCode, lang, r.service)}</dd>
        ${r.applicant?.name ? html`<dt>${say('receipt.applicant')}</dt><dd>${r.applicant.name}${r.applicant.iin ? html` · ${r.applicant.iin}` : ''}</dd>` : ''}
        <dt>${say('receipt.receivedAt')}</dt><dd>${formatInstant(r.receivedAt, lang)}</dd>
        <dt>${say('receipt.deadline')}</dt><dd data-field="dueAt"><strong>${formatInstant(r.dueAt, lang)}</strong></dd>
        <dt>${say('receipt.documents')}</dt>
        <dd>${r.documents.length ? html`<ul>${r.documents.map((d) => html`<li>${documentName(r.serviceCode, d, lang)}</li>`)}</ul>` : say('common.none')}</dd>
        ${r.requestedDocuments?.length
          ? html`<dt>${say('receipt.requested')}</dt><dd data-field="requestedDocuments"><ul>${r.requestedDocuments.map((d) => html`<li>${documentName(r.serviceCode, d, lang)}</li>`)}</ul></dd>`
          : ''}
      </dl>
      <p>${say('receipt.trackAt', { url: this.trackUrl })}</p>
      ${lang === 'kk' ? '' : html`<p lang="kk">${KAZAKH_WELCOME}</p>`}
      <div class="actions"><slot></slot></div>
    </article>`;
  }
}

customElements.define('tereze-receipt-view', ReceiptView);
