import { css, html } from 'lit';
import type { ChainReport } from '../api/oversightApi.js';
import { LocalizedElement, formatInstant, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';

/** The audit chain's state: intact, or the first broken entry. Emits `verify` to check again. */
export class AuditChainPanel extends LocalizedElement {
  static override properties = { report: { attribute: false }, busy: { type: Boolean } };
  declare report: ChainReport | undefined;
  declare busy: boolean;
  static override styles = [
    formStyles,
    css`
      section { background: #fff; border: 1px solid #c4ccd5; border-radius: 6px; padding: 12px; margin-bottom: 16px; display: grid; gap: 8px; max-width: none; }
      h3, p { margin: 0; }
    `,
  ];

  constructor() {
    super();
    this.busy = false;
  }

  override render() {
    const r = this.report;
    return html`<section aria-labelledby="chain-title">
      <h3 id="chain-title">${t('audit.title')}</h3>
      <p class="hint">${t('audit.intro')}</p>
      <div role="status" aria-live="polite" data-chain=${this.busy ? 'checking' : r ? (r.ok ? 'ok' : 'broken') : ''}>
        ${this.busy
          ? t('audit.checking')
          : r
            ? r.ok
              ? html`<p class="done">✓ ${t('audit.ok', { checked: r.checked })}</p>`
              : html`<p class="error">⚠ ${t('audit.broken', { seq: r.firstBroken?.seq ?? '?', action: r.firstBroken?.action ?? '', subject: r.firstBroken?.subject ?? '', at: formatInstant(r.firstBroken?.at), reason: r.firstBroken?.reason ?? '' })}</p>`
            : ''}
      </div>
      <div><button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.dispatchEvent(new CustomEvent('verify'))}>${t('audit.verify')}</button></div>
    </section>`;
  }
}

customElements.define('tereze-audit-chain-panel', AuditChainPanel);
