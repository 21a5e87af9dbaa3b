import { html, svg } from 'lit';
import type { SlaStatRow } from '../api/oversightApi.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { chartStyles, percent } from './chartStyles.js';

const LINE = 17;
const LABEL = 170;
const WIDTH = 420;
/** Characters per label line; a longer name wraps (up to MAX_LINES, the rest in the tooltip), never clipped into look-alikes. */
const LINE_CHARS = 22;
const MAX_LINES = 3;
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
    const laid = rows.map((row) => ({ row, name: this.labels(row.key), lines: wrap(this.labels(row.key)) }));
    let height = 8;
    const tops = laid.map(({ lines }) => {
      const top = height;
      height += Math.max(30, lines.length * LINE + 12);
      return top;
    });
    return html`<figure data-chart=${this.heading}>
      <figcaption>${this.heading}</figcaption>
      ${rows.length
        ? html`<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label=${this.heading}>
            ${laid.map(({ row, name, lines }, i) => {
              const y = tops[i]!;
              const w = row.onTimeRate === null ? 0 : Math.max(2, row.onTimeRate * BAR);
              const cls = row.onTimeRate === null ? 'bar-none' : row.onTimeRate >= GOOD ? 'bar-good' : 'bar-poor';
              const barY = y + Math.max(0, (lines.length * LINE - 18) / 2) + 2;
              return svg`<g data-key=${row.key}>
                <title>${name}</title>
                <text x="0" y=${y + 14} data-label=${name}>${lines.map((line, n) => svg`<tspan x="0" dy=${n ? LINE : 0}>${line}</tspan>`)}</text>
                <rect class="track" x=${LABEL} y=${barY} width=${BAR} height="18" rx="3"></rect>
                <rect class=${cls} x=${LABEL} y=${barY} width=${w} height="18" rx="3"></rect>
                <text class="value" x=${LABEL + BAR + 8} y=${barY + 14} data-rate=${row.key}>${row.onTimeRate === null ? '—' : percent(row.onTimeRate)}</text>
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

/** A name in lines of at most LINE_CHARS at word breaks; past MAX_LINES the last line ends in … (the tooltip has it whole). */
export function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > LINE_CHARS) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= MAX_LINES) return lines.length ? lines : [''];
  const kept = lines.slice(0, MAX_LINES);
  kept[MAX_LINES - 1] = `${kept[MAX_LINES - 1]}…`;
  return kept;
}

customElements.define('tereze-rate-bars', RateBars);
