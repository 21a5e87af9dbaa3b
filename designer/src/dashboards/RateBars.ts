import { html, svg } from 'lit';
import type { SlaStatRow } from '../api/oversightApi.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { chartStyles, percent } from './chartStyles.js';

const ROW = 30;
const LABEL = 150;
const WIDTH = 400;
const BAR = WIDTH - LABEL - 58;
/** Below this share on time, the bar is red (the services' own target is every file on time). */
const GOOD = 0.8;

/** On-time rate per row as horizontal bars, the percentage written at each bar, the full numbers in a list. */
export class RateBars extends LocalizedElement {
  static override properties = { rows: { attribute: false }, heading: {}, labels: { attribute: false } };
  declare rows: readonly SlaStatRow[];
  declare heading: string;
  /** A readable name per key (a service's name, a channel's); the key otherwise. */
  declare labels: (key: string) => string;
  static override styles = [formStyles, chartStyles];

  constructor() {
    super();
    this.rows = [];
    this.heading = '';
    this.labels = (key) => key;
  }

  override render() {
    const rows = [...this.rows].sort((a, b) => (a.onTimeRate ?? 2) - (b.onTimeRate ?? 2) || a.key.localeCompare(b.key));
    const height = Math.max(rows.length, 1) * ROW + 8;
    return html`<figure data-chart=${this.heading}>
      <figcaption>${this.heading}</figcaption>
      ${rows.length
        ? html`<svg viewBox="0 0 ${WIDTH} ${height}" aria-hidden="true">
            ${rows.map((row, i) => {
              const y = i * ROW + 4;
              const w = row.onTimeRate === null ? 0 : Math.max(2, row.onTimeRate * BAR);
              const cls = row.onTimeRate === null ? 'bar-none' : row.onTimeRate >= GOOD ? 'bar-good' : 'bar-poor';
              return svg`<g>
                <text x="0" y=${y + 17}>${clip(this.labels(row.key))}</text>
                <rect class="track" x=${LABEL} y=${y + 4} width=${BAR} height="18" rx="3"></rect>
                <rect class=${cls} x=${LABEL} y=${y + 4} width=${w} height="18" rx="3"></rect>
                <text class="value" x=${LABEL + BAR + 8} y=${y + 17}>${row.onTimeRate === null ? '—' : percent(row.onTimeRate)}</text>
              </g>`;
            })}
          </svg>
          <details>
            <summary>${t('dash.numbers')}</summary>
            <ul>${rows.map((row) => html`<li data-key=${row.key}>${this.describe(row)}</li>`)}</ul>
          </details>
          <ul class="sr-only">${rows.map((row) => html`<li>${this.describe(row)}</li>`)}</ul>`
        : html`<p>${t('dash.noData')}</p>`}
    </figure>`;
  }

  private describe(row: SlaStatRow) {
    return t('dash.row', {
      key: this.labels(row.key),
      rate: row.onTimeRate === null ? t('dash.noneCompleted') : percent(row.onTimeRate),
      onTime: row.onTime,
      completed: row.completed,
      overdue: row.overdueOpen,
      atRisk: row.atRiskOpen,
      applications: row.applications,
    });
  }
}

function clip(text: string): string {
  return text.length > 19 ? `${text.slice(0, 18)}…` : text;
}

customElements.define('tereze-rate-bars', RateBars);
