import { html } from 'lit';
import { ApiError, type ApiClient, type ApplicationView, type TaskView } from '../api/ApiClient.js';
import { documentName, serviceName, taskName } from '../catalogue/standards.js';
import { LocalizedElement, applicantLanguage, formatInstant, language, t } from '../i18n/i18n.js';
import '../print/DecisionSummary.js';
import type { FieldProblem, TaskAnswer } from '../forms/TaskFormView.js';
import '../forms/TaskFormView.js';
import { taskScope } from '../forms/localizeForm.js';
import { deadlineBadge } from '../shared/DeadlineBadge.js';
import { formStyles } from '../shared/formStyles.js';
import { caseworkApi, type AttachmentRecord } from '../casework/caseworkApi.js';
import '../casework/AttachmentsPanel.js';
import '../casefile/TaskClaimBar.js';
import '../casefile/EarlierDecision.js';

/**
 * One task of an application (#/task/<application>/<task>): the file, and the task's own form
 * (its ps:form, GET /api/tasks/:id/form) filled with the application's data; a task without a
 * form gets a plain "Complete". The server checks the answer against the same form and names
 * the field it refuses, shown at that field.
 */
export class TaskPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    instanceId: { type: String },
    taskId: { type: String },
    application: { state: true },
    busy: { state: true },
    message: { state: true },
    done: { state: true },
    attachments: { state: true },
    form: { state: true },
    problem: { state: true },
  };
  declare attachments: readonly AttachmentRecord[];
  declare api: ApiClient;
  declare instanceId: string;
  declare taskId: string;
  declare application: ApplicationView | undefined;
  declare busy: boolean;
  declare message: string;
  declare done: boolean;
  /** The task's form-js schema; null for a task without one; undefined while loading. */
  declare form: Readonly<Record<string, unknown>> | null | undefined;
  declare problem: FieldProblem | undefined;
  static override styles = formStyles;

  constructor() {
    super();
    this.instanceId = '';
    this.taskId = '';
    this.busy = false;
    this.message = '';
    this.done = false;
  }

  // Not connectedCallback: a lazily defined element gets its properties (api) at its first update.
  override firstUpdated() {
    void this.load();
  }

  private get task(): TaskView | undefined {
    return this.application?.tasks?.find((task) => task.id === this.taskId);
  }

  override render() {
    const app = this.application;
    const task = this.task;
    const status = html`<p class="status ${this.done ? 'done' : ''}" role="status" aria-live="polite">${this.message}</p>`;
    if (!app) return html`<p><a href="#/inbox">${t('common.back')}</a></p>${status}`;
    const applicant = app.applicant ?? {};
    const documents = Array.isArray(app.variables.documents) ? (app.variables.documents as string[]) : [];
    return html`
      <p><a href="#/inbox">${t('common.back')}</a> · <a href=${`#/case/${encodeURIComponent(app.id)}`} data-case-link>${t('casefile.caseLink')}</a></p>
      <h2>${task ? taskName({ ...task, serviceCode: task.serviceCode ?? app.serviceCode }, language()) : t('inbox.task')}</h2>
      <tereze-task-claim-bar .api=${this.api} .task=${task} @task-changed=${() => void this.load()}></tereze-task-claim-bar>
      <dl>
        <dt>${t('common.service')}</dt><dd>${serviceName(app.serviceCode, language(), app.key)}</dd>
        <dt>${t('common.trackingNumber')}</dt><dd data-field="trackingNumber">${app.trackingNumber}</dd>
        ${applicant.name ? html`<dt>${t('task.applicant')}</dt><dd>${applicant.name}${applicant.iin ? ` · ${applicant.iin}` : ''}</dd>` : ''}
        <dt>${t('common.deadline')}</dt><dd>${formatInstant(task?.dueAt ?? app.dueAt)} ${task ? deadlineBadge(task) : ''}</dd>
        <dt>${t('task.documents')}</dt><dd>${documents.length ? html`<ul>${documents.map((d) => html`<li>${documentName(app.serviceCode, d, language())}</li>`)}</ul>` : t('common.none')}</dd>
        <dt>${t('outcome.title')}</dt><dd><tereze-decision-summary .api=${this.api} .instanceId=${app.id} .serviceCode=${app.serviceCode} .applicantLanguage=${applicantLanguage(app.applicant)} .refresh=${this.done}></tereze-decision-summary></dd>
      </dl>
      ${this.attachments?.length ? html`<tereze-attachments-panel .applicationId=${app.id} .attachments=${this.attachments}></tereze-attachments-panel>` : ''}
      <tereze-earlier-decision .api=${this.api} .taskId=${this.taskId}></tereze-earlier-decision>
      ${status}
      ${this.done ? html`<p><a class="button" href="#/inbox">${t('common.back')}</a></p>` : ''}
      ${task && task.state === 'open' && !this.done ? this.renderForm(app) : ''}
    `;
  }

  private renderForm(app: ApplicationView) {
    const onComplete = (event: CustomEvent<TaskAnswer>) => void this.complete(event.detail);
    if (this.form === undefined) return '';
    if (this.form === null) {
      return html`<p class="hint">${t('task.noForm')}</p><div><button type="button" ?disabled=${this.busy} @click=${() => void this.complete({ variables: {} })}>${t('task.complete')}</button></div>`;
    }
    return html`<tereze-task-form .schema=${this.form} .data=${taskScope(app, this.task?.tokenId)} .problem=${this.problem} ?busy=${this.busy} @complete=${onComplete}></tereze-task-form>`;
  }

  private async load() {
    try {
      this.application = await this.api.application(this.instanceId);
      // The scans shown with the file; a failure to list them leaves the task workable.
      this.attachments = await caseworkApi.attachments(this.api, this.instanceId).catch(() => []);
      if (!this.task) this.message = t('task.conflict');
      else if (this.task.state === 'open') this.form = (await this.api.taskForm(this.task.id)).schema;
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }

  private async complete(completion: TaskAnswer) {
    const task = this.task;
    if (!task) return;
    this.busy = true;
    this.problem = undefined;
    try {
      await this.api.completeTask(task.id, completion);
      this.done = true;
      this.message = t('task.done', { name: taskName({ ...task, serviceCode: task.serviceCode ?? this.application?.serviceCode }, language()) });
    } catch (error) {
      const field = error instanceof ApiError && error.status === 400 ? (error.body as { error?: { details?: { field?: unknown } } })?.error?.details?.field : undefined;
      if (typeof field === 'string' && this.form) {
        // Shown at the field; the status line says the answer was not taken.
        this.problem = { field, message: (error as Error).message.replace(/^[\w.]+: /, '') };
        this.message = t('task.refused');
      } else this.message = error instanceof ApiError && error.status === 409 ? t('task.conflict') : t('common.error', { message: (error as Error).message });
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('tereze-task-page', TaskPage);
