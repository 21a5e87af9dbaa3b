import { html } from 'lit';
import { ApiClient, ApiError, type SessionUser } from '../api/ApiClient.js';
import { LocalizedElement, language, setLanguage, t } from '../i18n/i18n.js';
import { LANGUAGES, KAZAKH_WELCOME, type Language } from '../i18n/messages.js';
import { PAGES, homeOf, mayOpen, parseHash, type PageRoute } from './pageRoutes.js';
import { clearDrafts, setDraftOwner } from './drafts.js';
import './LoginForm.js';
import type { LoginForm } from './LoginForm.js';
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
    relogin: { state: true },
  };

  declare phase: Phase;
  declare user: SessionUser | undefined;
  declare loginError: string;
  declare route: { path: string; args: string[] };
  readonly api = new ApiClient();
  /** The session expired mid-work: the login over the page, and the calls waiting for it. */
  declare relogin: { error: string } | undefined;
  private reloginDone: Promise<boolean> | undefined;
  private reloginResolve: ((again: boolean) => void) | undefined;
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
    this.api.onSessionLost(() => this.sessionLost());
    void this.checkSession();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.onHash);
    this.api.onSessionLost(undefined);
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
      ${this.relogin && this.user
        ? html`<dialog class="session-dialog" aria-label=${t('session.expiredTitle')} @cancel=${(e: Event) => e.preventDefault()}>
            <tereze-login username=${this.user.id} .error=${this.relogin.error} @login=${this.loginAgain} @give-up=${this.giveUp}></tereze-login>
          </dialog>`
        : ''}
    `;
  }

  protected override updated() {
    const dialog = this.querySelector<HTMLDialogElement>('dialog.session-dialog');
    if (dialog && !dialog.open) {
      // Modal: the page under it is inert but kept as it was, half-filled forms and all.
      dialog.showModal();
      void (dialog.querySelector('tereze-login') as LoginForm | null)?.updateComplete.then(() => (dialog.querySelector('tereze-login') as LoginForm).focusPassword());
    }
  }

  /**
   * A call met a 401 while logged in: the login opens over the page, and every call that meets
   * one meanwhile waits for the same answer (true: logged in again, the calls are resent).
   */
  private sessionLost(): Promise<boolean> {
    if (this.phase !== 'ready' || !this.user) return Promise.resolve(false);
    this.reloginDone ??= new Promise<boolean>((resolve) => {
      this.reloginResolve = resolve;
      this.relogin = { error: '' };
    });
    return this.reloginDone;
  }

  private endRelogin(again: boolean) {
    this.reloginResolve?.(again);
    this.reloginDone = undefined;
    this.reloginResolve = undefined;
    this.relogin = undefined;
  }

  /** The user name is fixed to who was logged in: the waiting calls are theirs to resend. */
  private async loginAgain(event: CustomEvent<{ username: string; password: string }>) {
    try {
      const user = await this.api.login(this.user?.id ?? event.detail.username, event.detail.password);
      this.user = user;
      this.endRelogin(true);
    } catch (error) {
      this.relogin = { error: error instanceof ApiError && error.status === 401 ? t('login.failed') : (error as Error).message };
    }
  }

  private async giveUp() {
    this.endRelogin(false);
    await this.logout();
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

  /** The choice is kept in this browser (for the login page) and, logged in, on the user's record. */
  private switchLanguage(lang: Language) {
    setLanguage(lang);
    if (this.loggedIn && this.user && !this.user.mustChangePassword && this.user.language !== lang) {
      const user = this.user;
      this.user = { ...user, language: lang };
      this.api.setLanguage(lang).catch(() => {
        // Not kept on the server (offline, say): this browser still remembers it; the next switch tries again.
        if (this.user?.id === user.id) this.user = { ...this.user, language: user.language };
      });
    }
  }

  /** A user who chose a language once gets it at every login, on any computer. */
  private applySavedLanguage(user: SessionUser | undefined) {
    if (user?.language) setLanguage(user.language);
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
      this.applySavedLanguage(this.user);
      this.phase = user === null ? 'login' : 'ready';
      if (user) setDraftOwner(user.id);
    } catch {
      this.phase = 'ready';
    }
    if (this.phase === 'ready') this.navigate();
  }

  private async login(event: CustomEvent<{ username: string; password: string }>) {
    try {
      this.user = await this.api.login(event.detail.username, event.detail.password);
      this.applySavedLanguage(this.user);
      setDraftOwner(this.user.id);
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
    // No applicant's name or IIN stays behind in this tab for the next person at the counter.
    clearDrafts();
    this.user = undefined;
    this.phase = 'login';
    location.hash = '#/';
  }
}

customElements.define('tereze-app', TerezeApp);
