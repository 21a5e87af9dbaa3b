import { css, html } from 'lit';
import type { GroupMember } from '../api/oversightApi.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { memberLabel } from './workload.js';

/**
 * Record or end an official's absence: the user id typed or picked among `officials` (the members
 * of the groups the supervisor oversees, those absent today named below the field).
 * Emits `set-absence` `{ userId, from, to, reason? }` and `end-absence` `{ userId }`.
 */
export class AbsenceForm extends LocalizedElement {
  static override properties = { officials: { attribute: false }, busy: { type: Boolean }, error: { state: true } };
  declare officials: readonly GroupMember[];
  declare busy: boolean;
  declare error: string;
  static override styles = [
    formStyles,
    css`
      .row { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
      .actions { display: flex; flex-wrap: wrap; gap: 8px; }
      @media (max-width: 560px) { .row { grid-template-columns: 1fr; } }
    `,
  ];

  constructor() {
    super();
    this.officials = [];
    this.busy = false;
    this.error = '';
  }

  override render() {
    return html`<form @submit=${this.submit} novalidate aria-labelledby="absence-title">
      <h3 id="absence-title">${t('supervision.absences')}</h3>
      <p class="hint">${t('supervision.absencesIntro')}</p>
      <div class="field">
        <label for="absence-user">${t('supervision.official')}</label>
        <input id="absence-user" name="userId" list="absence-officials" autocomplete="off" maxlength="64" required aria-describedby="absence-members" />
        <datalist id="absence-officials">${this.officials.map((m) => html`<option value=${m.id} label=${memberLabel(m)}></option>`)}</datalist>
        <span id="absence-members" class="hint" data-members=${this.officials.length}>${this.membersHint()}</span>
      </div>
      <div class="row">
        <div class="field"><label for="absence-from">${t('supervision.from')}</label><input id="absence-from" name="from" type="date" /></div>
        <div class="field"><label for="absence-to">${t('supervision.until')}</label><input id="absence-to" name="to" type="date" /></div>
      </div>
      <div class="field"><label for="absence-reason">${t('supervision.absenceReason')}</label><input id="absence-reason" name="reason" maxlength="500" /></div>
      <span class="error" role="alert">${this.error}</span>
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${t('supervision.setAbsence')}</button>
        <button type="button" class="secondary" ?disabled=${this.busy} @click=${this.end}>${t('supervision.endAbsence')}</button>
      </div>
    </form>`;
  }

  private membersHint() {
    if (!this.officials.length) return t('supervision.typeUserId');
    const absent = this.officials.filter((m) => m.absentToday).map((m) => m.name);
    return t('supervision.membersHint', { count: this.officials.length, absent: absent.length ? absent.join(', ') : t('supervision.nobody') });
  }

  private get form(): HTMLFormElement {
    return this.renderRoot.querySelector('form') as HTMLFormElement;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(this.form);
    const userId = String(data.get('userId') ?? '').trim();
    const from = String(data.get('from') ?? '');
    const to = String(data.get('to') ?? '');
    const reason = String(data.get('reason') ?? '').trim();
    if (!userId || !from || !to || to < from) {
      this.error = userId ? t('supervision.datesRequired') : t('supervision.toRequired');
      return;
    }
    this.error = '';
    this.dispatchEvent(new CustomEvent('set-absence', { detail: { userId, from, to, ...(reason ? { reason } : {}) } }));
  }

  private end() {
    const userId = String(new FormData(this.form).get('userId') ?? '').trim();
    if (!userId) {
      this.error = t('supervision.toRequired');
      return;
    }
    this.error = '';
    this.dispatchEvent(new CustomEvent('end-absence', { detail: { userId } }));
  }
}

customElements.define('tereze-absence-form', AbsenceForm);
