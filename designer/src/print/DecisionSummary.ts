import { css, html } from 'lit';
import type { ApiClient, ApplicationOutcome } from '../api/ApiClient.js';
import { documentName } from '../catalogue/standards.js';
import { LocalizedElement, formatInstant, language, languagesFrom, t } from '../i18n/i18n.js';
import type { Language } from '../i18n/messages.js';
import { formStyles } from '../shared/formStyles.js';
import { articleText, collectText, groundsText } from './outcomeText.js';

/**
 * The application's decision on a task page: what the clerk tells the applicant before the
 * hand-back (the decision, its grounds and article, where and until when), with the printed
 * document one click away. It fetches its own data so the task page needs one line for it
 * (the page's form part is being replaced); `refresh` changes when a completion may have decided.
 */
export class DecisionSummary extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    instanceId: { type: String },
    serviceCode: { type: String },
    applicantLanguage: { attribute: false },
    refresh: { attribute: false },
    outcome: { state: true },
    problem: { state: true },
  };
  declare api: ApiClient;
  declare instanceId: string;
  declare serviceCode: string | undefined;
  /** The applicant's language (chosen at registration): its PDF comes first (Russian, the server's default, when none was recorded). */
  declare applicantLanguage: Language | undefined;
  declare refresh: unknown;
  declare outcome: ApplicationOutcome | undefined;
  declare problem: string;

  static override styles = [
    formStyles,
    css`
      :host { display: block; }
      .verdict { display: inline-block; padding: 2px 10px; border-radius: 10px; font-weight: 700; }
      [data-outcome='approved'] .verdict { background: #e3f1e6; color: #1f5130; }
      [data-outcome='refused'] .verdict { background: #fbe4e7; color: #7a0b1d; }
      [data-outcome='withdrawn'] .verdict { background: #eceff3; color: #2c3a48; }
      ul { margin: 4px 0; padding-left: 1.2em; }
      p { margin: 4px 0; }
      .hint { color: #4a5663; }
      .actions .button { display: inline-flex; align-items: center; }
      .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
    `,
  ];

  constructor() {
    super();
    this.instanceId = '';
    this.problem = '';
  }

  override updated(changed: Map<string, unknown>) {
    if ((changed.has('instanceId') || changed.has('refresh') || changed.has('api')) && this.api && this.instanceId) void this.load();
  }

  override render() {
    if (this.problem) return html`<p class="error" role="alert">${this.problem}</p>`;
    const o = this.outcome;
    if (!o) return html`<p class="hint">${t('outcome.loading')}</p>`;
    if (!o.outcome) {
      return html`<div data-outcome="none">
        <p>${t('outcome.none')}</p>
        ${o.requestedDocuments?.length
          ? html`<p>${t('outcome.requested')}:</p><ul data-field="requestedDocuments">${o.requestedDocuments.map((d) => html`<li>${documentName(this.serviceCode, d, language())}</li>`)}</ul>
              <div class="actions"><a class="button secondary" href=${`#/print/${encodeURIComponent(this.instanceId)}`} data-action="receipt">${t('receipt.print')}</a></div>`
          : ''}
      </div>`;
    }
    const grounds = o.outcome === 'refused' ? groundsText(this.serviceCode, o) : [];
    const article = o.outcome === 'refused' ? articleText(this.serviceCode, o.article) : undefined;
    return html`<div data-outcome=${o.outcome} data-decision>
      <p><strong class="verdict" data-field="outcome">${t(`outcome.${o.outcome}`)}</strong> ${o.decidedAt ? html`<span class="hint">${t('outcome.decidedAt')}: ${formatInstant(o.decidedAt)}</span>` : ''}</p>
      ${grounds.length ? html`<p><strong>${t('outcome.grounds')}:</strong></p><ul data-field="grounds">${grounds.map((g) => html`<li>${g}</li>`)}</ul>` : ''}
      ${o.missingDocuments?.length ? html`<p><strong>${t('outcome.missing')}:</strong></p><ul data-field="missingDocuments">${o.missingDocuments.map((d) => html`<li>${documentName(this.serviceCode, d, language())}</li>`)}</ul>` : ''}
      ${article ? html`<p data-field="article"><strong>${t('outcome.article')}:</strong> ${article}</p>` : ''}
      ${o.note ? html`<p data-field="note"><strong>${t('outcome.note')}:</strong> ${o.note}</p>` : ''}
      ${o.collect?.until ? html`<p data-field="collect">${collectText(o.collect)}</p>` : ''}
      ${o.collect ? html`<p class="hint">${t('outcome.tellApplicant')}</p>` : ''}
      <div class="actions">
        <a class="button" href=${`#/print/${encodeURIComponent(this.instanceId)}`} data-action="print-view">${t('outcome.printView')}</a>
        ${languagesFrom(this.applicantLanguage ?? 'ru').map(
          (lang) => html`<a class="button secondary" href=${this.api.documentUrl(this.instanceId, lang)} target="_blank" rel="noopener" data-action=${`pdf-${lang}`}>${t('outcome.pdf', { language: t(`lang.${lang}`) })}</a>`,
        )}
      </div>
    </div>`;
  }

  private async load() {
    try {
      this.outcome = await this.api.outcome(this.instanceId);
      this.problem = '';
    } catch (error) {
      this.problem = t('common.error', { message: (error as Error).message });
    }
  }
}

customElements.define('tereze-decision-summary', DecisionSummary);
