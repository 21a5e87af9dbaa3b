import { css, html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { ALL_ROLES, unitText, type AdminUser, type OrgUnit } from './adminApi.js';

export interface UserDraft {
  readonly id: string;
  readonly name: string;
  readonly roles: string[];
  readonly groups: string[];
  readonly centre?: string;
  readonly agency?: string;
  readonly active: boolean;
  /** Only when creating: the temporary password. */
  readonly password?: string;
}

/**
 * Create or edit a user in a modal dialog (native `<dialog>`): id (on creation only), name,
 * roles, groups, centre or agency, and on creation a temporary password the user changes at
 * the first login. `mode` '' keeps it closed. Emits `save` (a UserDraft) and `cancel`; the
 * page puts the server's 400 back as `serverError`, beside the field it names.
 */
export class UserDialog extends LocalizedElement {
  static override properties = {
    mode: {},
    user: { attribute: false },
    groups: { attribute: false },
    centres: { attribute: false },
    agencies: { attribute: false },
    busy: { type: Boolean },
    serverError: { attribute: false },
    errors: { state: true },
  };
  declare mode: '' | 'create' | 'edit';
  declare user: AdminUser | undefined;
  declare groups: readonly OrgUnit[];
  declare centres: readonly OrgUnit[];
  declare agencies: readonly OrgUnit[];
  declare busy: boolean;
  declare serverError: { field?: string; message: string } | undefined;
  declare errors: Record<string, string>;
  static override styles = [
    formStyles,
    css`
      dialog { border: none; border-radius: 8px; padding: 18px; width: min(560px, calc(100vw - 32px)); max-height: calc(100vh - 32px); box-sizing: border-box; box-shadow: 0 8px 32px rgba(0, 0, 0, 0.3); }
      dialog::backdrop { background: rgba(10, 20, 30, 0.45); }
      form { max-width: none; }
      .checks { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 6px 12px; }
      .groups { max-height: 180px; overflow: auto; }
      .actions { display: flex; flex-wrap: wrap; gap: 8px; }
    `,
  ];

  constructor() {
    super();
    this.mode = '';
    this.groups = [];
    this.centres = [];
    this.agencies = [];
    this.busy = false;
    this.errors = {};
  }

  /** Each opening renders a fresh form, so nothing typed before a cancel is left in it. */
  private opened = 0;

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('mode') && this.mode) {
      this.opened++;
      this.errors = {};
    }
  }

  override updated(changed: Map<string, unknown>) {
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    if (changed.has('mode')) {
      if (this.mode && !dialog.open) {
        dialog.showModal();
        this.renderRoot.querySelector<HTMLElement>(this.mode === 'create' ? '#user-id' : '#user-name')?.focus();
      } else if (!this.mode && dialog.open) dialog.close();
    }
    if (changed.has('serverError') && this.serverError) {
      const field = this.serverError.field && ['id', 'name', 'roles', 'groups', 'centre', 'agency', 'password', 'active'].includes(this.serverError.field) ? this.serverError.field : 'form';
      this.errors = { [field]: this.serverError.message };
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
  }

  override render() {
    const user = this.mode === 'edit' ? this.user : undefined;
    const invalid = (name: string) => (this.errors[name] ? 'true' : 'false');
    const error = (name: string) => html`<span id=${`user-${name}-error`} class="error">${this.errors[name] ?? ''}</span>`;
    const unitOptions = (units: readonly OrgUnit[], selected: string | undefined) => html`<option value="">${t('common.none')}</option>
      ${units.map((u) => html`<option value=${u.id} ?selected=${u.id === selected}>${unitText(u)}${u.name !== u.id ? ` (${u.id})` : ''}</option>`)}`;
    return html`<dialog aria-labelledby="user-title" @cancel=${this.cancel}>
      ${keyed(this.opened, html`<form @submit=${this.submit} novalidate data-form="user">
        <h2 id="user-title">${this.mode === 'create' ? t('admin.newUser') : t('admin.editUser', { id: user?.id ?? '' })}</h2>
        ${this.mode === 'create'
          ? html`<div class="field">
              <label for="user-id">${t('admin.userId')}</label>
              <input id="user-id" name="id" autocomplete="off" spellcheck="false" required aria-invalid=${invalid('id')} aria-describedby="user-id-hint user-id-error" />
              <span id="user-id-hint" class="hint">${t('admin.userIdHint')}</span>
              ${error('id')}
            </div>`
          : ''}
        <div class="field">
          <label for="user-name">${t('admin.userName')}</label>
          <input id="user-name" name="name" .value=${user?.name ?? ''} required aria-invalid=${invalid('name')} aria-describedby="user-name-error" />
          ${error('name')}
        </div>
        <fieldset aria-invalid=${invalid('roles')} aria-describedby="user-roles-error">
          <legend>${t('admin.roles')}</legend>
          <div class="checks">
            ${ALL_ROLES.map(
              (role) => html`<label class="choice"><input type="checkbox" name="roles" value=${role} .checked=${user?.roles.includes(role) ?? false} /> ${t(`admin.role.${role}`)}</label>`,
            )}
          </div>
          ${error('roles')}
        </fieldset>
        <fieldset aria-describedby="user-groups-error">
          <legend>${t('admin.groups')}</legend>
          <div class="checks groups">
            ${this.groups.map(
              (g) => html`<label class="choice"><input type="checkbox" name="groups" value=${g.id} .checked=${user?.groups.includes(g.id) ?? false} /> ${unitText(g)}</label>`,
            )}
          </div>
          ${error('groups')}
        </fieldset>
        <div class="field">
          <label for="user-centre">${t('admin.centre')}</label>
          <select id="user-centre" name="centre" aria-invalid=${invalid('centre')} aria-describedby="user-centre-error">${unitOptions(this.centres, user?.centre)}</select>
          ${error('centre')}
        </div>
        <div class="field">
          <label for="user-agency">${t('admin.agency')}</label>
          <select id="user-agency" name="agency" aria-invalid=${invalid('agency')} aria-describedby="user-agency-error">${unitOptions(this.agencies, user?.agency)}</select>
          ${error('agency')}
        </div>
        ${this.mode === 'create'
          ? html`<div class="field">
              <label for="user-password">${t('admin.temporaryPassword')}</label>
              <input id="user-password" name="password" type="password" autocomplete="new-password" required aria-invalid=${invalid('password')}
                aria-describedby="user-password-hint user-password-error" />
              <span id="user-password-hint" class="hint">${t('admin.temporaryPasswordHint')} ${t('password.rules')}</span>
              ${error('password')}
            </div>`
          : html`<label class="choice"><input type="checkbox" name="active" .checked=${user?.active ?? true} /> ${t('admin.active')}</label>${error('active')}`}
        <div role="alert">${this.errors.form ? html`<span class="error">${this.errors.form}</span>` : ''}</div>
        <div class="actions">
          <button type="submit" ?disabled=${this.busy}>${t('admin.save')}</button>
          <button type="button" class="secondary" @click=${this.cancel}>${t('common.cancel')}</button>
        </div>
      </form>`)}
    </dialog>`;
  }

  private cancel(event: Event) {
    event.preventDefault();
    this.dispatchEvent(new CustomEvent('cancel'));
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const id = this.mode === 'create' ? text('id') : (this.user?.id ?? '');
    const draft: UserDraft = {
      id,
      name: text('name'),
      roles: data.getAll('roles').map(String),
      groups: data.getAll('groups').map(String),
      ...(text('centre') ? { centre: text('centre') } : {}),
      ...(text('agency') ? { agency: text('agency') } : {}),
      active: this.mode === 'create' ? true : data.get('active') !== null,
      ...(this.mode === 'create' ? { password: String(data.get('password') ?? '') } : {}),
    };
    const errors: Record<string, string> = {};
    if (!draft.id) errors.id = t('admin.required');
    if (!draft.name) errors.name = t('admin.required');
    if (!draft.roles.length) errors.roles = t('admin.roleRequired');
    if (this.mode === 'create' && !draft.password) errors.password = t('admin.required');
    this.errors = errors;
    if (Object.keys(errors).length) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"] input, input[aria-invalid="true"]')?.focus());
      return;
    }
    this.dispatchEvent(new CustomEvent('save', { detail: draft }));
  }
}

customElements.define('tereze-user-dialog', UserDialog);
