import { css, html } from 'lit';
import { LocalizedElement, t } from '../i18n/i18n.js';
import type { VersionDiff } from './diff/index.js';
import { changeListStyles, renderChangeLists } from './VersionChanges.js';

/** What a deploy is about to do: a new version of `key` after `latest`, or a first one (`latest` 0). */
export interface DeployPlan {
  readonly key: string;
  readonly latest: number;
  /** Against the latest deployed version; undefined for a process never deployed. */
  readonly diff?: VersionDiff;
  readonly elements: number;
}

/**
 * The confirmation before a deploy, with the summary of what changes from the version running
 * now. Properties down: `plan` (open while set). Events up: `confirm-deploy`, `cancel-deploy`.
 */
export class DeployConfirm extends LocalizedElement {
  static override properties = { plan: { attribute: false } };
  declare plan: DeployPlan | undefined;

  constructor() {
    super();
    this.plan = undefined;
  }

  static override styles = [
    changeListStyles,
    css`
      dialog { border: 1px solid #b8c0cc; border-radius: 6px; padding: 0; width: min(520px, calc(100vw - 24px)); box-sizing: border-box; }
      dialog::backdrop { background: rgba(15, 23, 42, 0.35); }
      h2 { font-size: 16px; margin: 0; padding: 12px 14px 4px; }
      p { margin: 0; padding: 4px 14px 8px; font-size: 14px; }
      ul { max-height: 40vh; }
      .actions { display: flex; justify-content: flex-end; gap: 8px; padding: 10px 14px; border-top: 1px solid #e3e7ec; }
      button { font: inherit; padding: 5px 12px; border: 1px solid #b8c0cc; border-radius: 4px; background: #fff; cursor: pointer; }
      button.primary { background: #1f6feb; color: #fff; border-color: #1f6feb; }
      :focus-visible { outline: 3px solid #f5a623; outline-offset: 1px; }
    `,
  ];

  override updated() {
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    if (this.plan && !dialog.open) dialog.showModal();
    if (!this.plan && dialog.open) dialog.close();
  }

  override render() {
    const plan = this.plan;
    return html`<dialog aria-labelledby="deploy-confirm-title" @cancel=${(e: Event) => (e.preventDefault(), this.emit('cancel-deploy'))}>
      ${plan ? this.body(plan) : ''}
    </dialog>`;
  }

  private body(plan: DeployPlan) {
    const diff = plan.diff;
    const summary = diff
      ? t('deployConfirm.summary', { added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length })
      : t('deployConfirm.first', { elements: plan.elements });
    return html`
      <h2 id="deploy-confirm-title">${plan.latest ? t('deployConfirm.title', { key: plan.key, version: plan.latest + 1, latest: plan.latest }) : t('deployConfirm.titleFirst', { key: plan.key })}</h2>
      <p class="summary">${summary}</p>
      ${diff ? renderChangeLists(diff) : ''}
      <div class="actions">
        <button data-action="cancel-deploy" @click=${() => this.emit('cancel-deploy')}>${t('deployConfirm.cancel')}</button>
        <button class="primary" data-action="confirm-deploy" @click=${() => this.emit('confirm-deploy')}>${t('deployConfirm.confirm')}</button>
      </div>
    `;
  }

  private emit(name: string) {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }
}

customElements.define('tereze-deploy-confirm', DeployConfirm);
