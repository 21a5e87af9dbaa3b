import { css, html } from 'lit';
import type { TaskView } from '../api/ApiClient.js';
import { serviceName, taskName } from '../catalogue/standards.js';
import { LocalizedElement, formatInstant, language, t } from '../i18n/i18n.js';
import { deadlineBadge } from './DeadlineBadge.js';
import { formStyles } from './formStyles.js';

/** An inbox: tasks in the order given (the server's: by deadline), each a link to its page. */
export class TaskList extends LocalizedElement {
  static override properties = { tasks: { attribute: false } };
  declare tasks: readonly TaskView[];

  constructor() {
    super();
    this.tasks = [];
  }

  static override styles = [
    formStyles,
    css`
      ol { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
      li { border: 1px solid #c4ccd5; border-left-width: 6px; border-radius: 6px; padding: 10px 12px; display: grid; grid-template-columns: 1fr auto; gap: 4px 12px; align-items: center; background: #fff; }
      li.overdue { border-left-color: #a40e26; }
      li.at-risk { border-left-color: #e0a400; }
      .what { font-weight: 600; }
      .meta { font-size: 0.9rem; color: #4a5663; grid-column: 1; }
      .side { grid-row: 1 / span 2; grid-column: 2; display: grid; gap: 6px; justify-items: end; }
      @media (max-width: 480px) {
        li { grid-template-columns: 1fr; }
        .side { grid-row: auto; grid-column: 1; justify-items: start; grid-auto-flow: column; justify-content: start; align-items: center; }
      }
    `,
  ];

  override render() {
    if (this.tasks.length === 0) return html`<p>${t('inbox.empty')}</p>`;
    return html`<ol aria-label=${t('inbox.title')}>
      ${this.tasks.map(
        (task) => html`<li class=${task.overdue ? 'overdue' : task.atRisk ? 'at-risk' : ''} data-task=${task.id} data-element=${task.elementId}>
          <span class="what">${taskName(task, language())}</span>
          <span class="meta">
            ${serviceName(task.serviceCode, language(), task.serviceCode ?? task.key)} ·
            <span class="tracking">${task.trackingNumber}</span>${task.dueAt ? html` · ${t('common.deadline')}: <time datetime=${task.dueAt}>${formatInstant(task.dueAt)}</time>` : ''}
          </span>
          <span class="side">
            ${deadlineBadge(task)}
            <a class="button" href=${`#/task/${encodeURIComponent(task.instanceId)}/${encodeURIComponent(task.id)}`}
              aria-label=${`${t('inbox.open')}: ${taskName(task, language())}, ${task.trackingNumber}`}>${t('inbox.open')}</a>
          </span>
        </li>`,
      )}
    </ol>`;
  }
}

customElements.define('tereze-task-list', TaskList);
