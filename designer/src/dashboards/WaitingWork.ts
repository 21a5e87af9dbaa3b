import { css, html } from 'lit';
import type { ApiClient } from '../api/ApiClient.js';
import type { HeatmapCell } from '../api/oversightApi.js';
import { LocalizedElement, formatInstant, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { chartStyles } from './chartStyles.js';

/** An application behind a heatmap number (GET /api/definitions/:key/heatmap/:elementId). */
interface WaitingApplication {
  readonly id: string;
  readonly trackingNumber: string;
  readonly state: 'overdue' | 'atRisk' | 'active';
  readonly dueAt?: string;
}

/**
 * Where a service's open work waits: per step, the applications resting there, at risk and
 * overdue (the heatmap's numbers); a step opens the list of applications behind its number,
 * each by tracking number, linking to its tracking page.
 */
export class WaitingWork extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    services: { attribute: false },
    cells: { state: true },
    behind: { state: true },
    open: { state: true },
    message: { state: true },
  };
  declare api: ApiClient;
  /** Services to choose from: process key and name. */
  declare services: readonly { key: string; name: string }[];
  declare cells: readonly HeatmapCell[] | undefined;
  declare behind: readonly WaitingApplication[] | undefined;
  declare open: string;
  declare message: string;
  private process = '';
  static override styles = [
    formStyles,
    chartStyles,
    css`
      table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
      th, td { border-bottom: 1px solid #dde3ea; padding: 6px 8px; text-align: left; }
      .overdue { color: #a40e26; font-weight: 600; }
      ul.behind { margin: 8px 0 0; padding-left: 18px; }
      select { max-width: 100%; }
    `,
  ];

  constructor() {
    super();
    this.services = [];
    this.open = '';
    this.message = '';
  }

  override render() {
    return html`<figure data-waiting>
      <figcaption>${t('dash.waiting')}</figcaption>
      <div class="field"><label for="waiting-service">${t('dash.filter.service')}</label>
        <select id="waiting-service" @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
          <option value="">—</option>
          ${this.services.map((s) => html`<option value=${s.key}>${s.name}</option>`)}
        </select></div>
      <p class="status" role="status">${this.message}</p>
      ${this.cells
        ? this.cells.length
          ? html`<table>
              <thead><tr><th scope="col">${t('dash.waitingStep')}</th><th scope="col">${t('dash.waitingActive')}</th><th scope="col">${t('dash.waitingOverdue')}</th><th></th></tr></thead>
              <tbody>${this.cells.map(
                (c) => html`<tr data-element=${c.elementId}>
                  <td>${(c as HeatmapCell & { name?: string }).name ?? c.elementId}</td><td>${c.active}</td><td class=${c.overdue ? 'overdue' : ''}>${c.overdue}</td>
                  <td><button type="button" class="secondary" data-drill=${c.elementId} aria-expanded=${this.open === c.elementId} @click=${() => this.drill(c.elementId)}>${t('dash.waitingShow')}</button></td>
                </tr>
                ${this.open === c.elementId && this.behind
                  ? html`<tr><td colspan="4"><ul class="behind">${this.behind.map(
                      (a) => html`<li data-application=${a.id} class=${a.state === 'overdue' ? 'overdue' : ''}>
                        <a href="#/track/${a.trackingNumber}">${a.trackingNumber}</a> — ${t(`dash.state.${a.state}`)}${a.dueAt ? `, ${t('dash.due', { at: formatInstant(a.dueAt) })}` : ''}</li>`,
                    )}</ul></td></tr>`
                  : ''}`,
              )}</tbody>
            </table>`
          : html`<p>${t('dash.noData')}</p>`
        : ''}
    </figure>`;
  }

  private async choose(key: string) {
    this.process = key;
    this.cells = undefined;
    this.open = '';
    if (!key) return;
    try {
      this.cells = await this.api.request<HeatmapCell[]>('GET', `/api/definitions/${encodeURIComponent(key)}/heatmap`);
      this.message = '';
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }

  private async drill(elementId: string) {
    if (this.open === elementId) return void (this.open = '');
    try {
      this.behind = await this.api.request<WaitingApplication[]>('GET', `/api/definitions/${encodeURIComponent(this.process)}/heatmap/${encodeURIComponent(elementId)}`);
      this.open = elementId;
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }
}

customElements.define('tereze-waiting-work', WaitingWork);
