import { html, svg } from 'lit';
import type { SlaStatRow } from '../api/oversightApi.js';
import { LocalizedElement, t, tMaybe } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { chartStyles, percent } from './chartStyles.js';

const COLOURS: Record<string, string> = { centre: '#0b5cad', agency: '#b35c00', portal: '#5b3fa8' };
const WIDTH = 400;

/** The share of applications that came through each channel: one stacked bar, each part named with its count and share. */
export class ChannelShare extends LocalizedElement {
  static override properties = { rows: { attribute: false } };
  declare rows: readonly SlaStatRow[];
  static override styles = [formStyles, chartStyles];

  constructor() {
    super();
    this.rows = [];
  }

  override render() {
    const total = this.rows.reduce((sum, row) => sum + row.applications, 0);
    let x = 0;
    return html`<figure data-chart="channels">
      <figcaption>${t('dash.channelShare')}</figcaption>
      ${total
        ? html`<svg viewBox="0 0 ${WIDTH} 40" aria-hidden="true">
              ${this.rows.map((row) => {
                const w = (row.applications / total) * WIDTH;
                const part = svg`<rect x=${x} y="4" width=${w} height="32" fill=${COLOURS[row.key] ?? '#4a5663'}></rect>`;
                x += w;
                return part;
              })}
            </svg>
            <ul class="legend">${this.rows.map((row) => html`<li data-channel=${row.key}>
              <span aria-hidden="true" style="display:inline-block;width:12px;height:12px;background:${COLOURS[row.key] ?? '#4a5663'}"></span>
              ${t('dash.share', { channel: tMaybe(`channel.${row.key}`, row.key), count: row.applications, share: percent(row.applications / total) })}
            </li>`)}</ul>`
        : html`<p>${t('dash.noData')}</p>`}
    </figure>`;
  }
}

customElements.define('tereze-channel-share', ChannelShare);
