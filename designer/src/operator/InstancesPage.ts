import { css, html } from 'lit';
import type { ApiClient } from '../api/ApiClient.js';
import { operatorApi, type InstancePage, type InstanceState } from '../api/operatorApi.js';
import { LocalizedElement, formatInstant, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';
import type { MessageKey } from '../i18n/messages.js';
import './SignalBroadcast.js';

const STATES: readonly InstanceState[] = ['active', 'incident', 'completed', 'terminated'];
const PAGE = 25;
const TEXT_FILTERS = ['key', 'version', 'element', 'serviceCode', 'centre', 'agency'] as const;

/** The operator's list: filters, counts by state, an incident badge; a row opens `#/instance/<id>`. */
export class InstancesPage extends LocalizedElement {
  static override properties = { api: { attribute: false }, page: { state: true }, error: { state: true }, offset: { state: true } };
  declare api: ApiClient;
  declare page: InstancePage | undefined;
  declare error: string;
  declare offset: number;
  private filters: Record<string, string> = {};

  static override styles = [
    formStyles,
    tableStyles,
    css`
      form.filters { max-width: none; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); align-items: end; gap: 10px; }
      .counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; padding: 0; list-style: none; }
      .counts li { background: #eef1f5; border-radius: 12px; padding: 4px 10px; }
      .badge { display: inline-block; border-radius: 10px; padding: 1px 8px; font-size: 0.85rem; font-weight: 600; background: #e3e8ee; }
      .badge[data-state='incident'] { background: #a40e26; color: #fff; }
      .badge[data-state='completed'] { background: #dff3e4; color: #14532d; }
      .badge[data-state='terminated'] { background: #f1e4d6; color: #6b3d00; }
      .incident-msg { color: #a40e26; font-size: 0.88rem; overflow-wrap: anywhere; }
      .pager { display: flex; gap: 8px; align-items: center; margin-top: 10px; }
      td a { overflow-wrap: anywhere; }
    `,
  ];

  constructor() {
    super();
    this.error = '';
    this.offset = 0;
  }

  protected override firstUpdated() {
    void this.load();
  }

  private async load() {
    try {
      this.error = '';
      this.page = await operatorApi.list(this.api, { ...this.filters, offset: String(this.offset), limit: String(PAGE) });
    } catch (error) {
      this.error = t('ops.loadFailed', { message: error instanceof Error ? error.message : String(error) });
    }
  }

  private apply(event: Event) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const filters: Record<string, string> = {};
    for (const name of TEXT_FILTERS) filters[name] = String(data.get(name) ?? '').trim();
    filters['state'] = String(data.get('state') ?? '');
    filters['incident'] = data.get('incident') ? 'true' : '';
    // Local dates at Astana time (UTC+5), the day's start; "to" takes the whole day.
    const from = String(data.get('startedFrom') ?? '');
    const to = String(data.get('startedTo') ?? '');
    filters['startedFrom'] = from ? new Date(`${from}T00:00:00+05:00`).toISOString() : '';
    filters['startedTo'] = to ? new Date(new Date(`${to}T00:00:00+05:00`).getTime() + 86_400_000).toISOString() : '';
    this.filters = filters;
    this.offset = 0;
    void this.load();
  }

  override render() {
    const page = this.page;
    return html`<section>
      <h2>${t('ops.title')}</h2>
      <form class="filters" @submit=${this.apply} aria-label=${t('ops.filters')}>
        ${TEXT_FILTERS.map((name) => html`<div class="field"><label for="f-${name}">${t(`ops.filter.${name}` as MessageKey)}</label><input id="f-${name}" name=${name} .value=${this.filters[name] ?? ''} /></div>`)}
        <div class="field">
          <label for="f-state">${t('ops.filter.state')}</label>
          <select id="f-state" name="state">
            <option value="">${t('ops.filter.any')}</option>
            ${STATES.map((s) => html`<option value=${s} ?selected=${this.filters['state'] === s}>${t(`ops.state.${s}` as MessageKey)}</option>`)}
          </select>
        </div>
        <div class="field"><label for="f-from">${t('ops.filter.startedFrom')}</label><input id="f-from" type="date" name="startedFrom" /></div>
        <div class="field"><label for="f-to">${t('ops.filter.startedTo')}</label><input id="f-to" type="date" name="startedTo" /></div>
        <label class="choice"><input type="checkbox" name="incident" ?checked=${this.filters['incident'] === 'true'} /> ${t('ops.filter.incident')}</label>
        <div><button type="submit">${t('ops.filter.apply')}</button></div>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <tereze-signal-broadcast .api=${this.api} @broadcast=${() => void this.load()}></tereze-signal-broadcast>
      ${page
        ? html`<ul class="counts" aria-label=${t('ops.counts')}>
              <li data-count="total">${t('ops.total', { count: page.total })}</li>
              ${STATES.map((s) => html`<li data-count=${s}>${t(`ops.state.${s}` as MessageKey)}: ${page.counts[s]}</li>`)}
            </ul>
            ${page.items.length
              ? html`<table>
                  <thead>
                    <tr><th>${t('ops.col.number')}</th><th>${t('ops.col.process')}</th><th>${t('ops.col.state')}</th><th>${t('ops.col.where')}</th><th>${t('ops.col.started')}</th></tr>
                  </thead>
                  <tbody>
                    ${page.items.map(
                      (i) => html`<tr data-instance=${i.id}>
                        <td data-label=${t('ops.col.number')}><a href="#/instance/${encodeURIComponent(i.id)}">${i.trackingNumber}</a></td>
                        <td data-label=${t('ops.col.process')}>${i.definitionId}${i.serviceCode ? html`<br /><span class="hint">${i.serviceCode}</span>` : ''}</td>
                        <td data-label=${t('ops.col.state')}><span class="badge" data-state=${i.state}>${t(`ops.state.${i.state}` as MessageKey)}</span></td>
                        <td data-label=${t('ops.col.where')}>${i.elements.join(', ') || '—'}${i.incidents.map((x) => html`<div class="incident-msg">${x.elementId}: ${x.message}</div>`)}</td>
                        <td data-label=${t('ops.col.started')}>${formatInstant(i.startedAt)}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>`
              : html`<p>${t('ops.none')}</p>`}
            <div class="pager">
              <button type="button" class="secondary" ?disabled=${this.offset === 0} @click=${() => this.turn(-PAGE)}>${t('ops.prev')}</button>
              <span>${t('ops.range', { from: page.total ? this.offset + 1 : 0, to: Math.min(this.offset + PAGE, page.total), total: page.total })}</span>
              <button type="button" class="secondary" ?disabled=${this.offset + PAGE >= page.total} @click=${() => this.turn(PAGE)}>${t('ops.next')}</button>
            </div>`
        : this.error
          ? ''
          : html`<p>${t('ops.loading')}</p>`}
    </section>`;
  }

  private turn(by: number) {
    this.offset = Math.max(0, this.offset + by);
    void this.load();
  }
}

customElements.define('tereze-instances-page', InstancesPage);
