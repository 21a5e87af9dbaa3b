import { css, html } from 'lit';
import type { Absence } from '../api/oversightApi.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';
import type { WorkloadRow } from './workload.js';
import { workloadPage, type WorkloadSort } from './workloadView.js';

const PAGE_SIZE = 25;

/**
 * Open, overdue and at-risk tasks per official (by name), with their current absence: sortable
 * by any column, filtered by name, id or group, and paged. Properties down: `rows`, `names`, `absences`.
 */
export class WorkloadTable extends LocalizedElement {
  static override properties = {
    rows: { attribute: false },
    names: { attribute: false },
    absences: { attribute: false },
    sort: { state: true },
    descending: { state: true },
    filter: { state: true },
    page: { state: true },
  };
  declare rows: readonly WorkloadRow[];
  declare names: ReadonlyMap<string, string>;
  declare absences: ReadonlyMap<string, readonly Absence[]>;
  declare sort: WorkloadSort;
  declare descending: boolean;
  declare filter: string;
  declare page: number;
  static override styles = [
    formStyles,
    tableStyles,
    css`
      .tools { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: end; margin-bottom: 6px; }
      .tools .field { margin: 0; }
      th button.sort { font: inherit; font-weight: 600; border: 0; background: none; padding: 0; cursor: pointer; color: inherit; }
      .pager { display: flex; gap: 8px; align-items: center; margin-top: 6px; }
    `,
  ];

  constructor() {
    super();
    this.rows = [];
    this.names = new Map();
    this.absences = new Map();
    this.sort = 'overdue';
    this.descending = true;
    this.filter = '';
    this.page = 0;
  }

  override render() {
    if (!this.rows.length) return html`<p>${t('supervision.noTasks')}</p>`;
    const today = new Date().toISOString().slice(0, 10);
    const view = workloadPage(this.rows, { names: this.names, filter: this.filter, sort: this.sort, descending: this.descending, page: this.page, pageSize: PAGE_SIZE });
    return html`
      <div class="tools">
        <div class="field">
          <label for="workload-filter">${t('supervision.filter')}</label>
          <input id="workload-filter" type="search" .value=${this.filter} @input=${(e: Event) => ((this.filter = (e.target as HTMLInputElement).value), (this.page = 0))} />
        </div>
      </div>
      <table>
        <caption>${t('supervision.workload')}</caption>
        <thead><tr>
          ${this.header('name', 'supervision.official')}<th scope="col">${t('supervision.group')}</th>${this.header('open', 'supervision.open', 'num')}${this.header('overdue', 'supervision.overdue', 'num')}${this.header('atRisk', 'supervision.atRisk', 'num')}
        </tr></thead>
        <tbody>${view.rows.map((row) => {
          const absent = (this.absences.get(row.official) ?? []).find((a) => a.to >= today);
          return html`<tr data-official=${row.official || 'queue'}>
            <th scope="row">${row.official ? html`${row.name}${row.name !== row.official ? html`<br /><span class="hint">${row.official}</span>` : ''}` : t('supervision.queue')}${absent ? html`<br /><span class="badge at-risk">${t('supervision.absentRange', { from: absent.from, to: absent.to })}</span>` : ''}</th>
            <td data-label=${t('supervision.group')}>${row.groups.join(', ')}</td>
            <td class="num" data-label=${t('supervision.open')}>${row.open}</td>
            <td class="num" data-label=${t('supervision.overdue')}>${row.overdue ? html`<span class="badge overdue">${row.overdue}</span>` : '0'}</td>
            <td class="num" data-label=${t('supervision.atRisk')}>${row.atRisk}</td>
          </tr>`;
        })}</tbody>
      </table>
      ${view.pages > 1 || this.filter
        ? html`<div class="pager">
            <button type="button" class="secondary" data-action="previous" ?disabled=${view.page === 0} @click=${() => (this.page = view.page - 1)}>${t('supervision.previous')}</button>
            <span>${t('supervision.pageOf', { page: view.page + 1, pages: view.pages, total: view.total })}</span>
            <button type="button" class="secondary" data-action="next" ?disabled=${view.page >= view.pages - 1} @click=${() => (this.page = view.page + 1)}>${t('supervision.next')}</button>
          </div>`
        : ''}
    `;
  }

  private header(sort: WorkloadSort, label: MessageKey, cls = '') {
    const active = this.sort === sort;
    const aria = active ? (this.descending ? 'descending' : 'ascending') : 'none';
    return html`<th scope="col" class=${cls} aria-sort=${aria}>
      <button type="button" class="sort" data-sort=${sort} @click=${() => this.sortBy(sort)}>${t(label)}${active ? (this.descending ? ' ▼' : ' ▲') : ''}</button>
    </th>`;
  }

  private sortBy(sort: WorkloadSort) {
    this.descending = this.sort === sort ? !this.descending : sort !== 'name';
    this.sort = sort;
    this.page = 0;
  }
}

customElements.define('tereze-workload-table', WorkloadTable);
