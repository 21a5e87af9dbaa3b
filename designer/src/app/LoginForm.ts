import { css, html } from 'lit';
import { LocalizedElement, language, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';

/**
 * User name and password, labelled; emits `login` {username, password}. Shows `error` when given one.
 * With `username` set (the session expired: log the same user in again) the name is fixed, a
 * line says why, and a "log out instead" button emits `give-up`.
 */
export class LoginForm extends LocalizedElement {
  static override properties = { error: { type: String }, welcome: { type: String }, username: { type: String } };
  declare error: string;
  declare welcome: string;
  declare username: string;

  constructor() {
    super();
    this.error = '';
    this.welcome = '';
    this.username = '';
  }

  static override styles = [
    formStyles,
    css`
      :host { max-width: 360px; margin: 40px auto; }
      :host([username]) { margin: 0 auto; }
      .again { margin: 0 0 12px; color: #4a5663; }
      .actions { display: flex; flex-wrap: wrap; gap: 8px; }
      form { padding: 20px; border: 1px solid #c4ccd5; border-radius: 8px; background: #fff; }
      .welcome { font-size: 1.5rem; margin: 0; color: #0b3d6e; }
      .welcome-local { margin: 0; color: #4a5663; }
    `,
  ];

  override render() {
    return html`
      <form @submit=${this.submit} aria-labelledby="login-title">
        ${this.username
          ? html`<h2 id="login-title">${t('session.expiredTitle')}</h2><p class="again">${t('session.expiredIntro')}</p>`
          : html`<p class="welcome" lang="kk">${this.welcome}</p>
              ${language() === 'kk' ? '' : html`<p class="welcome-local">${t('login.welcome')}</p>`}
              <h2 id="login-title">${t('login.title')}</h2>`}
        <div class="field">
          <label for="username">${t('login.username')}</label>
          <input id="username" name="username" autocomplete="username" required .value=${this.username} ?readonly=${Boolean(this.username)} />
        </div>
        <div class="field">
          <label for="password">${t('login.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required ?autofocus=${Boolean(this.username)} />
        </div>
        <div class="actions">
          <button type="submit">${t('login.submit')}</button>
          ${this.username ? html`<button type="button" class="secondary" @click=${this.giveUp}>${t('session.giveUp')}</button>` : ''}
        </div>
        <div role="alert">${this.error ? html`<span class="error">${this.error}</span>` : ''}</div>
        ${this.username ? '' : html`<p class="hint"><a href="#/track">${t('login.trackHint')}</a></p>`}
      </form>
    `;
  }

  /** The password field, for the dialog to focus when it opens. */
  focusPassword() {
    this.renderRoot.querySelector<HTMLInputElement>('#password')?.focus();
  }

  private giveUp() {
    this.dispatchEvent(new CustomEvent('give-up'));
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.dispatchEvent(new CustomEvent('login', { detail: { username: String(data.get('username')), password: String(data.get('password')) } }));
  }
}

customElements.define('tereze-login', LoginForm);
