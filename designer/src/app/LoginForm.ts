import { css, html } from 'lit';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';

/** User name and password, labelled; emits `login` {username, password}. Shows `error` when given one. */
export class LoginForm extends LocalizedElement {
  static override properties = { error: { type: String }, welcome: { type: String } };
  declare error: string;
  declare welcome: string;

  constructor() {
    super();
    this.error = '';
    this.welcome = '';
  }

  static override styles = [
    formStyles,
    css`
      :host { max-width: 360px; margin: 40px auto; }
      form { padding: 20px; border: 1px solid #c4ccd5; border-radius: 8px; background: #fff; }
      .welcome { font-size: 1.5rem; margin: 0; color: #0b3d6e; }
      .welcome-local { margin: 0; color: #4a5663; }
    `,
  ];

  override render() {
    return html`
      <form @submit=${this.submit} aria-labelledby="login-title">
        <p class="welcome" lang="kk">${this.welcome}</p>
        <p class="welcome-local">${t('login.welcome')}</p>
        <h2 id="login-title">${t('login.title')}</h2>
        <div class="field">
          <label for="username">${t('login.username')}</label>
          <input id="username" name="username" autocomplete="username" required />
        </div>
        <div class="field">
          <label for="password">${t('login.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <div><button type="submit">${t('login.submit')}</button></div>
        <div role="alert">${this.error ? html`<span class="error">${this.error}</span>` : ''}</div>
        <p class="hint"><a href="#/track">${t('login.trackHint')}</a></p>
      </form>
    `;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.dispatchEvent(new CustomEvent('login', { detail: { username: String(data.get('username')), password: String(data.get('password')) } }));
  }
}

customElements.define('tereze-login', LoginForm);
