import { css, html } from 'lit';
import type { ApiClient } from '../api/ApiClient.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { adminApi, fieldOf, problemText } from './adminApi.js';

type Field = 'currentPassword' | 'newPassword' | 'repeat';

/**
 * The screen right after logging in with a temporary password (an administrator made or
 * reset it): nothing else opens until it is changed (the server answers 403
 * `password_change_required` elsewhere). Emits `password-changed` once the server took it.
 */
export class ChangePasswordForm extends LocalizedElement {
  static override properties = { api: { attribute: false }, userName: {}, errors: { state: true }, busy: { state: true } };
  declare api: ApiClient;
  declare userName: string;
  declare errors: Partial<Record<Field | 'form', string>>;
  declare busy: boolean;
  static override styles = [
    formStyles,
    css`
      :host { max-width: 420px; margin: 40px auto; }
      form { padding: 20px; border: 1px solid #c4ccd5; border-radius: 8px; background: #fff; }
    `,
  ];

  constructor() {
    super();
    this.userName = '';
    this.errors = {};
    this.busy = false;
  }

  override firstUpdated() {
    this.renderRoot.querySelector<HTMLElement>('#current-password')?.focus();
  }

  override render() {
    const field = (id: string, name: Field, label: string, autocomplete: string, hint = '') => html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} name=${name} type="password" autocomplete=${autocomplete} required aria-invalid=${this.errors[name] ? 'true' : 'false'}
        aria-describedby=${`${id}-hint ${id}-error`} />
      ${hint ? html`<span id=${`${id}-hint`} class="hint">${hint}</span>` : ''}
      <span id=${`${id}-error`} class="error">${this.errors[name] ?? ''}</span>
    </div>`;
    return html`<form @submit=${this.submit} novalidate aria-labelledby="change-title" data-form="change-password">
      <h2 id="change-title">${t('password.changeTitle')}</h2>
      <p class="hint">${t('password.changeIntro', { name: this.userName })}</p>
      ${field('current-password', 'currentPassword', t('password.current'), 'current-password')}
      ${field('new-password', 'newPassword', t('password.new'), 'new-password', t('password.rules'))}
      ${field('repeat-password', 'repeat', t('password.repeat'), 'new-password')}
      <div><button type="submit" ?disabled=${this.busy}>${t('password.change')}</button></div>
      <div role="alert">${this.errors.form ? html`<span class="error">${this.errors.form}</span>` : ''}</div>
    </form>`;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const current = String(data.get('currentPassword') ?? '');
    const next = String(data.get('newPassword') ?? '');
    const repeat = String(data.get('repeat') ?? '');
    const errors: Partial<Record<Field | 'form', string>> = {};
    if (!current) errors.currentPassword = t('password.required');
    if (!next) errors.newPassword = t('password.required');
    else if (repeat !== next) errors.repeat = t('password.mismatch');
    this.errors = errors;
    if (Object.keys(errors).length) return this.focusFirstError();
    this.busy = true;
    try {
      await adminApi.changePassword(this.api, current, next);
      this.dispatchEvent(new CustomEvent('password-changed', { bubbles: true, composed: true }));
    } catch (error) {
      const field = fieldOf(error);
      const message = problemText(error);
      this.errors = field === 'currentPassword' || field === 'newPassword' ? { [field]: message } : { form: t('common.error', { message }) };
      await this.focusFirstError();
    } finally {
      this.busy = false;
    }
  }

  private async focusFirstError() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }
}

customElements.define('tereze-change-password', ChangePasswordForm);
