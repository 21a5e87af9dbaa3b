import { html } from 'lit';
import type { ApiClient, TaskView } from '../api/ApiClient.js';
import { LiveEvents } from '../api/LiveEvents.js';
import { oversightApi, type Absence } from '../api/oversightApi.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import './AbsenceForm.js';
import './ReassignDialog.js';
import './SupervisedTasks.js';
import './WorkloadTable.js';
import { officialsOf, overdueOf, workloadOf } from './workload.js';

/**
 * The supervisor's queue: workload per official, the overdue list (oldest first), every open
 * task by deadline with a reassign dialog, and absences. Refreshed live from /api/events.
 */
export class SupervisionPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    tasks: { state: true },
    absences: { state: true },
    reassigning: { state: true },
    busy: { state: true },
    message: { state: true },
  };
  declare api: ApiClient;
  declare tasks: TaskView[];
  declare absences: Map<string, Absence[]>;
  declare reassigning: TaskView | undefined;
  declare busy: boolean;
  declare message: string;
  private events: LiveEvents | undefined;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private returnFocus: HTMLElement | undefined;
  static override styles = formStyles;

  constructor() {
    super();
    this.tasks = [];
    this.absences = new Map();
    this.busy = false;
    this.message = '';
  }

  override firstUpdated() {
    void this.load();
    this.events = new LiveEvents(
      () => {
        clearTimeout(this.pending);
        this.pending = setTimeout(() => void this.load(), 300);
      },
      () => undefined,
    ).start();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.events?.close();
    clearTimeout(this.pending);
  }

  override render() {
    const officials = officialsOf(this.tasks);
    return html`
      <h2>${t('supervision.title')}</h2>
      <p class="status" role="status" aria-live="polite">${this.message}</p>
      <tereze-workload-table .rows=${workloadOf(this.tasks)} .absences=${this.absences}></tereze-workload-table>
      <h3>${t('supervision.overdueList')}</h3>
      <tereze-supervised-tasks data-list="overdue" .tasks=${overdueOf(this.tasks)} .empty=${t('supervision.noOverdue')} @reassign-request=${this.openReassign}></tereze-supervised-tasks>
      <h3>${t('inbox.title')}</h3><p class="hint">${t('inbox.intro')}</p>
      <tereze-supervised-tasks data-list="open" .tasks=${this.tasks} caption="" .empty=${t('supervision.noTasks')} @reassign-request=${this.openReassign}></tereze-supervised-tasks>
      <tereze-absence-form .officials=${officials} ?busy=${this.busy} @set-absence=${this.setAbsence} @end-absence=${this.endAbsence}></tereze-absence-form>
      <p class="hint">${t('supervision.membersNote')}</p>
      <tereze-reassign-dialog .task=${this.reassigning} .candidates=${officialsOf(this.tasks, this.reassigning?.candidateGroup)} ?busy=${this.busy}
        @reassign=${this.reassign} @cancel=${this.closeReassign}></tereze-reassign-dialog>
    `;
  }

  private async load() {
    try {
      this.tasks = await this.api.tasks({ limit: '1000' });
      const officials = officialsOf(this.tasks);
      const entries = await Promise.all(officials.map(async (id) => [id, await oversightApi.absences(this.api, id).catch(() => [])] as const));
      this.absences = new Map(entries);
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }

  private openReassign(event: CustomEvent<{ task: TaskView }>) {
    this.returnFocus = event.composedPath()[0] as HTMLElement;
    this.reassigning = event.detail.task;
  }

  private closeReassign() {
    this.reassigning = undefined;
    this.returnFocus?.focus();
  }

  private async reassign(event: CustomEvent<{ taskId: string; to: string; reason: string }>) {
    this.busy = true;
    try {
      const task = await oversightApi.reassign(this.api, event.detail.taskId, event.detail.to, event.detail.reason);
      this.message = t('supervision.reassigned', { task: task.trackingNumber, to: event.detail.to });
      this.reassigning = undefined;
      await this.load();
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
      this.reassigning = undefined;
    } finally {
      this.busy = false;
    }
  }

  private async setAbsence(event: CustomEvent<{ userId: string; from: string; to: string; reason?: string }>) {
    const { userId, ...body } = event.detail;
    await this.absenceCall(userId, () => oversightApi.setAbsence(this.api, userId, body), 'supervision.absenceSet');
  }

  private async endAbsence(event: CustomEvent<{ userId: string }>) {
    const userId = event.detail.userId;
    await this.absenceCall(userId, () => oversightApi.endAbsence(this.api, userId, new Date().toISOString().slice(0, 10)), 'supervision.absenceEnded');
  }

  private async absenceCall(userId: string, call: () => Promise<Absence[]>, done: 'supervision.absenceSet' | 'supervision.absenceEnded') {
    this.busy = true;
    try {
      const absences = await call();
      this.absences = new Map(this.absences).set(userId, absences);
      this.message = t(done, { user: userId });
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('tereze-supervision-page', SupervisionPage);
