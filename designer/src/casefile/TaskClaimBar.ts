import { css, html } from 'lit';
import { ApiError, type ApiClient } from '../api/ApiClient.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { formStyles } from '../shared/formStyles.js';
import { casefileApi, type CaseTask } from './casefileApi.js';

/**
 * The head of a task page: who has the task (you, the group queue, a colleague), the buttons
 * to take it or give it back, and the way to its case file. Emits `task-changed` with the
 * task after a claim or an unclaim, so the page reloads.
 */
export class TaskClaimBar extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    task: { attribute: false },
    me: { state: true },
    busy: { state: true },
    said: { state: true },
  };
  declare api: ApiClient;
  declare task: CaseTask | undefined;
  declare me: string | undefined;
  declare busy: boolean;
  declare said: MessageKey | undefined;

  constructor() {
    super();
    this.busy = false;
  }

  static override styles = [
    formStyles,
    css`
      .bar { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; padding: 8px 0; }
      .holder { font-weight: 600; }
    `,
  ];

  override firstUpdated() {
    // Whose task it is needs the session's user id; the page does not pass it.
    void this.api.currentUser().then((user) => (this.me = user?.id), () => undefined);
  }

  override render() {
    const task = this.task;
    if (!task) return '';
    const open = task.state === 'open';
    const mine = Boolean(this.me && task.assignee === this.me);
    const queue = task.assignee === null;
    const claimable = (task.assignment ?? 'claim') === 'claim';
    return html`<div class="bar">
      ${open ? html`<span class="holder" data-holder=${mine ? 'me' : queue ? 'queue' : 'other'}>${t(mine ? 'casefile.claim.mine' : queue ? 'casefile.claim.queue' : 'casefile.claim.other')}</span>` : ''}
      ${open && queue ? html`<button type="button" ?disabled=${this.busy} @click=${this.claim}>${t('casefile.claim.take')}</button>` : ''}
      ${open && mine && claimable ? html`<button type="button" class="secondary" ?disabled=${this.busy} @click=${this.unclaim}>${t('casefile.claim.giveBack')}</button>` : ''}
      ${open && mine && !claimable ? html`<span class="hint">${t('casefile.claim.drawn')}</span>` : ''}
      <span role="status" aria-live="polite">${this.said ? t(this.said) : ''}</span>
    </div>`;
  }

  private async claim() {
    await this.act(() => casefileApi.claim(this.api, this.task!.id), 'casefile.claim.taken');
  }

  private async unclaim() {
    await this.act(() => casefileApi.unclaim(this.api, this.task!.id), 'casefile.claim.givenBack');
  }

  private async act(call: () => Promise<CaseTask>, said: MessageKey) {
    this.busy = true;
    try {
      const task = await call();
      this.said = said;
      this.dispatchEvent(new CustomEvent('task-changed', { detail: task, bubbles: true, composed: true }));
    } catch (error) {
      this.said = error instanceof ApiError && error.status === 409 ? 'casefile.claim.lost' : undefined;
      if (!this.said) this.dispatchEvent(new CustomEvent('task-error', { detail: (error as Error).message, bubbles: true, composed: true }));
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('tereze-task-claim-bar', TaskClaimBar);
