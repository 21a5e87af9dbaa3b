import { css, html } from 'lit';
import type { TaskView } from '../api/ApiClient.js';
import type { GroupMember } from '../api/oversightApi.js';
import { taskName } from '../catalogue/standards.js';
import { LocalizedElement, language, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { memberLabel, preselectedMember } from './workload.js';

/**
 * A modal dialog (native `<dialog>`: focus kept inside, Escape closes) to move a task, with a
 * required reason. The default is a fresh random draw among the eligible, so nobody chooses
 * who decides the file; a named pick is possible, among the members of the task's candidate
 * group (`candidates`, undefined while loading: the current assignee left out, those absent
 * today or inactive marked and not selectable), and is counted as a manual pick by the
 * auditors. Emits `reassign` `{ taskId, to?, reason }` (no `to`: a re-draw) and `cancel`.
 */
export class ReassignDialog extends LocalizedElement {
  static override properties = { task: { attribute: false }, candidates: { attribute: false }, candidatesError: {}, busy: { type: Boolean }, errors: { state: true }, mode: { state: true } };
  declare task: TaskView | undefined;
  declare candidates: readonly GroupMember[] | undefined;
  /** Why the members could not be loaded ('' when they could). */
  declare candidatesError: string;
  declare busy: boolean;
  declare errors: Partial<Record<'to' | 'reason', string>>;
  /** `redraw` (the default) or `pick`. */
  declare mode: 'redraw' | 'pick';
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
    this.mode = 'redraw';
  }

  override updated(changed: Map<string, unknown>) {
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog || !changed.has('task')) return;
    if (this.task && !dialog.open) {
      this.errors = {};
      this.mode = 'redraw';
      this.renderRoot.querySelector('form')?.reset();
      dialog.showModal();
      this.renderRoot.querySelector<HTMLElement>('#reassign-redraw')?.focus();
    } else if (!this.task && dialog.open) dialog.close();
  }

  override render() {
    const task = this.task;
    const others = (this.candidates ?? []).filter((member) => member.id !== task?.assignee);
    const preselected = preselectedMember(others, task?.assignee);
    return html`<dialog aria-labelledby="reassign-title" @cancel=${this.cancel}>
      <form @submit=${this.submit} novalidate class="panel">
        <h2 id="reassign-title">${t('supervision.reassignTitle', { task: task?.trackingNumber ?? '' })}</h2>
        <p class="hint">${task ? `${taskName(task, language())} · ${task.candidateGroup ?? ''} · ${task.assignee ?? t('inbox.unassigned')}` : ''}</p>
        <fieldset class="field">
          <legend>${t('supervision.how')}</legend>
          <label><input type="radio" id="reassign-redraw" name="mode" value="redraw" ?checked=${this.mode === 'redraw'} @change=${() => (this.mode = 'redraw')} /> ${t('supervision.redraw')}</label>
          <label><input type="radio" id="reassign-pick" name="mode" value="pick" ?checked=${this.mode === 'pick'} @change=${() => (this.mode = 'pick')} /> ${t('supervision.pick')}</label>
        </fieldset>
        ${this.mode === 'pick' ? this.renderPick(others, preselected) : ''}
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

  private renderPick(others: readonly GroupMember[], preselected: string) {
    const task = this.task;
    return html`<div class="field">
      <label for="reassign-to">${t('supervision.to')}</label>
      <select id="reassign-to" name="to" aria-invalid=${this.errors.to ? 'true' : 'false'} aria-describedby="reassign-to-error">
        <option value="">${t('supervision.toPick')}</option>
        ${others.map((m) => html`<option value=${m.id} ?selected=${m.id === preselected} ?disabled=${!m.active || m.absentToday} data-absent=${m.absentToday ? 'true' : 'false'}>${memberLabel(m)}</option>`)}
      </select>
      <span class="hint" data-members>${this.candidatesError
        ? this.candidatesError
        : !this.candidates
          ? t('supervision.membersLoading')
          : t('supervision.membersOf', { group: task?.candidateGroup ?? '', count: others.length, absent: others.filter((m) => m.absentToday).length })}</span>
      <span id="reassign-to-error" class="error">${this.errors.to ?? ''}</span>
    </div>`;
  }

  private cancel(event: Event) {
    event.preventDefault();
    this.dispatchEvent(new CustomEvent('cancel'));
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const to = this.mode === 'pick' ? String(data.get('to') ?? '') : undefined;
    const reason = String(data.get('reason') ?? '').trim();
    this.errors = { to: to === '' ? t('supervision.toRequired') : undefined, reason: reason ? undefined : t('supervision.reasonRequired') };
    if (to === '' || !reason) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(to === '' ? '#reassign-to' : '#reassign-reason')?.focus());
      return;
    }
    this.dispatchEvent(new CustomEvent('reassign', { detail: { taskId: this.task?.id ?? '', ...(to ? { to } : {}), reason } }));
  }
}

customElements.define('tereze-reassign-dialog', ReassignDialog);
