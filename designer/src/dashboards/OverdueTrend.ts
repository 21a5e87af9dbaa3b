import { html, svg } from 'lit';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { chartStyles } from './chartStyles.js';
import type { TrendPoint } from './trendSeries.js';

const WIDTH = 400;
const HEIGHT = 120;

/** Overdue applications per day as columns, the count above each, and the same as text. */
export class OverdueTrend extends LocalizedElement {
  static override properties = { points: { attribute: false }, sample: { type: Number } };
  declare points: readonly TrendPoint[];
  declare sample: number;
  static override styles = [formStyles, chartStyles];

  constructor() {
    super();
    this.points = [];
    this.sample = 0;
  }

  override render() {
    const max = Math.max(1, ...this.points.map((p) => p.overdue));
    const step = WIDTH / Math.max(this.points.length, 1);
    return html`<figure data-chart="trend">
      <figcaption>${t('dash.trend', { days: this.points.length })}</figcaption>
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT + 20}" aria-hidden="true">
        <line x1="0" y1=${HEIGHT} x2=${WIDTH} y2=${HEIGHT} stroke="#7b8794"></line>
        ${this.points.map((p, i) => {
          const h = (p.overdue / max) * (HEIGHT - 24);
          const x = i * step + step * 0.15;
          return svg`<g>
            <rect class=${p.overdue ? 'bar-poor' : 'bar-none'} x=${x} y=${HEIGHT - h} width=${step * 0.7} height=${Math.max(h, 1)}></rect>
            <text class="value" x=${x + step * 0.35} y=${HEIGHT - h - 4} text-anchor="middle">${p.overdue}</text>
            ${i % 2 === 0 || this.points.length <= 8 ? svg`<text x=${x + step * 0.35} y=${HEIGHT + 15} text-anchor="middle" style="font-size:11px">${p.day.slice(5)}</text>` : ''}
          </g>`;
        })}
      </svg>
      <p class="hint">${t('dash.trendNote', { count: this.sample })}</p>
      <details>
        <summary>${t('dash.trend', { days: this.points.length })}</summary>
        <ul>${this.points.map((p) => html`<li>${t('dash.trendDay', { day: p.day, count: p.overdue })}</li>`)}</ul>
      </details>
    </figure>`;
  }
}

customElements.define('tereze-overdue-trend', OverdueTrend);
