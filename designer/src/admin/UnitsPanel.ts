import { css, html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { ApiClient } from '../api/ApiClient.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';
import { adminApi, fieldOf, problemText, unitText, type OrgUnit, type UnitKind } from './adminApi.js';

/**
 * The groups, centres or agencies (`kind`): a table with each one's active members, and a
 * form to add one or rename the one picked (a group names its agency, a centre its city).
 * Each save is a new version on the server, audited. Emits `units-changed` after a save.
 */
export class UnitsPanel extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    kind: {},
    units: { attribute: false },
    agencies: { attribute: false },
    editing: { state: true },
    errors: { state: true },
    message: { state: true },
    busy: { state: true },
  };
  declare api: ApiClient;
  declare kind: UnitKind;
  declare units: readonly OrgUnit[];
  declare agencies: readonly OrgUnit[];
  /** The unit being renamed, or undefined: the form adds one. */
  declare editing: OrgUnit | undefined;
  declare errors: Record<string, string>;
  declare message: string;
  declare busy: boolean;
  private formKey = 0;
  static override styles = [
    formStyles,
    tableStyles,
    css`
      form { grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); align-items: start; max-width: none; }
      form .actions { align-self: end; padding-bottom: 1.3em; }
    `,
  ];

  constructor() {
    super();
    this.kind = 'groups';
    this.units = [];
    this.agencies = [];
    this.errors = {};
    this.message = '';
    this.busy = false;
  }

  override render() {
    const kind = this.kind;
    const editing = this.editing;
    const error = (name: string) => html`<span id=${`unit-${name}-error`} class="error">${this.errors[name] ?? ''}</span>`;
    return html`
      <section class="panel-box" aria-labelledby="unit-form-title">
        <h3 id="unit-form-title">${editing ? t('admin.renameUnit', { id: editing.id }) : t(`admin.add.${kind}`)}</h3>
        ${keyed(
          this.formKey,
          html`<form @submit=${this.submit} novalidate data-form="unit">
            <div class="field">
              <label for="unit-id">${t('admin.unitId')}</label>
              <input id="unit-id" name="id" .value=${editing?.id ?? ''} ?readonly=${!!editing} spellcheck="false" required aria-invalid=${this.errors.id ? 'true' : 'false'} aria-describedby="unit-id-error" />
              ${error('id')}
            </div>
            <div class="field">
              <label for="unit-name">${t('admin.unitName')}</label>
              <input id="unit-name" name="name" .value=${editing?.name ?? ''} required aria-invalid=${this.errors.name ? 'true' : 'false'} aria-describedby="unit-name-error" />
              ${error('name')}
            </div>
            ${kind === 'groups'
              ? html`<div class="field">
                  <label for="unit-agency">${t('admin.agency')}</label>
                  <select id="unit-agency" name="agency" aria-invalid=${this.errors.agency ? 'true' : 'false'} aria-describedby="unit-agency-error">
                    <option value="">${t('admin.frontOffice')}</option>
                    ${this.agencies.map((a) => html`<option value=${a.id} ?selected=${a.id === editing?.agency}>${unitText(a)}</option>`)}
                  </select>
                  ${error('agency')}
                </div>`
              : ''}
            ${kind === 'centres'
              ? html`<div class="field">
                  <label for="unit-city">${t('admin.city')}</label>
                  <input id="unit-city" name="city" .value=${editing?.city ?? ''} aria-invalid=${this.errors.city ? 'true' : 'false'} aria-describedby="unit-city-error" />
                  ${error('city')}
                </div>`
              : ''}
            <div class="actions">
              <button type="submit" ?disabled=${this.busy}>${editing ? t('admin.save') : t('admin.add')}</button>
              ${editing ? html`<button type="button" class="secondary" @click=${this.stopEditing}>${t('common.cancel')}</button>` : ''}
            </div>
          </form>`,
        )}
        <p class="status" role="status" aria-live="polite">${this.message}</p>
      </section>
      <table data-table=${kind}>
        <caption>${t(`admin.tab.${kind}`)} (${this.units.length})</caption>
        <thead>
          <tr>
            <th scope="col">${t('admin.unitId')}</th>
            <th scope="col">${t('admin.unitName')}</th>
            ${kind === 'groups' ? html`<th scope="col">${t('admin.agency')}</th>` : ''}
            ${kind === 'centres' ? html`<th scope="col">${t('admin.city')}</th>` : ''}
            <th scope="col" class="num">${t('admin.members')}</th>
            <th scope="col"><span class="hint">${t('admin.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.units.map(
            (u) => html`<tr data-unit=${u.id}>
              <td data-label=${t('admin.unitId')}><code>${u.id}</code></td>
              <td data-label=${t('admin.unitName')}>${unitText(u)}</td>
              ${kind === 'groups' ? html`<td data-label=${t('admin.agency')}>${this.agencyName(u.agency)}</td>` : ''}
              ${kind === 'centres' ? html`<td data-label=${t('admin.city')}>${unitText(u, 'city') ?? '—'}</td>` : ''}
              <td class="num" data-label=${t('admin.members')}>${u.members ?? 0}</td>
              <td><button type="button" class="secondary small" @click=${() => this.edit(u)} aria-label=${t('admin.renameUnit', { id: u.id })}>${t('admin.rename')}</button></td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }

  private agencyName(id: string | undefined): string {
    if (!id) return t('admin.frontOffice');
    const agency = this.agencies.find((a) => a.id === id);
    return agency ? (unitText(agency) ?? id) : id;
  }

  private async edit(unit: OrgUnit) {
    this.editing = unit;
    this.errors = {};
    this.formKey++;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#unit-name')?.focus();
  }

  private stopEditing() {
    this.editing = undefined;
    this.errors = {};
    this.formKey++;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const id = text('id');
    const name = text('name');
    this.errors = { ...(id ? {} : { id: t('admin.required') }), ...(name ? {} : { name: t('admin.required') }) };
    if (!id || !name) return this.focusError();
    this.busy = true;
    try {
      const saved = await adminApi.putUnit(this.api, this.kind, id, {
        name,
        ...(this.kind === 'groups' && text('agency') ? { agency: text('agency') } : {}),
        ...(this.kind === 'centres' && text('city') ? { city: text('city') } : {}),
      });
      this.message = t('admin.unitSaved', { name: unitText(saved) ?? saved.name });
      this.stopEditing();
      this.dispatchEvent(new CustomEvent('units-changed', { bubbles: true, composed: true }));
    } catch (error) {
      const field = fieldOf(error) ?? 'name';
      this.errors = { [['id', 'name', 'agency', 'city'].includes(field) ? field : 'name']: problemText(error) };
      await this.focusError();
    } finally {
      this.busy = false;
    }
  }

  private async focusError() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }
}

customElements.define('tereze-units-panel', UnitsPanel);
