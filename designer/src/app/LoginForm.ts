import { LitElement, css, html } from 'lit';

/** Username and password; emits `login` {username, password}. Shows `error` when given one. */
export class LoginForm extends LitElement {
  static override properties = { error: { type: String } };
  declare error: string;

  constructor() {
    super();
    this.error = '';
  }

  static override styles = css`
    form { display: grid; gap: 8px; max-width: 280px; margin: 60px auto; padding: 20px; border: 1px solid #d7dce2; border-radius: 6px; }
    input, button { font: inherit; padding: 6px 8px; }
    .error { color: #a40e26; }
  `;

  override render() {
    return html`
      <form @submit=${this.submit}>
        <strong>Log in to the designer</strong>
        <input name="username" autocomplete="username" placeholder="User name" required />
        <input name="password" type="password" autocomplete="current-password" placeholder="Password" required />
        <button type="submit">Log in</button>
        ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : ''}
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
