import { html } from 'lit';
import type { Absence } from '../api/oversightApi.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';
import type { WorkloadRow } from './workload.js';

/** Open, overdue and at-risk tasks per official, with their current absence. */
export class WorkloadTable extends LocalizedElement {
  static override properties = { rows: { attribute: false }, absences: { attribute: false } };
  declare rows: readonly WorkloadRow[];
  declare absences: ReadonlyMap<string, readonly Absence[]>;
  static override styles = [formStyles, tableStyles];

  constructor() {
    super();
    this.rows = [];
    this.absences = new Map();
  }

  override render() {
    if (!this.rows.length) return html`<p>${t('supervision.noTasks')}</p>`;
    const today = new Date().toISOString().slice(0, 10);
    return html`<table>
      <caption>${t('supervision.workload')}</caption>
      <thead><tr><th scope="col">${t('supervision.official')}</th><th scope="col">${t('supervision.group')}</th><th scope="col" class="num">${t('supervision.open')}</th><th scope="col" class="num">${t('supervision.overdue')}</th><th scope="col" class="num">${t('supervision.atRisk')}</th></tr></thead>
      <tbody>${this.rows.map((row) => {
        const absent = (this.absences.get(row.official) ?? []).find((a) => a.to >= today);
        return html`<tr data-official=${row.official || 'queue'}>
          <th scope="row">${row.official || t('supervision.queue')}${absent ? html`<br /><span class="badge at-risk">${t('supervision.absentRange', { from: absent.from, to: absent.to })}</span>` : ''}</th>
          <td data-label=${t('supervision.group')}>${row.groups.join(', ')}</td>
          <td class="num" data-label=${t('supervision.open')}>${row.open}</td>
          <td class="num" data-label=${t('supervision.overdue')}>${row.overdue ? html`<span class="badge overdue">${row.overdue}</span>` : '0'}</td>
          <td class="num" data-label=${t('supervision.atRisk')}>${row.atRisk}</td>
        </tr>`;
      })}</tbody>
    </table>`;
  }
}

customElements.define('tereze-workload-table', WorkloadTable);
