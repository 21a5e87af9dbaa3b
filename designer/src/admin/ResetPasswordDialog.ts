import { css, html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';

/**
 * A new temporary password for a user (modal): they must change it at the next login. `userId`
 * '' keeps it closed. Emits `reset` `{ userId, password }` and `cancel`; `error` is the
 * server's refusal (the password policy), shown beside the field.
 */
export class ResetPasswordDialog extends LocalizedElement {
  static override properties = { userId: {}, busy: { type: Boolean }, error: {}, missing: { state: true } };
  declare userId: string;
  declare busy: boolean;
  declare error: string;
  declare missing: boolean;
  private opened = 0;
  static override styles = [
    formStyles,
    css`
      dialog { border: none; border-radius: 8px; padding: 18px; width: min(440px, calc(100vw - 32px)); box-sizing: border-box; box-shadow: 0 8px 32px rgba(0, 0, 0, 0.3); }
      dialog::backdrop { background: rgba(10, 20, 30, 0.45); }
      .actions { display: flex; flex-wrap: wrap; gap: 8px; }
    `,
  ];

  constructor() {
    super();
    this.userId = '';
    this.busy = false;
    this.error = '';
    this.missing = false;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('userId') && this.userId) {
      this.opened++;
      this.missing = false;
    }
  }

  override updated(changed: Map<string, unknown>) {
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    if (changed.has('userId')) {
      if (this.userId && !dialog.open) {
        dialog.showModal();
        this.renderRoot.querySelector<HTMLElement>('#reset-password')?.focus();
      } else if (!this.userId && dialog.open) dialog.close();
    }
    if (changed.has('error') && this.error) this.renderRoot.querySelector<HTMLElement>('#reset-password')?.focus();
  }

  override render() {
    const message = this.missing ? t('admin.required') : this.error;
    return html`<dialog aria-labelledby="reset-title" @cancel=${this.cancel}>
      ${keyed(
        this.opened,
        html`<form @submit=${this.submit} novalidate data-form="reset-password">
          <h2 id="reset-title">${t('admin.resetTitle', { id: this.userId })}</h2>
          <p class="hint">${t('admin.resetIntro')}</p>
          <div class="field">
            <label for="reset-password">${t('admin.temporaryPassword')}</label>
            <input id="reset-password" name="password" type="password" autocomplete="new-password" required aria-invalid=${message ? 'true' : 'false'}
              aria-describedby="reset-password-hint reset-password-error" />
            <span id="reset-password-hint" class="hint">${t('password.rules')}</span>
            <span id="reset-password-error" class="error">${message}</span>
          </div>
          <div class="actions">
            <button type="submit" ?disabled=${this.busy}>${t('admin.resetPassword')}</button>
            <button type="button" class="secondary" @click=${this.cancel}>${t('common.cancel')}</button>
          </div>
        </form>`,
      )}
    </dialog>`;
  }

  private cancel(event: Event) {
    event.preventDefault();
    this.dispatchEvent(new CustomEvent('cancel'));
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const password = String(new FormData(event.target as HTMLFormElement).get('password') ?? '');
    this.missing = !password;
    if (!password) return;
    this.dispatchEvent(new CustomEvent('reset', { detail: { userId: this.userId, password } }));
  }
}

customElements.define('tereze-reset-password-dialog', ResetPasswordDialog);
