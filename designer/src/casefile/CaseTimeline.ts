import { css, html } from 'lit';
import { LocalizedElement, formatInstant, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import type { TimelineEntry } from './casefileApi.js';
import { detailRows, headline } from './caseWords.js';

/** An application's timeline as given (oldest first): one line per event, its details and a comment's text below. */
export class CaseTimeline extends LocalizedElement {
  static override properties = { entries: { attribute: false }, serviceCode: { attribute: false } };
  declare entries: readonly TimelineEntry[];
  /** Whose standard names the steps in the reader's language. */
  declare serviceCode: string | undefined;

  constructor() {
    super();
    this.entries = [];
  }

  static override styles = [
    formStyles,
    css`
      ol { list-style: none; margin: 0; padding: 0 0 0 14px; border-left: 3px solid #c4ccd5; display: grid; gap: 10px; }
      li { position: relative; padding-left: 8px; }
      li::before { content: ''; position: absolute; left: -22px; top: 6px; width: 11px; height: 11px; border-radius: 50%; background: #7b8794; }
      li[data-kind='taskCompleted']::before { background: #1a7f37; }
      li[data-kind='comment']::before { background: #0b5cad; }
      li[data-kind='comment'] .text { background: #eef4fb; border-left: 4px solid #0b5cad; padding: 6px 10px; margin: 4px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
      time { font-size: 0.85rem; color: #4a5663; display: block; }
      .what { font-weight: 600; overflow-wrap: anywhere; }
      dl { margin-top: 4px; font-size: 0.92rem; }
      @media (max-width: 480px) { dl { grid-template-columns: 1fr; gap: 0 8px; } dd { margin-bottom: 4px; } }
    `,
  ];

  override render() {
    if (this.entries.length === 0) return html`<p>${t('casefile.timeline.empty')}</p>`;
    return html`<ol aria-label=${t('casefile.timeline.title')}>
      ${this.entries.map((entry) => {
        const rows = detailRows(entry);
        return html`<li data-kind=${entry.kind} data-element=${entry.elementId ?? ''}>
          <time datetime=${entry.at}>${formatInstant(entry.at)}</time>
          <span class="what">${headline(entry, this.serviceCode)}</span>
          ${entry.kind === 'comment' ? html`<p class="text">${String(entry.details.text ?? '')}</p>` : ''}
          ${rows.length ? html`<dl>${rows.map(([label, text]) => html`<dt>${label}</dt><dd>${text}</dd>`)}</dl>` : ''}
        </li>`;
      })}
    </ol>`;
  }
}

customElements.define('tereze-case-timeline', CaseTimeline);
