import { LitElement, html } from 'lit';
import { ApiClient, ApiError, type SessionUser } from '../api/ApiClient.js';
import '../modeler/ModelerPage.js';
import './LoginForm.js';

type Phase = 'checking' | 'login' | 'ready';

/** The shell: header, the session (log in when the server asks for it) and the modeler page. */
export class TerezeApp extends LitElement {
  static override properties = {
    phase: { state: true },
    user: { state: true },
    loginError: { state: true },
  };

  declare phase: Phase;
  declare user: SessionUser | undefined;
  declare loginError: string;
  readonly api = new ApiClient();

  constructor() {
    super();
    this.phase = 'checking';
    this.loginError = '';
  }

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.checkSession();
  }

  override render() {
    return html`
      <header class="app-header">
        <span class="brand">Tereze</span><span class="subtitle">process designer</span>
        <span class="user">${this.user ? this.user.name ?? this.user.id : ''}</span>
      </header>
      ${this.phase === 'login' ? html`<tereze-login .error=${this.loginError} @login=${this.login}></tereze-login>` : ''}
      ${this.phase === 'ready' ? html`<tereze-modeler-page .api=${this.api}></tereze-modeler-page>` : ''}
    `;
  }

  private async checkSession() {
    try {
      const user = await this.api.currentUser();
      this.user = user ?? undefined;
      this.phase = user === null ? 'login' : 'ready';
    } catch {
      this.phase = 'ready';
    }
  }

  private async login(event: CustomEvent<{ username: string; password: string }>) {
    try {
      this.user = await this.api.login(event.detail.username, event.detail.password);
      this.loginError = '';
      this.phase = 'ready';
    } catch (error) {
      this.loginError = error instanceof ApiError && error.status === 401 ? 'Wrong user name or password' : String((error as Error).message);
    }
  }
}

customElements.define('tereze-app', TerezeApp);
