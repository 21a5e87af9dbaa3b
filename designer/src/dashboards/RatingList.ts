import { css, html } from 'lit';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { chartStyles } from './chartStyles.js';
import type { LabelledRow } from './statsQuery.js';

/** The applicants' hand-back ratings (1–5) of each row that has any: mean and count, best first. */
export class RatingList extends LocalizedElement {
  static override properties = { rows: { attribute: false }, heading: {}, labels: { attribute: false } };
  declare rows: readonly LabelledRow[];
  declare heading: string;
  declare labels: (key: string) => string;
  static override styles = [formStyles, chartStyles, css`ul.ratings { list-style: none; padding: 0; margin: 0; display: grid; gap: 4px; } .stars { color: #8a5a00; letter-spacing: 1px; }`];

  constructor() {
    super();
    this.rows = [];
    this.heading = '';
    this.labels = (key) => key;
  }

  override render() {
    const rated = this.rows.filter((r) => r.ratings > 0).sort((a, b) => (b.ratingAverage ?? 0) - (a.ratingAverage ?? 0) || a.key.localeCompare(b.key));
    return html`<figure data-ratings=${this.heading}>
      <figcaption>${this.heading}</figcaption>
      ${rated.length
        ? html`<ul class="ratings">${rated.map((r) => {
            const average = Math.round((r.ratingAverage ?? 0) * 10) / 10;
            return html`<li data-key=${r.key}><span class="stars" aria-hidden="true">${'★'.repeat(Math.round(average))}${'☆'.repeat(5 - Math.round(average))}</span>
              ${t('dash.ratingRow', { key: this.labels(r.key), average, count: r.ratings })}</li>`;
          })}</ul>`
        : html`<p>${t('dash.noRatings')}</p>`}
    </figure>`;
  }
}

customElements.define('tereze-rating-list', RatingList);
