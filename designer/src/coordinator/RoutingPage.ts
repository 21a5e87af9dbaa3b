import { html } from 'lit';
import type { ApiClient } from '../api/ApiClient.js';
import { catalogueApi, type ServiceFacts } from '../api/catalogueApi.js';
import { oversightApi, type RoutingDecision, type RoutingSwitch } from '../api/oversightApi.js';
import { STANDARDS, serviceName } from '../catalogue/standards.js';
import { LocalizedElement, inLanguage, language, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';
import './RoutingHistory.js';
import './RoutingSwitchForm.js';
import './RoutingTable.js';
import type { RoutingRow } from './RoutingTable.js';

/** The coordinator's routing console: each service's access, the switch, the decision history. */
export class RoutingPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    decisions: { state: true },
    facts: { state: true },
    selected: { state: true },
    view: { state: true },
    history: { state: true },
    busy: { state: true },
    message: { state: true },
  };
  declare api: ApiClient;
  declare decisions: RoutingDecision[];
  declare facts: ServiceFacts[];
  declare selected: string;
  declare view: 'switch' | 'history' | '';
  declare history: RoutingDecision[];
  declare busy: boolean;
  declare message: string;
  static override styles = [formStyles, tableStyles];

  constructor() {
    super();
    this.decisions = [];
    this.facts = [];
    this.selected = '';
    this.view = '';
    this.history = [];
    this.busy = false;
    this.message = '';
  }

  override firstUpdated() {
    void this.load();
  }

  private get rows(): RoutingRow[] {
    const lang = language();
    const byService = new Map(this.decisions.filter((d) => !d.region).map((d) => [d.serviceCode, d]));
    const codes = new Set([...STANDARDS.keys(), ...byService.keys()]);
    return [...codes]
      .map((code) => {
        const standard = STANDARDS.get(code);
        const facts = this.facts.find((f) => f.serviceCode === code);
        const agencyDesk = facts?.hasAgencyChannel ?? standard?.channels.includes('agency') ?? true;
        return { serviceCode: code, name: serviceName(code, lang, code), agency: (facts?.agencyName ? inLanguage(facts.agencyName, facts.agencyNames, lang) : undefined) ?? standard?.agency ?? facts?.agency ?? '', agencyDesk, decision: byService.get(code), facts };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  override render() {
    const selectedName = this.selected ? serviceName(this.selected, language(), this.selected) : '';
    const current = this.decisions.find((d) => d.serviceCode === this.selected && !d.region)?.mode ?? '';
    return html`
      <h2>${t('routing.title')}</h2>
      <p class="hint">${t('routing.intro')}</p>
      <p class="status" role="status" aria-live="polite">${this.message}</p>
      ${this.view
        ? html`<section class="panel-box" aria-label=${selectedName}>
            ${this.view === 'switch'
              ? html`<tereze-routing-switch-form .service=${selectedName} .current=${current} ?busy=${this.busy}
                  @switch-access=${this.switchAccess} @cancel=${this.close}></tereze-routing-switch-form>`
              : ''}
            <tereze-routing-history .service=${selectedName} .decisions=${this.history} .facts=${this.facts.find((f) => f.serviceCode === this.selected)}></tereze-routing-history>
            ${this.view === 'history' ? html`<button type="button" class="secondary" @click=${this.close}>${t('common.close')}</button>` : ''}
          </section>`
        : ''}
      <tereze-routing-table .rows=${this.rows} .selected=${this.selected} @pick=${this.pick}></tereze-routing-table>
    `;
  }

  private async load() {
    try {
      [this.decisions, this.facts] = await Promise.all([oversightApi.routing(this.api), catalogueApi.routingFacts(this.api)]);
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }

  private async pick(event: CustomEvent<{ serviceCode: string; view: 'switch' | 'history' }>) {
    this.selected = event.detail.serviceCode;
    this.view = event.detail.view;
    this.history = [];
    await this.loadHistory();
    // The panel opens above the table: bring it into view for keyboard and screen-reader users.
    await this.updateComplete;
    this.renderRoot.querySelector('.panel-box')?.scrollIntoView({ block: 'nearest' });
    if (this.view === 'history') this.renderRoot.querySelector<HTMLElement>('.panel-box button')?.focus();
  }

  private async loadHistory() {
    try {
      this.history = await oversightApi.routingHistory(this.api, this.selected);
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }

  private async switchAccess(event: CustomEvent<RoutingSwitch>) {
    this.busy = true;
    try {
      const decision = await oversightApi.switchRouting(this.api, this.selected, event.detail);
      this.message = t('routing.switched', { service: serviceName(decision.serviceCode, language(), decision.serviceCode), mode: t(`routing.mode.${decision.mode}`) });
      this.view = 'history';
      await Promise.all([this.load(), this.loadHistory()]);
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    } finally {
      this.busy = false;
    }
  }

  private close() {
    const code = this.selected;
    this.view = '';
    this.selected = '';
    void this.updateComplete.then(() => {
      const table = this.renderRoot.querySelector('tereze-routing-table');
      table?.shadowRoot?.querySelector<HTMLElement>(`tr[data-service="${code}"] button`)?.focus();
    });
  }
}

customElements.define('tereze-routing-page', RoutingPage);
