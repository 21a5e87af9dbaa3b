import { css, html } from 'lit';
import type { ApiClient, SessionUser } from '../api/ApiClient.js';
import { oversightApi, type ChainReport, type SlaStatRow, type StatDimension, type TrendDay } from '../api/oversightApi.js';
import { serviceName } from '../catalogue/standards.js';
import { LocalizedElement, language, t, tMaybe } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import './AuditChainPanel.js';
import './ChannelShare.js';
import './OverdueTrend.js';
import './RateBars.js';

const DIMENSIONS: readonly StatDimension[] = ['agency', 'service', 'channel', 'official'];
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
  declare stats: Partial<Record<StatDimension, SlaStatRow[]>>;
  declare trend: TrendDay[] | undefined;
  declare trendError: string;
  declare chain: ChainReport | undefined;
  declare checking: boolean;
  declare message: string;
  static override styles = [
    formStyles,
    css`
      .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 16px; }
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

  override render() {
    const lang = language();
    const label: Record<StatDimension, (key: string) => string> = {
      agency: (key) => key,
      service: (key) => serviceName(key, lang, key),
      channel: (key) => tMaybe(`channel.${key}`, key),
      official: (key) => key,
    };
    return html`
      <h2>${t('dash.title')}</h2>
      <p class="status" role="status" aria-live="polite">${this.message}</p>
      ${this.auditor ? html`<tereze-audit-chain-panel .report=${this.chain} ?busy=${this.checking} @verify=${this.verify}></tereze-audit-chain-panel>` : ''}
      <p class="hint">${t('dash.legend')}</p>
      <div class="grid">
        ${DIMENSIONS.map((by) => html`<tereze-rate-bars data-by=${by} .rows=${this.stats[by] ?? []} heading=${t(`dash.by.${by}`)} .labels=${label[by]}></tereze-rate-bars>`)}
        <tereze-channel-share .rows=${this.stats.channel ?? []}></tereze-channel-share>
        <tereze-overdue-trend .days=${this.trend} error=${this.trendError}></tereze-overdue-trend>
      </div>
    `;
  }

  private async load() {
    try {
      const rows = await Promise.all(DIMENSIONS.map(async (by) => [by, await oversightApi.slaStats(this.api, by)] as const));
      this.stats = Object.fromEntries(rows);
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
