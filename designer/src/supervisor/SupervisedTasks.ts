import { html } from 'lit';
import type { TaskView } from '../api/ApiClient.js';
import { serviceName, taskName } from '../catalogue/standards.js';
import { LocalizedElement, formatInstant, language, t } from '../i18n/i18n.js';
import { deadlineBadge } from '../shared/DeadlineBadge.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';

/** Tasks in the order given, each with a Reassign button: emits `reassign-request` `{ task }`. */
export class SupervisedTasks extends LocalizedElement {
  static override properties = { tasks: { attribute: false }, caption: {}, empty: {} };
  declare tasks: readonly TaskView[];
  declare caption: string;
  declare empty: string;
  static override styles = [formStyles, tableStyles];

  constructor() {
    super();
    this.tasks = [];
    this.caption = '';
    this.empty = '';
  }

  override render() {
    if (!this.tasks.length) return html`<p data-empty>${this.empty}</p>`;
    const lang = language();
    return html`<table>
      <caption>${this.caption}</caption>
      <thead><tr><th scope="col">${t('common.trackingNumber')}</th><th scope="col">${t('inbox.task')}</th><th scope="col">${t('supervision.assignee')}</th><th scope="col">${t('common.deadline')}</th><th scope="col"><span class="hint">${t('supervision.reassign')}</span></th></tr></thead>
      <tbody>${this.tasks.map((task) => html`<tr data-task=${task.id}>
        <th scope="row">${task.trackingNumber}<br /><span class="hint">${serviceName(task.serviceCode, lang, task.serviceCode ?? '')}</span></th>
        <td data-label=${t('inbox.task')}>${taskName(task, language())}<br /><span class="hint">${task.candidateGroup ?? ''}</span></td>
        <td data-label=${t('supervision.assignee')}>${task.assignee ?? t('inbox.unassigned')}</td>
        <td data-label=${t('common.deadline')}>${formatInstant(task.dueAt)} ${deadlineBadge(task)}</td>
        <td><button type="button" class="small" aria-label=${t('supervision.reassignTitle', { task: task.trackingNumber })}
          @click=${() => this.dispatchEvent(new CustomEvent('reassign-request', { detail: { task } }))}>${t('supervision.reassign')}</button></td>
      </tr>`)}</tbody>
    </table>`;
  }
}

customElements.define('tereze-supervised-tasks', SupervisedTasks);
