import { css, html } from 'lit';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';

/**
 * "The applicant withdraws": a reason, then a confirmation (the case ends for good). Emits
 * `withdraw` with the reason only after the second step.
 */
export class WithdrawalForm extends LocalizedElement {
  static override properties = {
    busy: { type: Boolean },
    problem: {},
    confirming: { state: true },
    reason: { state: true },
    missing: { state: true },
  };
  declare busy: boolean;
  declare problem: string;
  declare confirming: boolean;
  declare reason: string;
  declare missing: boolean;

  constructor() {
    super();
    this.busy = false;
    this.problem = '';
    this.confirming = false;
    this.reason = '';
    this.missing = false;
  }

  static override styles = [
    formStyles,
    css`
      form { gap: 10px; } h3, p { margin: 0; }
      button.danger { background: #a40e26; border-color: #a40e26; }
      .confirm { border-left: 5px solid #a40e26; background: #fbeaec; padding: 8px 12px; display: grid; gap: 10px; }
      .actions { display: flex; gap: 10px; flex-wrap: wrap; }
    `,
  ];

  override render() {
    return html`<form @submit=${this.submit} novalidate aria-labelledby="withdraw-title">
      <h3 id="withdraw-title">${t('case.withdraw.title')}</h3>
      <div class="field">
        <label for="withdraw-reason">${t('common.reason')}</label>
        <span id="withdraw-reason-hint" class="hint">${t('case.withdraw.reasonHint')}</span>
        <textarea id="withdraw-reason" name="reason" rows="2" maxlength="1000" required ?readonly=${this.confirming}
          aria-invalid=${this.missing ? 'true' : 'false'} aria-describedby="withdraw-reason-hint withdraw-reason-error"
          .value=${this.reason} @input=${(e: Event) => { this.reason = (e.target as HTMLTextAreaElement).value; this.missing = false; }}></textarea>
        <span id="withdraw-reason-error" class="error">${this.missing ? t('case.reasonRequired') : ''}</span>
      </div>
      ${this.confirming
        ? html`<div class="confirm" role="alertdialog" aria-labelledby="withdraw-confirm-text">
            <p id="withdraw-confirm-text">${t('case.withdraw.confirmText')}</p>
            <div class="actions">
              <button type="submit" class="danger" ?disabled=${this.busy}>${t('case.withdraw.confirm')}</button>
              <button type="button" class="secondary" @click=${() => (this.confirming = false)}>${t('case.withdraw.cancel')}</button>
            </div>
          </div>`
        : html`<div><button type="submit" class="secondary">${t('case.withdraw.submit')}</button></div>`}
      <p class="error" role="alert" data-problem>${this.problem}</p>
    </form>`;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const reason = this.reason.trim();
    if (!reason) {
      this.missing = true;
      return;
    }
    if (!this.confirming) {
      this.confirming = true;
      return;
    }
    this.dispatchEvent(new CustomEvent<string>('withdraw', { detail: reason }));
  }
}

customElements.define('tereze-withdrawal-form', WithdrawalForm);
