import { css, html } from 'lit';
import type { ApiClient } from '../api/ApiClient.js';
import { LocalizedElement, formatInstant, t, tMaybe } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { casefileApi, type EarlierDecision as Decision } from './casefileApi.js';

/**
 * On a second review: the first review's decision, grounds, note, and who decided when the
 * viewer may know. Nothing at all on other tasks (the server answers an empty list, or
 * refuses a viewer who may not ask).
 */
export class EarlierDecision extends LocalizedElement {
  static override properties = { api: { attribute: false }, taskId: { type: String }, decisions: { state: true } };
  declare api: ApiClient;
  declare taskId: string;
  declare decisions: readonly Decision[];

  constructor() {
    super();
    this.taskId = '';
    this.decisions = [];
  }

  static override styles = [
    formStyles,
    css`
      section { border: 1px solid #c4ccd5; border-left: 6px solid #0b5cad; border-radius: 6px; background: #f4f8fc; padding: 10px 14px; margin: 12px 0; }
      h3 { margin-top: 0; }
    `,
  ];

  override updated(changed: Map<string, unknown>) {
    if (changed.has('taskId') && this.taskId && this.api) {
      casefileApi.earlierDecisions(this.api, this.taskId).then(
        (decisions) => (this.decisions = decisions),
        () => (this.decisions = []),
      );
    }
  }

  override render() {
    if (this.decisions.length === 0) return '';
    return html`<section aria-labelledby="earlier-title" data-earlier>
      <h3 id="earlier-title">${t('casefile.earlier.title')}</h3>
      <p class="hint">${t('casefile.earlier.intro')}</p>
      ${this.decisions.map((d) => {
        const grounds = d.refusalGrounds === undefined ? [] : Array.isArray(d.refusalGrounds) ? d.refusalGrounds : [d.refusalGrounds as string];
        const who = d.decidedBy ? (d.decidedBy.name ?? d.decidedBy.id) : undefined;
        return html`<div data-task=${d.taskId}><dl>
          <dt>${t('casefile.detail.name')}</dt><dd>${d.name ?? d.elementId}</dd>
          <dt>${t('casefile.detail.outcome')}</dt><dd data-outcome=${d.outcome ?? ''}>${d.outcome ? tMaybe(`casefile.outcome.${d.outcome}`, d.outcome) : '—'}</dd>
          ${grounds.length ? html`<dt>${t('casefile.detail.refusalGrounds')}</dt><dd>${grounds.join('; ')}</dd>` : ''}
          ${d.decisionNote ? html`<dt>${t('casefile.detail.decisionNote')}</dt><dd>${d.decisionNote}</dd>` : ''}
          ${d.requestedDocuments?.length ? html`<dt>${t('casefile.detail.requestedDocuments')}</dt><dd>${d.requestedDocuments.join('; ')}</dd>` : ''}
        </dl>
        <p data-decided-by=${d.decidedBy?.id ?? ''}>${who ? t('casefile.earlier.by', { who, at: formatInstant(d.completedAt) }) : t('casefile.earlier.at', { at: formatInstant(d.completedAt) })}</p></div>`;
      })}
    </section>`;
  }
}

customElements.define('tereze-earlier-decision', EarlierDecision);
