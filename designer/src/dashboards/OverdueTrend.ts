import { css, html, svg } from 'lit';
import type { TrendDay } from '../api/oversightApi.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { chartStyles } from './chartStyles.js';

const WIDTH = 720;
const HEIGHT = 110;
/** Room above the tallest bar for its number, below the axis for the dates. */
const TOP = 18;
const AXIS = 18;

/**
 * The server's daily series (`GET /api/stats/sla/trend`, Almaty days): per day a pair of columns,
 * tasks that turned overdue and tasks completed late, each non-zero count written above its
 * column; the totals in a sentence and every day's numbers in a list.
 */
export class OverdueTrend extends LocalizedElement {
  static override properties = { days: { attribute: false }, error: {} };
  /** Oldest first; undefined while loading. */
  declare days: readonly TrendDay[] | undefined;
  declare error: string;
  static override styles = [
    formStyles,
    chartStyles,
    css`
      .overdue { fill: #a40e26; }
      .late { fill: #b35c00; }
      svg .count { font-size: 11px; font-weight: 600; font-variant-numeric: tabular-nums; }
      svg .date { font-size: 11px; fill: #4a5663; }
      .legend { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; margin: 6px 0 0; padding: 0; font-size: 0.9rem; }
      .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px; }
    `,
  ];

  constructor() {
    super();
    this.error = '';
  }

  override render() {
    const days = this.days ?? [];
    const caption = t('dash.trend', { days: days.length || 30 });
    if (this.error) return html`<figure data-chart="trend"><figcaption>${caption}</figcaption><p class="error">${this.error}</p></figure>`;
    if (!this.days) return html`<figure data-chart="trend"><figcaption>${caption}</figcaption><p>${t('common.loading')}</p></figure>`;
    const total = (pick: (d: TrendDay) => number) => days.reduce((sum, d) => sum + pick(d), 0);
    const max = Math.max(1, ...days.map((d) => Math.max(d.turnedOverdue, d.late)));
    const step = WIDTH / Math.max(days.length, 1);
    const bar = step * 0.36;
    const column = (x: number, value: number, cls: string) => {
      const h = (value / max) * (HEIGHT - TOP);
      return svg`<rect class=${value ? cls : 'bar-none'} x=${x} y=${HEIGHT - Math.max(h, 1)} width=${bar} height=${Math.max(h, 1)}></rect>
        ${value ? svg`<text class="count" x=${x + bar / 2} y=${HEIGHT - h - 3} text-anchor="middle">${value}</text>` : ''}`;
    };
    const labelEvery = days.length <= 10 ? 1 : 5;
    return html`<figure data-chart="trend" data-days=${days.length}>
      <figcaption>${caption}</figcaption>
      <p class="hint">${t('dash.trendNote')}</p>
      <p data-totals>${t('dash.trendTotals', { days: days.length, overdue: total((d) => d.turnedOverdue), late: total((d) => d.late), completed: total((d) => d.completed), started: total((d) => d.started) })}</p>
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT + AXIS}" aria-hidden="true">
        <line x1="0" y1=${HEIGHT} x2=${WIDTH} y2=${HEIGHT} stroke="#7b8794"></line>
        ${days.map((d, i) => {
          const x = i * step + step * 0.12;
          const last = i === days.length - 1;
          return svg`<g>
            ${column(x, d.turnedOverdue, 'overdue')}
            ${column(x + bar, d.late, 'late')}
            ${(days.length - 1 - i) % labelEvery === 0 || last
              ? svg`<text class="date" x=${last ? WIDTH : x + bar} y=${HEIGHT + 14} text-anchor=${last ? 'end' : 'middle'}>${d.date.slice(5)}</text>`
              : ''}
          </g>`;
        })}
      </svg>
      <ul class="legend">
        <li><span class="swatch" style="background:#a40e26" aria-hidden="true"></span>${t('dash.trendOverdue')}</li>
        <li><span class="swatch" style="background:#b35c00" aria-hidden="true"></span>${t('dash.trendLate')}</li>
      </ul>
      <details>
        <summary>${t('dash.numbers')}</summary>
        <ul>${[...days].reverse().map((d) => html`<li data-date=${d.date}>${t('dash.trendDay', { day: d.date, overdue: d.turnedOverdue, late: d.late, completed: d.completed, started: d.started })}</li>`)}</ul>
      </details>
    </figure>`;
  }
}

customElements.define('tereze-overdue-trend', OverdueTrend);
