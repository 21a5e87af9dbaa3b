import { css, html } from 'lit';
import type { ApiClient } from '../api/ApiClient.js';
import { oversightApi, type AuditEntry, type ChainReport } from '../api/oversightApi.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import '../dashboards/AuditChainPanel.js';
import './AuditEntryTable.js';
import { auditTrailApi, type AuditSelection } from './auditTrailApi.js';
import { downloadFile } from './downloadFile.js';
import { endOfDay, startOfDay } from './periodBounds.js';

const PAGE = 50;

/**
 * `#/audit`, for auditors: the trail filtered by actor, action, subject, application and
 * period, paged by seq (each page starts after the last seq of the one before), each entry
 * with its hash and link; the selection exported as CSV or as JSON (the entries exactly as
 * hashed, verifiable without the store); the chain check beside it.
 */
export class AuditTrailPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    entries: { state: true },
    chain: { state: true },
    checking: { state: true },
    message: { state: true },
    loading: { state: true },
  };
  declare api: ApiClient;
  declare entries: readonly AuditEntry[];
  declare chain: ChainReport | undefined;
  declare checking: boolean;
  declare message: string;
  declare loading: boolean;
  private selection: AuditSelection = {};
  /** The afterSeq of each page shown so far: the last is the current page's. */
  private pages: number[] = [0];
  static override styles = [
    formStyles,
    css`
      .layout { display: grid; grid-template-columns: minmax(0, 1fr) 260px; gap: 16px; align-items: start; }
      @media (max-width: 900px) { .layout { grid-template-columns: minmax(0, 1fr); } .layout aside { order: -1; } }
      form.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; max-width: none; margin-bottom: 8px; }
      form.filters .field { min-width: 140px; flex: 1 1 140px; }
      .actions, .paging { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
    `,
  ];

  constructor() {
    super();
    this.entries = [];
    this.checking = false;
    this.message = '';
    this.loading = false;
  }

  override firstUpdated() {
    void this.load();
    void this.verify();
  }

  override render() {
    const page = this.pages.length;
    return html`
      <h2>${t('auditTrail.title')}</h2>
      <p class="hint">${t('auditTrail.intro')}</p>
      <div class="layout">
        <main>
          <form class="filters" @submit=${this.submit}>
            ${(['actor', 'action', 'subject', 'trackingNumber'] as const).map(
              (name) => html`<div class="field"><label for=${name}>${t(`auditTrail.filter.${name}`)}</label><input id=${name} name=${name} .value=${this.selection[name] ?? ''} /></div>`,
            )}
            <div class="field"><label for="from">${t('auditTrail.filter.from')}</label><input id="from" name="from" type="date" /></div>
            <div class="field"><label for="to">${t('auditTrail.filter.to')}</label><input id="to" name="to" type="date" /></div>
            <button type="submit" ?disabled=${this.loading}>${t('auditTrail.show')}</button>
          </form>
          <div class="actions">
            <button type="button" class="secondary" data-export="csv" @click=${() => this.export('csv')}>${t('auditTrail.exportCsv')}</button>
            <button type="button" class="secondary" data-export="json" @click=${() => this.export('json')}>${t('auditTrail.exportJson')}</button>
            <span class="hint">${t('auditTrail.exportHint')}</span>
          </div>
          <p class="status" role="status" aria-live="polite">${this.loading ? t('common.loading') : this.message}</p>
          <tereze-audit-entry-table .entries=${this.entries}></tereze-audit-entry-table>
          <div class="paging">
            <button type="button" class="secondary" data-page="previous" ?disabled=${page <= 1 || this.loading} @click=${this.previous}>${t('auditTrail.previous')}</button>
            <span data-page-number=${page}>${t('auditTrail.page', { page })}</span>
            <button type="button" class="secondary" data-page="next" ?disabled=${this.entries.length < PAGE || this.loading} @click=${this.next}>${t('auditTrail.next')}</button>
          </div>
        </main>
        <aside><tereze-audit-chain-panel .report=${this.chain} ?busy=${this.checking} @verify=${this.verify}></tereze-audit-chain-panel></aside>
      </div>
    `;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    const from = value('from');
    const to = value('to');
    const selection: Record<string, string> = {};
    for (const name of ['actor', 'action', 'subject', 'trackingNumber']) {
      const v = value(name);
      if (v) selection[name] = v;
    }
    if (from) selection.from = startOfDay(from);
    if (to) selection.to = endOfDay(to);
    this.selection = selection;
    this.pages = [0];
    void this.load();
  }

  private next() {
    const last = this.entries.at(-1);
    if (!last) return;
    this.pages = [...this.pages, last.seq];
    void this.load();
  }

  private previous() {
    this.pages = this.pages.slice(0, -1);
    void this.load();
  }

  private async load() {
    this.loading = true;
    this.message = '';
    try {
      this.entries = await auditTrailApi.page(this.api, this.selection, this.pages.at(-1) ?? 0, PAGE);
    } catch (error) {
      this.entries = [];
      this.message = t('common.error', { message: (error as Error).message });
    } finally {
      this.loading = false;
    }
  }

  private async export(format: 'csv' | 'json') {
    try {
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      if (format === 'csv') downloadFile(`audit-${stamp}.csv`, await auditTrailApi.exportCsv(this.api, this.selection), 'text/csv');
      else downloadFile(`audit-${stamp}.json`, JSON.stringify(await auditTrailApi.exportJson(this.api, this.selection), null, 2), 'application/json');
      this.message = t('auditTrail.exported');
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }

  private async verify() {
    this.checking = true;
    try {
      this.chain = await oversightApi.verifyAudit(this.api);
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    } finally {
      this.checking = false;
    }
  }
}

customElements.define('tereze-audit-trail-page', AuditTrailPage);
