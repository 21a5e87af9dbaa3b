import { html } from 'lit';
import { ApiClient, ApiError, type SessionUser } from '../api/ApiClient.js';
import { LocalizedElement, language, setLanguage, t } from '../i18n/i18n.js';
import { LANGUAGES, KAZAKH_WELCOME, type Language } from '../i18n/messages.js';
import { PAGES, homeOf, mayOpen, parseHash, type PageRoute } from './pageRoutes.js';
import './LoginForm.js';
import '../admin/ChangePasswordForm.js';

type Phase = 'checking' | 'login' | 'ready';

/**
 * The shell: header (brand, navigation by role, language, user), the session, and the page the
 * hash names (`#/register`, `#/inbox`, `#/task/<application>/<task>`, `#/track/<number>`…).
 * Light DOM, as the modeler page needs document CSS.
 */
export class TerezeApp extends LocalizedElement {
  static override properties = {
    phase: { state: true },
    user: { state: true },
    loginError: { state: true },
    route: { state: true },
  };

  declare phase: Phase;
  declare user: SessionUser | undefined;
  declare loginError: string;
  declare route: { path: string; args: string[] };
  readonly api = new ApiClient();
  private readonly onHash = () => this.navigate();

  constructor() {
    super();
    this.phase = 'checking';
    this.loginError = '';
    this.route = parseHash(location.hash);
  }

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback() {
    super.connectedCallback();
    addEventListener('hashchange', this.onHash);
    void this.checkSession();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.onHash);
  }

  private get loggedIn() {
    return this.phase === 'ready';
  }

  private get page(): PageRoute | undefined {
    return PAGES.find((p) => p.path === this.route.path);
  }

  override render() {
    const page = this.page;
    const showPage = page && mayOpen(page, this.user, this.loggedIn);
    if (showPage) void page.load();
    const context = { api: this.api, user: this.user, args: this.route.args };
    return html`
      <a class="skip-link" href="#main" @click=${this.skipToMain}>${t('app.skip')}</a>
      <header class="app-header">
        <a class="brand" href="#/">${t('app.title')}</a><span class="subtitle">${t('app.subtitle')}</span>
        ${this.renderNav()}
        <span class="header-end">
          <span class="lang" role="group" aria-label=${t('lang.label')}>
            ${LANGUAGES.map(
              (lang) => html`<button type="button" lang=${lang} aria-pressed=${language() === lang ? 'true' : 'false'} data-lang=${lang}
                @click=${() => this.switchLanguage(lang)}>${t(`lang.${lang}`)}</button>`,
            )}
          </span>
          ${this.user ? html`<span class="user" data-user=${this.user.id}>${this.user.name ?? this.user.id}</span>` : ''}
          ${this.loggedIn && this.user ? html`<button type="button" class="logout" @click=${this.logout}>${t('nav.logout')}</button>` : ''}
          ${this.phase === 'login' && this.route.path ? html`<a class="login-link" href="#/">${t('login.submit')}</a>` : ''}
        </span>
      </header>
      <main id="main" class="app-main" tabindex="-1" data-page=${this.loggedIn && this.user?.mustChangePassword ? 'change-password' : showPage ? page.path : this.phase}>
        ${this.loggedIn && this.user?.mustChangePassword
          ? html`<tereze-change-password .api=${this.api} .userName=${this.user.name ?? this.user.id} @password-changed=${this.passwordChanged}></tereze-change-password>`
          : showPage
          ? page.render(context)
          : this.phase === 'login'
            ? html`<tereze-login .error=${this.loginError} .welcome=${KAZAKH_WELCOME} @login=${this.login}></tereze-login>`
            : html`<p role="status">${t('common.loading')}</p>`}
      </main>
    `;
  }

  private renderNav() {
    // A temporary password opens nothing but its change (the server answers 403 elsewhere).
    if (this.user?.mustChangePassword) return '';
    const links = PAGES.filter((p) => p.nav && (p.roles === 'public' || this.loggedIn) && mayOpen(p, this.user, this.loggedIn));
    if (links.length === 0) return '';
    return html`<nav aria-label=${t('nav.label')}>
      <ul>
        ${links.map(
          (p) => html`<li><a href=${`#/${p.path}`} aria-current=${this.route.path === p.path ? 'page' : 'false'}>${t(p.nav!)}</a></li>`,
        )}
      </ul>
    </nav>`;
  }

  private skipToMain(event: Event) {
    event.preventDefault();
    this.querySelector<HTMLElement>('#main')?.focus();
  }

  private switchLanguage(lang: Language) {
    setLanguage(lang);
  }

  /** The hash changed: show that page, or the role's home when it names none the user may open. */
  private navigate() {
    this.route = parseHash(location.hash);
    const page = this.page;
    if (this.loggedIn && (!page || !mayOpen(page, this.user, true))) {
      location.hash = `#/${homeOf(this.user)}`;
      return;
    }
    // Move focus to the new page's content so keyboard and screen-reader users land there.
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('#main')?.focus({ preventScroll: true }));
  }

  private async checkSession() {
    try {
      const user = await this.api.currentUser();
      this.user = user ?? undefined;
      this.phase = user === null ? 'login' : 'ready';
    } catch {
      this.phase = 'ready';
    }
    if (this.phase === 'ready') this.navigate();
  }

  private async login(event: CustomEvent<{ username: string; password: string }>) {
    try {
      this.user = await this.api.login(event.detail.username, event.detail.password);
      this.loginError = '';
      this.phase = 'ready';
      this.navigate();
    } catch (error) {
      this.loginError = error instanceof ApiError && error.status === 401 ? t('login.failed') : String((error as Error).message);
    }
  }

  private passwordChanged() {
    if (this.user) this.user = { ...this.user, mustChangePassword: false };
    this.navigate();
  }

  private async logout() {
    await this.api.logout().catch(() => undefined);
    this.user = undefined;
    this.phase = 'login';
    location.hash = '#/';
  }
}

customElements.define('tereze-app', TerezeApp);
