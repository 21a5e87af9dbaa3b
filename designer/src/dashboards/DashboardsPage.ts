import { css, html } from 'lit';
import type { ApiClient, SessionUser } from '../api/ApiClient.js';
import { oversightApi, type ChainReport, type StatDimension, type TrendDay } from '../api/oversightApi.js';
import { downloadFile } from '../audit/downloadFile.js';
import { endOfDay, startOfDay } from '../audit/periodBounds.js';
import { serviceName } from '../catalogue/standards.js';
import { LocalizedElement, inLanguage, language, t, tMaybe } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import './AuditChainPanel.js';
import './ChannelShare.js';
import './OverdueTrend.js';
import './RateBars.js';
import './RatingList.js';
import './WaitingWork.js';
import { statsQuery, type LabelledRow, type StatFilter } from './statsQuery.js';

const DIMENSIONS: readonly StatDimension[] = ['agency', 'service', 'channel', 'centre', 'official'];
/** The filters offered as choices, their options the keys of the unfiltered rows. */
const CHOICES = ['centre', 'agency', 'service', 'channel'] as const;
/** The rows the applicants' ratings are shown by. */
const RATED_BY = ['centre', 'service', 'official'] as const;
/** The days of the overdue trend. */
const TREND_DAYS = 30;

/**
 * Dashboards of supervisors and auditors: SLA compliance by agency, service, channel and
 * official (the rows the server lets the caller see), the channel share, the server's daily overdue
 * trend (the last 30 Almaty days, the agencies the caller oversees);
 * for auditors also the audit chain check.
 */
export class DashboardsPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    stats: { state: true },
    trend: { state: true },
    trendError: { state: true },
    chain: { state: true },
    checking: { state: true },
    message: { state: true },
  };
  declare api: ApiClient;
  declare user: SessionUser | undefined;
  declare stats: Partial<Record<StatDimension, LabelledRow[]>>;
  /** The keys each filter may choose (from the first, unfiltered load), with their labels. */
  private options: Partial<Record<(typeof CHOICES)[number], LabelledRow[]>> = {};
  private filter: StatFilter = {};
  declare trend: TrendDay[] | undefined;
  declare trendError: string;
  declare chain: ChainReport | undefined;
  declare checking: boolean;
  declare message: string;
  static override styles = [
    formStyles,
    css`
      .grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 16px; }
      form.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; max-width: none; margin-bottom: 8px; }
      form.filters .field { min-width: 140px; flex: 1 1 140px; }
      form.filters select { max-width: 100%; }
      .ratings { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 0 16px; }
      tereze-overdue-trend { grid-column: 1 / -1; }
      @media (max-width: 820px) { .grid { grid-template-columns: 1fr; } }
    `,
  ];

  constructor() {
    super();
    this.stats = {};
    this.trendError = '';
    this.checking = false;
    this.message = '';
  }

  private get auditor() {
    return this.user?.roles?.includes('auditor') ?? false;
  }

  override firstUpdated() {
    void this.load();
    void this.loadTrend();
    if (this.auditor) void this.verify();
  }

  /** A readable name per dimension: the server's label (a unit's in the reader's language), the catalogue's service name, the channel's, else the key. */
  private labelOf(by: StatDimension): (key: string) => string {
    const lang = language();
    const labels = new Map<string, string>();
    for (const row of [...(this.stats[by] ?? []), ...(by === 'official' ? [] : (this.options[by as (typeof CHOICES)[number]] ?? []))]) if (row.label) labels.set(row.key, inLanguage(row.label, row.labels, lang));
    if (by === 'service') return (key) => serviceName(key, lang, labels.get(key) ?? key);
    if (by === 'channel') return (key) => tMaybe(`channel.${key}`, key);
    if (by === 'centre') return (key) => (key === 'none' ? t('dash.noCentre') : labels.get(key) ?? key);
    return (key) => labels.get(key) ?? key;
  }

  override render() {
    return html`
      <h2>${t('dash.title')}</h2>
      <p class="status" role="status" aria-live="polite">${this.message}</p>
      ${this.auditor ? html`<tereze-audit-chain-panel .report=${this.chain} ?busy=${this.checking} @verify=${this.verify}></tereze-audit-chain-panel>` : ''}
      <form class="filters" aria-label=${t('dash.filters')} @submit=${this.submit}>
        <div class="field"><label for="from">${t('dash.filter.from')}</label><input id="from" name="from" type="date" /></div>
        <div class="field"><label for="to">${t('dash.filter.to')}</label><input id="to" name="to" type="date" /></div>
        ${CHOICES.map((name) => {
          const label = this.labelOf(name);
          return html`<div class="field"><label for=${name}>${t(`dash.filter.${name}`)}</label>
            <select id=${name} name=${name}>
              <option value="">${t('dash.filter.all')}</option>
              ${(this.options[name] ?? []).map((row) => html`<option value=${row.key} ?selected=${this.filter[name] === row.key}>${label(row.key)}</option>`)}
            </select></div>`;
        })}
        <button type="submit">${t('dash.apply')}</button>
        <button type="button" class="secondary" data-export="centres" @click=${this.exportCentres}>${t('dash.exportCentres')}</button>
      </form>
      <p class="hint">${t('dash.legend')}</p>
      <div class="grid">
        ${DIMENSIONS.map((by) => html`<tereze-rate-bars data-by=${by} .rows=${this.stats[by] ?? []} heading=${t(`dash.by.${by}`)} .labels=${this.labelOf(by)}></tereze-rate-bars>`)}
        <tereze-channel-share .rows=${this.stats.channel ?? []}></tereze-channel-share>
        <tereze-overdue-trend .days=${this.trend} error=${this.trendError}></tereze-overdue-trend>
      </div>
      <tereze-waiting-work .api=${this.api} .services=${this.waitingServices()}></tereze-waiting-work>
      <h3>${t('dash.ratings')}</h3>
      <div class="ratings">
        ${RATED_BY.map((by) => html`<tereze-rating-list data-by=${by} .rows=${this.stats[by] ?? []} heading=${t(`dash.by.${by}`)} .labels=${this.labelOf(by)}></tereze-rating-list>`)}
      </div>
    `;
  }

  /** The services whose process the server named, to see where their work waits. */
  private waitingServices(): { key: string; name: string }[] {
    const label = this.labelOf('service');
    return (this.options.service ?? []).flatMap((row) => (row.process ? [{ key: row.process, name: label(row.key) }] : []));
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    const filter: Record<string, string> = {};
    for (const name of CHOICES) {
      const v = value(name);
      if (v) filter[name] = v;
    }
    const from = value('from');
    const to = value('to');
    if (from) filter.from = startOfDay(from);
    if (to) filter.to = endOfDay(to);
    this.filter = filter;
    void this.load();
  }

  private async exportCentres() {
    try {
      downloadFile('sla-by-centre.csv', await statsQuery.csv(this.api, 'centre', this.filter), 'text/csv');
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }

  private async load() {
    try {
      const rows = await Promise.all(DIMENSIONS.map(async (by) => [by, await statsQuery.rows(this.api, by, this.filter)] as const));
      this.stats = Object.fromEntries(rows);
      if (!Object.keys(this.options).length) this.options = Object.fromEntries(CHOICES.map((name) => [name, this.stats[name] ?? []]));
      this.message = '';
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }

  private async loadTrend() {
    try {
      this.trend = await oversightApi.slaTrend(this.api, TREND_DAYS);
    } catch (error) {
      this.trendError = t('common.error', { message: (error as Error).message });
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

customElements.define('tereze-dashboards-page', DashboardsPage);
