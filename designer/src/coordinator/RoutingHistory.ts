import { html } from 'lit';
import type { ServiceFacts } from '../api/catalogueApi.js';
import type { RoutingDecision } from '../api/oversightApi.js';
import { LocalizedElement, formatInstant, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';
import { factsLine } from './serviceFactsText.js';

/** A service's access decisions, oldest first, as the server keeps them. */
export class RoutingHistory extends LocalizedElement {
  static override properties = { service: {}, decisions: { attribute: false }, facts: { attribute: false } };
  declare service: string;
  /** The service's facts now, shown above its decisions. */
  declare facts: ServiceFacts | undefined;
  declare decisions: readonly RoutingDecision[];
  static override styles = [formStyles, tableStyles];

  constructor() {
    super();
    this.service = '';
    this.decisions = [];
    this.facts = undefined;
  }

  override render() {
    const facts = this.facts ? html`<p class="facts-now">${t('routing.factsNow', { facts: factsLine(this.facts) })}</p>` : '';
    if (!this.decisions.length) return html`${facts}<p>${t('routing.noHistory')}</p>`;
    return html`${facts}<table>
      <caption>${t('routing.historyTitle', { service: this.service })}</caption>
      <thead><tr><th scope="col">${t('routing.decidedAt')}</th><th scope="col">${t('routing.mode')}</th><th scope="col">${t('routing.effective')}</th><th scope="col">${t('common.by')}</th><th scope="col">${t('common.reason')}</th></tr></thead>
      <tbody>
        ${this.decisions.map((d) => html`<tr data-version=${d.version}>
          <td data-label=${t('routing.decidedAt')}>${formatInstant(d.decidedAt)}</td>
          <td data-label=${t('routing.mode')}><span class="mode" data-mode=${d.mode}>${t(`routing.mode.${d.mode}`)}</span></td>
          <td data-label=${t('routing.effective')}>${formatInstant(d.effectiveFrom)}</td>
          <td data-label=${t('common.by')}>${d.by}</td>
          <td data-label=${t('common.reason')}>${d.reason}</td>
        </tr>`)}
      </tbody>
    </table>`;
  }
}

customElements.define('tereze-routing-history', RoutingHistory);
