import { html } from 'lit';
import type { ServiceFacts } from '../api/catalogueApi.js';
import type { RoutingDecision } from '../api/oversightApi.js';
import { LocalizedElement, formatInstant, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';
import { channelShareText, onTimeText } from './serviceFactsText.js';

export interface RoutingRow {
  readonly serviceCode: string;
  readonly name: string;
  readonly agency: string;
  /** The standard offers an agency desk: only then does the switch change anything. */
  readonly agencyDesk: boolean;
  readonly decision: RoutingDecision | undefined;
  /** Channel share, on-time rate and waiting work (`GET /api/routing/facts`), once loaded. */
  readonly facts?: ServiceFacts | undefined;
}

/** Every service with its current access; emits `pick` `{ serviceCode, view: 'switch' | 'history' }`. */
export class RoutingTable extends LocalizedElement {
  static override properties = { rows: { attribute: false }, selected: {} };
  declare rows: readonly RoutingRow[];
  declare selected: string;
  static override styles = [formStyles, tableStyles];

  constructor() {
    super();
    this.rows = [];
    this.selected = '';
  }

  override render() {
    return html`<table>
      <thead><tr><th scope="col">${t('common.service')}</th><th scope="col">${t('routing.agency')}</th><th scope="col">${t('routing.mode')}</th><th scope="col">${t('routing.facts')}</th><th scope="col"><span class="hint">${t('routing.switch')}</span></th></tr></thead>
      <tbody>
        ${this.rows.map((row) => html`<tr data-service=${row.serviceCode} aria-current=${this.selected === row.serviceCode ? 'true' : 'false'}>
          <th scope="row">${row.name}<br /><span class="hint">${row.serviceCode}</span></th>
          <td data-label=${t('routing.agency')}>${row.agency}</td>
          <td data-label=${t('routing.mode')}>${this.renderMode(row)}</td>
          <td class="facts" data-label=${t('routing.facts')}>${this.renderFacts(row)}</td>
          <td class="actions">
            ${row.agencyDesk
              ? html`<button type="button" data-action="switch" aria-label=${`${t('routing.switch')}: ${row.name}`} @click=${() => this.pick(row.serviceCode, 'switch')}>${t('routing.switch')}</button>`
              : ''}
            <button type="button" class="secondary" data-action="history" aria-label=${`${t('routing.history')}: ${row.name}`} @click=${() => this.pick(row.serviceCode, 'history')}>${t('routing.history')}</button>
          </td>
        </tr>`)}
      </tbody>
    </table>`;
  }

  private renderFacts(row: RoutingRow) {
    const facts = row.facts;
    if (!facts) return html`<span class="hint">—</span>`;
    return html`<span class="share">${channelShareText(facts)}</span><br /><span class="on-time">${onTimeText(facts)}</span><br /><span class="waiting">${t('routing.waiting', { count: facts.waiting })}</span>`;
  }

  private renderMode(row: RoutingRow) {
    const d = row.decision;
    if (!d) return html`<span class="hint">${t('routing.noDecision')}</span>`;
    const future = Date.parse(d.effectiveFrom) > Date.now();
    return html`<span class="mode" data-mode=${d.mode}>${t(`routing.mode.${d.mode}`)}</span>
      <br /><span class="hint">${future ? t('routing.scheduled', { date: formatInstant(d.effectiveFrom) }) : t('routing.since', { date: formatInstant(d.effectiveFrom) })}</span>
      ${row.agencyDesk ? '' : html`<br /><span class="hint">${t('routing.noAgencyDesk')}</span>`}`;
  }

  private pick(serviceCode: string, view: 'switch' | 'history') {
    this.dispatchEvent(new CustomEvent('pick', { detail: { serviceCode, view } }));
  }
}

customElements.define('tereze-routing-table', RoutingTable);
