import { css, html } from 'lit';
import type { ApiClient, ApplicationOutcome, ApplicationView, Receipt } from '../api/ApiClient.js';
import '../clerk/ReceiptView.js';
import { documentName, serviceName } from '../catalogue/standards.js';
import { LocalizedElement, applicantLanguage, formatInstant, language, languagesFrom, t, tIn } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { articleText, collectText, documentKind, groundsText, placeText } from './outcomeText.js';

/**
 * The printed result or refusal document in the app (#/print/<application>): the same content
 * as the server's PDF, laid out for paper by print CSS, in the applicant's language. Never names an
 * official (DOMAIN: the applicant must not know who reviewed the file).
 */
export class DecisionPrintPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    instanceId: { type: String },
    application: { state: true },
    outcome: { state: true },
    receipt: { state: true },
    problem: { state: true },
  };
  declare api: ApiClient;
  declare instanceId: string;
  declare application: ApplicationView | undefined;
  declare outcome: ApplicationOutcome | undefined;
  /** Undecided: the receipt to reprint instead (with the documents still to bring). */
  declare receipt: Receipt | undefined;
  declare problem: string;

  static override styles = [
    formStyles,
    css`
      article { background: #fff; border: 1px solid #c4ccd5; border-radius: 6px; padding: 28px 32px; max-width: 760px; box-sizing: border-box; }
      h2 { font-size: 1.35rem; border-bottom: 2px solid #0b3d6e; padding-bottom: 8px; }
      h3 { margin-top: 18px; }
      ul { margin: 4px 0; padding-left: 1.3em; }
      .actions .button { display: inline-flex; align-items: center; }
      .actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 14px; }
      footer { margin-top: 22px; padding-top: 8px; border-top: 1px solid #888; font-size: 0.85rem; color: #444; }
      @media (max-width: 480px) { article { padding: 16px 14px; } }
      @media print {
        .actions, .back { display: none; }
        article { border: none; padding: 0; max-width: none; }
        :host { color: #000; }
      }
    `,
  ];

  constructor() {
    super();
    this.instanceId = '';
    this.problem = '';
  }

  override firstUpdated() {
    void this.load();
  }

  override render() {
    const back = html`<p class="back"><a href="#/inbox">${t('common.back')}</a></p>`;
    if (this.problem) return html`${back}<p class="error" role="alert">${this.problem}</p>`;
    const app = this.application;
    const o = this.outcome;
    if (!app || !o) return html`${back}<p class="hint">${t('outcome.loading')}</p>`;
    const kind = documentKind(o);
    if (!kind && this.receipt) {
      return html`${back}<tereze-receipt-view .receipt=${this.receipt} trackUrl=${`${location.origin}${location.pathname}#/track`}>
          <button type="button" @click=${() => print()}>${t('receipt.print')}</button>
        </tereze-receipt-view>`;
    }
    if (!kind) return html`${back}<p data-outcome="none">${t('outcome.none')}</p>`;
    const applicant = (app.applicant ?? {}) as { name?: string; iin?: string };
    // The document is the applicant's: in their language (chosen at registration), the PDF too;
    // the buttons above it are the clerk's. The PDF in the other languages is a click away.
    const lang = applicantLanguage(app.applicant) ?? language();
    const say = (key: Parameters<typeof tIn>[1], params?: Record<string, string>) => tIn(lang, key, params);
    const grounds = o.outcome === 'refused' ? groundsText(app.serviceCode, o, lang) : [];
    const article = o.outcome === 'refused' ? articleText(app.serviceCode, o.article, lang) : undefined;
    const others = languagesFrom(lang).slice(1);
    return html`${back}
      <div class="actions">
        <button type="button" @click=${() => print()} data-action="print">${t('outcome.print')}</button>
        <a class="button secondary" href=${this.api.documentUrl(app.id, lang)} target="_blank" rel="noopener" data-action="pdf" data-lang=${lang}>${t('outcome.pdf', { language: t(`lang.${lang}`) })}</a>
        <span class="hint">${t('outcome.pdfAlso')}
          ${others.map((l, i) => html`${i ? ' · ' : ''}<a href=${this.api.documentUrl(app.id, l)} target="_blank" rel="noopener" data-action="pdf-other" data-lang=${l}>${t(`lang.${l}`)}</a>`)}</span>
      </div>
      <article data-document=${kind} aria-labelledby="document-title" lang=${lang}>
        <h2 id="document-title">${say(`outcome.doc.${kind}`)}</h2>
        <dl>
          <dt>${say('common.service')}</dt><dd>${serviceName(app.serviceCode, lang, app.key)}</dd>
          <dt>${say('common.trackingNumber')}</dt><dd data-field="trackingNumber">${app.trackingNumber}</dd>
          ${applicant.name ? html`<dt>${say('task.applicant')}</dt><dd>${applicant.name}</dd>` : ''}
          ${applicant.iin ? html`<dt>${say('outcome.iin')}</dt><dd>${applicant.iin}</dd>` : ''}
          <dt>${say('outcome.receivedAt')}</dt><dd>${formatInstant(app.startedAt, lang)}</dd>
          <dt>${say('outcome.decidedAt')}</dt><dd>${formatInstant(o.decidedAt, lang)}</dd>
          ${o.centre ? html`<dt>${say('outcome.centre')}</dt><dd data-field="centre">${placeText(o.centre, lang)}</dd>` : ''}
          <dt>${say('outcome.title')}</dt><dd data-field="outcome"><strong>${say(`outcome.decision.${o.outcome!}`)}</strong></dd>
        </dl>
        ${grounds.length ? html`<h3>${say('outcome.grounds')}</h3><ul data-field="grounds">${grounds.map((g) => html`<li>${g}</li>`)}</ul>` : ''}
        ${o.missingDocuments?.length ? html`<h3>${say('outcome.missing')}</h3><ul>${o.missingDocuments.map((d) => html`<li>${documentName(app.serviceCode, d, lang)}</li>`)}</ul>` : ''}
        ${article ? html`<p data-field="article"><strong>${say('outcome.article')}:</strong> ${article}.</p>` : ''}
        ${o.outcome === 'refused' ? html`<p>${say('outcome.appeal')}</p>` : ''}
        ${o.collect?.until ? html`<p data-field="collect">${collectText(o.collect, lang)}</p>` : ''}
        <footer>${app.trackingNumber}</footer>
      </article>`;
  }

  private async load() {
    try {
      const [application, outcome] = await Promise.all([this.api.application(this.instanceId), this.api.outcome(this.instanceId)]);
      // Nothing decided: the counter reprints the receipt (clerks and supervisors may; others see "no decision yet").
      const receipt = outcome.outcome ? undefined : await this.api.receipt(this.instanceId).catch(() => undefined);
      // The receipt route names no applicant; the counter's receipt does (as RegisterPage adds it).
      if (receipt) this.receipt = { ...receipt, applicant: receipt.applicant ?? (application.applicant as Receipt['applicant']) };
      [this.application, this.outcome] = [application, outcome];
    } catch (error) {
      this.problem = t('common.error', { message: (error as Error).message });
    }
  }
}

customElements.define('tereze-decision-print-page', DecisionPrintPage);
