import { html } from 'lit';
import type { TrackingView } from '../api/ApiClient.js';
import { serviceName } from '../catalogue/standards.js';
import { LocalizedElement, formatInstant, language, t, tMaybe } from '../i18n/i18n.js';
import { deadlineBadge } from '../shared/DeadlineBadge.js';
import { formStyles } from '../shared/formStyles.js';

/** What the public sees of an application: status, next step, deadline. Never a person. */
export class TrackResult extends LocalizedElement {
  static override properties = { view: { attribute: false } };
  declare view: TrackingView | undefined;
  static override styles = formStyles;

  override render() {
    const view = this.view;
    if (!view) return '';
    return html`<section class="panel" aria-labelledby="result-title">
      <h3 id="result-title">${serviceName(view.serviceCode, language(), view.service)}</h3>
      <dl>
        <dt>${t('common.trackingNumber')}</dt><dd data-field="trackingNumber">${view.trackingNumber}</dd>
        <dt>${t('track.status')}</dt><dd data-field="status" data-status=${view.status}><strong>${tMaybe(`status.${view.status}`, view.status)}</strong></dd>
        ${view.nextSteps.length ? html`<dt>${t('track.nextSteps')}</dt><dd data-field="nextSteps">${view.nextSteps.join('; ')}</dd>` : ''}
        <dt>${t('track.receivedAt')}</dt><dd>${formatInstant(view.receivedAt)}</dd>
        ${view.completedAt
          ? html`<dt>${t('track.completedAt')}</dt><dd data-field="completedAt">${formatInstant(view.completedAt)}</dd>`
          : html`<dt>${t('common.deadline')}</dt><dd data-field="dueAt">${formatInstant(view.dueAt)} ${deadlineBadge({ overdue: view.overdue })}</dd>`}
      </dl>
    </section>`;
  }
}

customElements.define('tereze-track-result', TrackResult);
