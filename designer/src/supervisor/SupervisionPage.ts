import { html } from 'lit';
import type { ApiClient, SessionUser, TaskView } from '../api/ApiClient.js';
import { LiveEvents } from '../api/LiveEvents.js';
import { oversightApi, type Absence, type GroupMember, type GroupSummary } from '../api/oversightApi.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import './AbsenceForm.js';
import '../shared/TaskList.js';
import './ReassignDialog.js';
import './SupervisedTasks.js';
import './WorkloadTable.js';
import { mergeMembers, officialsOf, overdueOf, sortMembers, taskGroupsOf, workloadOf } from './workload.js';

/**
 * The supervisor's queue: workload per official, the overdue list (oldest first), every open
 * task by deadline with a reassign dialog (the members of the task's candidate group), and absences
 * (the members of the groups that work the supervisor's tasks). Refreshed live from /api/events.
 */
export class SupervisionPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    tasks: { state: true },
    members: { state: true },
    candidates: { state: true },
    candidatesError: { state: true },
    absences: { state: true },
    reassigning: { state: true },
    busy: { state: true },
    message: { state: true },
    redrawNote: { state: true },
  };
  /** What the last absence did to the official's open files, shown beside the absence form. */
  declare redrawNote: string;
  declare api: ApiClient;
  declare user: SessionUser | undefined;
  declare tasks: TaskView[];
  /** The members of the groups that work the supervisor's tasks, for the absence form. */
  declare members: GroupMember[];
  /** The reassign dialog's task group members; undefined while loading. */
  declare candidates: GroupMember[] | undefined;
  declare candidatesError: string;
  declare absences: Map<string, readonly Absence[]>;
  declare reassigning: TaskView | undefined;
  declare busy: boolean;
  declare message: string;
  private events: LiveEvents | undefined;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private returnFocus: HTMLElement | undefined;
  private groups: Promise<GroupSummary[]> | undefined;
  static override styles = formStyles;

  constructor() {
    super();
    this.tasks = [];
    this.members = [];
    this.candidatesError = '';
    this.absences = new Map();
    this.busy = false;
    this.message = '';
    this.redrawNote = '';
  }

  override firstUpdated() {
    void this.load().then(() => this.loadMembers());
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
    return html`
      <h2>${t('supervision.title')}</h2>
      <p class="status" role="status" aria-live="polite">${this.message}</p>
      ${this.renderEscalations()}
      <tereze-workload-table .rows=${workloadOf(this.tasks)} .names=${new Map(this.members.map((m) => [m.id, m.name]))} .absences=${this.absences}></tereze-workload-table>
      <h3>${t('supervision.overdueList')}</h3>
      <tereze-supervised-tasks data-list="overdue" .tasks=${overdueOf(this.tasks)} .empty=${t('supervision.noOverdue')} @reassign-request=${this.openReassign}></tereze-supervised-tasks>
      <h3>${t('inbox.title')}</h3><p class="hint">${t('inbox.intro')}</p>
      <tereze-supervised-tasks data-list="open" .tasks=${this.tasks} caption="" .empty=${t('supervision.noTasks')} @reassign-request=${this.openReassign}></tereze-supervised-tasks>
      <tereze-absence-form .officials=${this.members} ?busy=${this.busy} @set-absence=${this.setAbsence} @end-absence=${this.endAbsence}></tereze-absence-form>
      <p class="status" role="status" aria-live="polite" data-redraw>${this.redrawNote}</p>
      <tereze-reassign-dialog .task=${this.reassigning} .candidates=${this.candidates} .candidatesError=${this.candidatesError} ?busy=${this.busy}
        @reassign=${this.reassign} @cancel=${this.closeReassign}></tereze-reassign-dialog>
    `;
  }

  /** The escalations the supervisor's own groups are candidates for (or handed to them): theirs to open and complete. */
  private renderEscalations() {
    const groups = new Set(this.user?.groups ?? []);
    const mine = this.tasks.filter((task) => task.state === 'open' && (task.assignee === this.user?.id || (!task.assignee && task.candidateGroup !== undefined && groups.has(task.candidateGroup))));
    return html`<section data-list="escalations" aria-labelledby="escalations-title">
      <h3 id="escalations-title">${t('supervision.escalations')}</h3>
      ${mine.length ? html`<tereze-task-list .tasks=${mine}></tereze-task-list>` : html`<p class="hint">${t('supervision.noEscalations')}</p>`}
    </section>`;
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

  /**
   * The members of every group that works the supervisor's tasks (a group that fails is left out):
   * on arrival and after an absence changes, not on every task event.
   */
  private async loadMembers() {
    try {
      const groups = await (this.groups ??= oversightApi.groups(this.api).catch(() => ((this.groups = undefined), [])));
      const ids = taskGroupsOf(this.user, groups, this.tasks);
      this.members = mergeMembers(await Promise.all(ids.map((id) => oversightApi.groupMembers(this.api, id).catch(() => []))));
    } catch {
      // The absence form still takes a typed user id.
    }
  }

  private openReassign(event: CustomEvent<{ task: TaskView }>) {
    this.returnFocus = event.composedPath()[0] as HTMLElement;
    const task = event.detail.task;
    this.reassigning = task;
    this.candidates = undefined;
    this.candidatesError = '';
    if (!task.candidateGroup) {
      this.candidates = [];
      return;
    }
    oversightApi.groupMembers(this.api, task.candidateGroup).then(
      (members) => {
        if (this.reassigning === task) this.candidates = sortMembers(members);
      },
      (error: Error) => {
        if (this.reassigning !== task) return;
        this.candidates = [];
        this.candidatesError = t('supervision.membersFailed', { group: task.candidateGroup ?? '', message: error.message });
      },
    );
  }

  private closeReassign() {
    this.reassigning = undefined;
    this.returnFocus?.focus();
  }

  private async reassign(event: CustomEvent<{ taskId: string; to?: string; reason: string }>) {
    this.busy = true;
    try {
      const task = await oversightApi.reassign(this.api, event.detail.taskId, event.detail.reason, event.detail.to);
      this.message = event.detail.to
        ? t('supervision.reassigned', { task: task.trackingNumber, to: event.detail.to })
        : t('supervision.reassignedRedraw', { task: task.trackingNumber, to: task.assignee ?? '' });
      this.reassigning = undefined;
      await this.load();
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
      this.reassigning = undefined;
    } finally {
      this.busy = false;
    }
  }

  /** Recorded; when it covers today (Astana), the official's open files are drawn again and the count shown. */
  private async setAbsence(event: CustomEvent<{ userId: string; from: string; to: string; reason?: string }>) {
    const { userId, ...body } = event.detail;
    this.redrawNote = '';
    const recorded = await this.absenceCall(userId, async () => {
      const { absences, redraw } = await oversightApi.setAbsence(this.api, userId, body);
      // The server re-draws the files of an absence that covers today: say what moved and what could not.
      if (redraw) {
        this.redrawNote = [
          `${t('supervision.absenceSet', { user: userId })}.`,
          t('supervision.redrawn', { count: redraw.redrawn.length }),
          ...(redraw.kept.length ? [t('supervision.redrawKept', { count: redraw.kept.length, numbers: redraw.kept.map((k) => k.trackingNumber).join(', ') })] : []),
        ].join(' ');
      }
      return absences;
    }, 'supervision.absenceSet');
    if (recorded && this.redrawNote) await this.load();
  }

  private async endAbsence(event: CustomEvent<{ userId: string }>) {
    const userId = event.detail.userId;
    await this.absenceCall(userId, () => oversightApi.endAbsence(this.api, userId), 'supervision.absenceEnded');
  }

  private async absenceCall(userId: string, call: () => Promise<readonly Absence[]>, done: 'supervision.absenceSet' | 'supervision.absenceEnded'): Promise<boolean> {
    this.busy = true;
    try {
      const absences = await call();
      this.absences = new Map(this.absences).set(userId, absences);
      this.message = t(done, { user: userId });
      void this.loadMembers();
      return true;
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
      return false;
    } finally {
      this.busy = false;
    }
  }
}


customElements.define('tereze-supervision-page', SupervisionPage);
