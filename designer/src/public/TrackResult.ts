import { css, html } from 'lit';
import type { TrackingView } from '../api/ApiClient.js';
import { documentName, serviceName, taskName } from '../catalogue/standards.js';
import { LocalizedElement, formatInstant, language, t, tMaybe } from '../i18n/i18n.js';
import { deadlineBadge } from '../shared/DeadlineBadge.js';
import { formStyles } from '../shared/formStyles.js';
import { articleText, collectPlaceText, groundsText } from '../print/outcomeText.js';

/** What the public sees of an application: status, next step, deadline. Never a person. */
export class TrackResult extends LocalizedElement {
  static override properties = { view: { attribute: false } };
  declare view: TrackingView | undefined;
  static override styles = [formStyles, css`dd ul { margin: 0; padding-left: 1.1em; }`];

  override render() {
    const view = this.view;
    if (!view) return '';
    return html`<section class="panel" aria-labelledby="result-title">
      <h3 id="result-title">${serviceName(view.serviceCode, language(), view.service)}</h3>
      <dl>
        <dt>${t('common.trackingNumber')}</dt><dd data-field="trackingNumber">${view.trackingNumber}</dd>
        <dt>${t('track.status')}</dt><dd data-field="status" data-status=${view.status}><strong>${tMaybe(`status.${view.status}`, view.status)}</strong></dd>
        ${view.nextSteps.length ? html`<dt>${t('track.nextSteps')}</dt><dd data-field="nextSteps">${view.nextSteps.map((name, i) => taskName({ serviceCode: view.serviceCode, elementId: view.nextStepIds?.[i] ?? '', name }, language())).join('; ')}</dd>` : ''}
        <dt>${t('track.receivedAt')}</dt><dd>${formatInstant(view.receivedAt)}</dd>
        ${view.completedAt
          ? html`<dt>${t('track.completedAt')}</dt><dd data-field="completedAt">${formatInstant(view.completedAt)}</dd>`
          : html`<dt>${t('common.deadline')}</dt><dd data-field="dueAt">${formatInstant(view.dueAt)} ${deadlineBadge({ overdue: view.overdue })}</dd>`}
        ${this.renderOutcome(view)}
      </dl>
    </section>`;
  }

  /** The decision (approved / refused / withdrawn) with a refusal's grounds, where to collect, what to bring. */
  private renderOutcome(view: TrackingView) {
    const grounds = view.outcome === 'refused' ? groundsText(view.serviceCode, { grounds: view.grounds ?? [], ...(view.reason ? { reason: view.reason } : {}) }) : [];
    const article = view.outcome === 'refused' ? articleText(view.serviceCode, view.article) : undefined;
    return html`
      ${view.outcome ? html`<dt>${t('outcome.title')}</dt><dd data-field="outcome" data-outcome=${view.outcome}><strong>${t(`outcome.${view.outcome}`)}</strong></dd>` : ''}
      ${grounds.length ? html`<dt>${t('outcome.grounds')}</dt><dd data-field="grounds"><ul>${grounds.map((g) => html`<li>${g}</li>`)}</ul></dd>` : ''}
      ${view.missingDocuments?.length ? html`<dt>${t('outcome.missing')}</dt><dd><ul>${view.missingDocuments.map((d) => html`<li>${documentName(view.serviceCode, d, language())}</li>`)}</ul></dd>` : ''}
      ${article ? html`<dt>${t('outcome.article')}</dt><dd data-field="article">${article}</dd>` : ''}
      ${view.collect?.until ? html`<dt>${t('outcome.collectLabel')}</dt><dd data-field="collect">${collectPlaceText(view.collect)}</dd>` : ''}
      ${view.requestedDocuments?.length
        ? html`<dt>${t('outcome.requested')}</dt><dd data-field="requestedDocuments"><ul>${view.requestedDocuments.map((d) => html`<li>${documentName(view.serviceCode, d, language())}</li>`)}</ul></dd>`
        : ''}
    `;
  }
}

customElements.define('tereze-track-result', TrackResult);
