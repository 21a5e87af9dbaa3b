import { css, html } from 'lit';
import type { AuditEntry } from '../api/oversightApi.js';
import { LocalizedElement, formatInstant, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';

/** The first characters of a hash: enough to follow a link by eye. */
const SHORT = 10;

/**
 * Audit entries as a table: seq, time, actor, action, subject, the hash and the previous
 * entry's hash it links to (shortened; the full hash in the tooltip and the copy button).
 */
export class AuditEntryTable extends LocalizedElement {
  static override properties = { entries: { attribute: false }, copied: { state: true } };
  declare entries: readonly AuditEntry[];
  declare copied: string;
  static override styles = [
    formStyles,
    css`
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; font-size: 0.9rem; background: #fff; }
      th, td { border-bottom: 1px solid #dde3ea; padding: 6px 8px; text-align: left; vertical-align: top; }
      th { background: #f1f4f7; white-space: nowrap; }
      td.at, td.chain { white-space: nowrap; }
      td.subject { overflow-wrap: anywhere; max-width: 22ch; }
      code { font-size: 0.82rem; }
      button.copy { padding: 0 6px; font-size: 0.78rem; min-height: 0; margin-left: 4px; }
      details summary { cursor: pointer; }
      pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0 0; font-size: 0.8rem; max-width: 40ch; }
    `,
  ];

  constructor() {
    super();
    this.entries = [];
    this.copied = '';
  }

  override render() {
    if (!this.entries.length) return html`<p>${t('auditTrail.none')}</p>`;
    return html`<div class="scroll"><table>
      <thead><tr>
        <th scope="col">${t('auditTrail.seq')}</th><th scope="col">${t('auditTrail.at')}</th><th scope="col">${t('auditTrail.actor')}</th>
        <th scope="col">${t('auditTrail.action')}</th><th scope="col">${t('auditTrail.subject')}</th>
        <th scope="col">${t('auditTrail.hash')} / ${t('auditTrail.prev')}</th>
      </tr></thead>
      <tbody>${this.entries.map(
        (e) => html`<tr data-seq=${e.seq}>
          <td>${e.seq}</td>
          <td class="at">${formatInstant(e.at)}</td>
          <td>${e.actor}</td>
          <td data-action=${e.action}>${e.action}${e.data ? html`<details><summary>${t('auditTrail.data')}</summary><pre>${JSON.stringify(e.data, null, 1)}</pre></details>` : ''}</td>
          <td class="subject">${e.subject}</td>
          <td class="chain"><div>${this.hash(e.hash, 'hash')}</div><div class="hint">← ${this.hash(e.prev, 'prev')}</div></td>
        </tr>`,
      )}</tbody>
    </table></div>`;
  }

  private hash(value: string, kind: 'hash' | 'prev') {
    const code = kind === 'hash' ? html`<code title=${value} data-hash=${value}>${value.slice(0, SHORT)}…</code>` : html`<code title=${value} data-prev=${value}>${value.slice(0, SHORT)}…</code>`;
    return html`${code}<button type="button" class="secondary copy" aria-label=${t('auditTrail.copy', { hash: value })} @click=${() => this.copy(value)}>${this.copied === value ? '✓' : t('auditTrail.copyShort')}</button>`;
  }

  private async copy(value: string) {
    try {
      await navigator.clipboard.writeText(value);
      this.copied = value;
    } catch {
      this.copied = '';
    }
  }
}

customElements.define('tereze-audit-entry-table', AuditEntryTable);
