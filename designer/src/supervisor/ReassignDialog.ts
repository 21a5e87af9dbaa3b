import { css, html } from 'lit';
import type { TaskView } from '../api/ApiClient.js';
import type { GroupMember } from '../api/oversightApi.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { memberLabel, preselectedMember } from './workload.js';

/**
 * A modal dialog (native `<dialog>`: focus kept inside, Escape closes) to give a task to another
 * official of its group, with a required reason. `candidates` are the members of the task's
 * candidate group (undefined while loading): the current assignee left out, those absent today
 * or inactive marked, the first active member present today preselected; any other user id can
 * be typed. Emits `reassign` `{ taskId, to, reason }` and `cancel`.
 */
export class ReassignDialog extends LocalizedElement {
  static override properties = { task: { attribute: false }, candidates: { attribute: false }, candidatesError: {}, busy: { type: Boolean }, errors: { state: true } };
  declare task: TaskView | undefined;
  declare candidates: readonly GroupMember[] | undefined;
  /** Why the members could not be loaded ('' when they could). */
  declare candidatesError: string;
  declare busy: boolean;
  declare errors: Partial<Record<'to' | 'reason', string>>;
  static override styles = [
    formStyles,
    css`
      dialog { border: none; border-radius: 8px; padding: 18px; max-width: min(520px, calc(100vw - 32px)); box-sizing: border-box; box-shadow: 0 8px 32px rgba(0, 0, 0, 0.3); }
      dialog::backdrop { background: rgba(10, 20, 30, 0.45); }
      .actions { display: flex; flex-wrap: wrap; gap: 8px; }
    `,
  ];

  constructor() {
    super();
    this.candidatesError = '';
    this.busy = false;
    this.errors = {};
  }

  override updated(changed: Map<string, unknown>) {
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog || !changed.has('task')) return;
    if (this.task && !dialog.open) {
      this.errors = {};
      this.renderRoot.querySelector('form')?.reset();
      dialog.showModal();
      this.renderRoot.querySelector<HTMLElement>('#reassign-to')?.focus();
    } else if (!this.task && dialog.open) dialog.close();
  }

  override render() {
    const task = this.task;
    const others = (this.candidates ?? []).filter((member) => member.id !== task?.assignee);
    const preselected = preselectedMember(others, task?.assignee);
    return html`<dialog aria-labelledby="reassign-title" @cancel=${this.cancel}>
      <form @submit=${this.submit} novalidate class="panel">
        <h2 id="reassign-title">${t('supervision.reassignTitle', { task: task?.trackingNumber ?? '' })}</h2>
        <p class="hint">${task ? `${task.name ?? task.elementId} · ${task.candidateGroup ?? ''} · ${task.assignee ?? t('inbox.unassigned')}` : ''}</p>
        <div class="field">
          <label for="reassign-to">${t('supervision.to')}</label>
          <select id="reassign-to" name="to" aria-invalid=${this.errors.to ? 'true' : 'false'} aria-describedby="reassign-to-error">
            <option value="">${t('supervision.toPick')}</option>
            ${others.map((m) => html`<option value=${m.id} ?selected=${m.id === preselected} ?disabled=${!m.active} data-absent=${m.absentToday ? 'true' : 'false'}>${memberLabel(m)}</option>`)}
          </select>
          <span class="hint" data-members>${this.candidatesError
            ? this.candidatesError
            : !this.candidates
              ? t('supervision.membersLoading')
              : t('supervision.membersOf', { group: task?.candidateGroup ?? '', count: others.length, absent: others.filter((m) => m.absentToday).length })}</span>
          <label for="reassign-other" class="hint">${t('supervision.toOther')}</label>
          <input id="reassign-other" name="other" autocomplete="off" maxlength="64" />
          <span id="reassign-to-error" class="error">${this.errors.to ?? ''}</span>
        </div>
        <div class="field">
          <label for="reassign-reason">${t('common.reason')}</label>
          <textarea id="reassign-reason" name="reason" rows="2" maxlength="500" aria-invalid=${this.errors.reason ? 'true' : 'false'} aria-describedby="reassign-reason-error"></textarea>
          <span id="reassign-reason-error" class="error">${this.errors.reason ?? ''}</span>
        </div>
        <div class="actions">
          <button type="submit" ?disabled=${this.busy}>${t('supervision.reassign')}</button>
          <button type="button" class="secondary" @click=${this.cancel}>${t('common.cancel')}</button>
        </div>
      </form>
    </dialog>`;
  }

  private cancel(event: Event) {
    event.preventDefault();
    this.dispatchEvent(new CustomEvent('cancel'));
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const to = String(data.get('other') ?? '').trim() || String(data.get('to') ?? '');
    const reason = String(data.get('reason') ?? '').trim();
    this.errors = { to: to ? undefined : t('supervision.toRequired'), reason: reason ? undefined : t('supervision.reasonRequired') };
    if (!to || !reason) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(to ? '#reassign-reason' : '#reassign-to')?.focus());
      return;
    }
    this.dispatchEvent(new CustomEvent('reassign', { detail: { taskId: this.task?.id ?? '', to, reason } }));
  }
}

customElements.define('tereze-reassign-dialog', ReassignDialog);
