import { css, html } from 'lit';
import type { ApiClient, SessionUser } from '../api/ApiClient.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';
import { adminApi, fieldOf, problemText, unitText, type AdminUser, type OrgUnit, type UnitKind } from './adminApi.js';
import './ResetPasswordDialog.js';
import './UnitsPanel.js';
import './UserDialog.js';
import type { UserDraft } from './UserDialog.js';
import './UsersTable.js';

type Tab = 'users' | UnitKind;
const TABS: readonly Tab[] = ['users', 'groups', 'centres', 'agencies'];

/**
 * The administrator's page (`#/admin`): users (search, create, edit, deactivate, reset the
 * password), and the groups, centres and agencies they belong to. Every change goes through
 * the admin routes, which version and audit it.
 */
export class AdminPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    tab: { state: true },
    users: { state: true },
    search: { state: true },
    units: { state: true },
    dialog: { state: true },
    editing: { state: true },
    resetting: { state: true },
    resetError: { state: true },
    serverError: { state: true },
    busy: { state: true },
    message: { state: true },
  };
  declare api: ApiClient;
  declare user: SessionUser | undefined;
  declare tab: Tab;
  declare users: AdminUser[];
  declare search: string;
  declare units: Record<UnitKind, OrgUnit[]>;
  declare dialog: '' | 'create' | 'edit';
  declare editing: AdminUser | undefined;
  declare resetting: string;
  declare resetError: string;
  declare serverError: { field?: string; message: string } | undefined;
  declare busy: boolean;
  declare message: string;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  static override styles = [
    formStyles,
    tableStyles,
    css`
      .tabs { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 12px; border-bottom: 1px solid #c4ccd5; padding-bottom: 8px; }
      .tabs button[aria-selected='false'] { background: #fff; color: #0b5cad; }
      .toolbar { display: flex; flex-wrap: wrap; gap: 10px; align-items: end; margin: 0 0 10px; }
      .toolbar .field { flex: 1 1 240px; max-width: 420px; }
    `,
  ];

  constructor() {
    super();
    this.tab = 'users';
    this.users = [];
    this.search = '';
    this.units = { groups: [], centres: [], agencies: [] };
    this.dialog = '';
    this.resetting = '';
    this.resetError = '';
    this.busy = false;
    this.message = '';
  }

  override firstUpdated() {
    void Promise.all([this.loadUsers(), this.loadUnits()]);
  }

  private get unitNames(): Map<string, string> {
    return new Map([...this.units.groups, ...this.units.centres, ...this.units.agencies].map((u) => [u.id, unitText(u) ?? u.id]));
  }

  override render() {
    return html`
      <h2>${t('admin.title')}</h2>
      <div class="tabs" role="tablist" aria-label=${t('admin.title')}>
        ${TABS.map(
          (tab) => html`<button type="button" role="tab" id=${`tab-${tab}`} aria-selected=${this.tab === tab ? 'true' : 'false'} aria-controls="admin-panel"
            data-tab=${tab} @click=${() => this.showTab(tab)}>${t(`admin.tab.${tab}`)}</button>`,
        )}
      </div>
      <p class="status" role="status" aria-live="polite">${this.message}</p>
      <div id="admin-panel" role="tabpanel" aria-labelledby=${`tab-${this.tab}`}>
        ${this.tab === 'users' ? this.renderUsers() : html`<tereze-units-panel .api=${this.api} .kind=${this.tab} .units=${this.units[this.tab]}
            .agencies=${this.units.agencies} @units-changed=${this.loadUnits}></tereze-units-panel>`}
      </div>
      <tereze-user-dialog .mode=${this.dialog} .user=${this.editing} .groups=${this.units.groups} .centres=${this.units.centres} .agencies=${this.units.agencies}
        ?busy=${this.busy} .serverError=${this.serverError} @save=${this.save} @cancel=${this.closeDialog}></tereze-user-dialog>
      <tereze-reset-password-dialog .userId=${this.resetting} ?busy=${this.busy} .error=${this.resetError} @reset=${this.reset}
        @cancel=${() => (this.resetting = '')}></tereze-reset-password-dialog>
    `;
  }

  private showTab(tab: Tab) {
    this.tab = tab;
    this.message = '';
  }

  private renderUsers() {
    return html`<div class="toolbar">
        <div class="field">
          <label for="user-search">${t('admin.search')}</label>
          <input id="user-search" type="search" .value=${this.search} @input=${this.onSearch} placeholder=${t('admin.searchHint')} />
        </div>
        <button type="button" data-action="new-user" @click=${this.openCreate}>${t('admin.newUser')}</button>
      </div>
      <tereze-users-table .users=${this.users} .units=${this.unitNames} .self=${this.user?.id ?? ''} @user-action=${this.onUserAction}></tereze-users-table>`;
  }

  private onSearch(event: InputEvent) {
    this.search = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.loadUsers(), 250);
  }

  private async loadUsers() {
    try {
      this.users = await adminApi.users(this.api, this.search.trim());
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }

  private async loadUnits() {
    try {
      const [groups, centres, agencies] = await Promise.all((['groups', 'centres', 'agencies'] as const).map((kind) => adminApi.units(this.api, kind)));
      this.units = { groups: groups!, centres: centres!, agencies: agencies! };
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }

  private openCreate() {
    this.editing = undefined;
    this.serverError = undefined;
    this.dialog = 'create';
  }

  private closeDialog() {
    this.dialog = '';
    this.editing = undefined;
  }

  private async onUserAction(event: CustomEvent<{ action: 'edit' | 'toggle' | 'reset'; user: AdminUser }>) {
    const { action, user } = event.detail;
    if (action === 'edit') {
      this.editing = user;
      this.serverError = undefined;
      this.dialog = 'edit';
    } else if (action === 'reset') {
      this.resetError = '';
      this.resetting = user.id;
    } else {
      await this.run(async () => {
        const saved = await adminApi.updateUser(this.api, user.id, { ...fieldsOf(user), active: !user.active });
        this.message = saved.active ? t('admin.reactivated', { id: saved.id }) : t('admin.deactivated', { id: saved.id });
      });
    }
  }

  private async save(event: CustomEvent<UserDraft>) {
    const draft = event.detail;
    this.serverError = undefined;
    this.busy = true;
    try {
      if (this.dialog === 'create') {
        await adminApi.createUser(this.api, { id: draft.id, ...fieldsOf(draft), password: draft.password ?? '' });
        this.message = t('admin.created', { id: draft.id });
      } else {
        await adminApi.updateUser(this.api, draft.id, { ...fieldsOf(draft), active: draft.active });
        this.message = t('admin.saved', { id: draft.id });
      }
      this.closeDialog();
      await Promise.all([this.loadUsers(), this.loadUnits()]);
    } catch (error) {
      const field = fieldOf(error);
      this.serverError = { ...(field ? { field } : {}), message: problemText(error) };
    } finally {
      this.busy = false;
    }
  }

  private async reset(event: CustomEvent<{ userId: string; password: string }>) {
    this.busy = true;
    this.resetError = '';
    try {
      await adminApi.resetPassword(this.api, event.detail.userId, event.detail.password);
      this.message = t('admin.resetDone', { id: event.detail.userId });
      this.resetting = '';
      await this.loadUsers();
    } catch (error) {
      this.resetError = problemText(error);
    } finally {
      this.busy = false;
    }
  }

  private async run(action: () => Promise<void>) {
    this.busy = true;
    try {
      await action();
      await this.loadUsers();
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    } finally {
      this.busy = false;
    }
  }
}

function fieldsOf(user: { name: string; roles: readonly string[]; groups: readonly string[]; centre?: string | undefined; agency?: string | undefined }) {
  return { name: user.name, roles: [...user.roles], groups: [...user.groups], ...(user.centre ? { centre: user.centre } : {}), ...(user.agency ? { agency: user.agency } : {}) };
}

customElements.define('tereze-admin-page', AdminPage);
