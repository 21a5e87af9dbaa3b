import { html } from 'lit';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';
import type { AdminUser, OrgUnit } from './adminApi.js';

/**
 * The directory's users, by id: roles, groups, where they work, whether they can log in. Each
 * row offers edit, deactivate or reactivate, and a password reset: emits `user-action`
 * `{ action: 'edit' | 'toggle' | 'reset', user }`.
 */
export class UsersTable extends LocalizedElement {
  static override properties = { users: { attribute: false }, units: { attribute: false }, self: {} };
  declare users: readonly AdminUser[];
  /** Names of groups, centres and agencies by id. */
  declare units: ReadonlyMap<string, string>;
  /** The administrator looking: they cannot deactivate themselves. */
  declare self: string;
  static override styles = [formStyles, tableStyles];

  constructor() {
    super();
    this.users = [];
    this.units = new Map();
    this.self = '';
  }

  override render() {
    const name = (id: string) => this.units.get(id) ?? id;
    return html`<table data-table="users">
      <caption>${t('admin.usersCaption', { count: this.users.length })}</caption>
      <thead>
        <tr>
          <th scope="col">${t('admin.userId')}</th>
          <th scope="col">${t('admin.userName')}</th>
          <th scope="col">${t('admin.roles')}</th>
          <th scope="col">${t('admin.groups')}</th>
          <th scope="col">${t('admin.office')}</th>
          <th scope="col">${t('admin.status')}</th>
          <th scope="col"><span class="hint">${t('admin.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        ${this.users.map(
          (u) => html`<tr data-user=${u.id} data-active=${u.active ? 'true' : 'false'}>
            <th scope="row" data-label=${t('admin.userId')}><code>${u.id}</code></th>
            <td data-label=${t('admin.userName')}>${u.name}</td>
            <td data-label=${t('admin.roles')}>${u.roles.map((r) => t(`admin.role.${r}` as never)).join(', ')}</td>
            <td data-label=${t('admin.groups')}>${u.groups.length ? u.groups.map(name).join(', ') : '—'}</td>
            <td data-label=${t('admin.office')}>${[u.centre, u.agency].filter((x): x is string => !!x).map(name).join(', ') || '—'}</td>
            <td data-label=${t('admin.status')}>
              <span class="badge ${u.active ? 'on-time' : 'overdue'}">${u.active ? t('admin.activeBadge') : t('admin.inactiveBadge')}</span>
              ${u.mustChangePassword ? html`<span class="badge at-risk">${t('admin.mustChange')}</span>` : ''}
              ${!u.hasPassword ? html`<span class="hint">${t('admin.noPassword')}</span>` : ''}
            </td>
            <td>
              <span class="actions">
                <button type="button" class="secondary small" data-action="edit" aria-label=${t('admin.editUser', { id: u.id })} @click=${() => this.act('edit', u)}>${t('admin.edit')}</button>
                ${u.id === this.self
                  ? ''
                  : html`<button type="button" class="secondary small" data-action="toggle" @click=${() => this.act('toggle', u)}
                      aria-label=${(u.active ? t('admin.deactivate') : t('admin.reactivate')) + ' ' + u.id}>${u.active ? t('admin.deactivate') : t('admin.reactivate')}</button>`}
                <button type="button" class="secondary small" data-action="reset" aria-label=${t('admin.resetTitle', { id: u.id })} @click=${() => this.act('reset', u)}>${t('admin.resetPassword')}</button>
              </span>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private act(action: 'edit' | 'toggle' | 'reset', user: AdminUser) {
    this.dispatchEvent(new CustomEvent('user-action', { detail: { action, user } }));
  }
}

customElements.define('tereze-users-table', UsersTable);
