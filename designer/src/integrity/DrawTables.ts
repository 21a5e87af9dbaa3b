import { css, html } from 'lit';
import type { AssignmentIntegrityReport } from '../api/oversightApi.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';
import { difference, expectedCount, person, verdictWords } from './integrityWords.js';

/** Per group: the verdict of its chi-square test in a sentence, and received against expected per official. */
export class DrawTables extends LocalizedElement {
  static override properties = { report: { attribute: false } };
  declare report: AssignmentIntegrityReport;
  static override styles = [
    formStyles,
    tableStyles,
    css`
      section { margin-bottom: 18px; }
      tr[data-flagged] { background: #fff3d6; }
      .flag { color: #8a3b00; font-weight: 600; }
      [data-verdict='unlikely'] { color: #a40e26; font-weight: 600; }
    `,
  ];

  override render() {
    const { groups, names } = this.report;
    if (!groups.length) return html`<p class="hint">${t('integrity.draws.none')}</p>`;
    return html`<p class="hint">${t('integrity.draws.note')}</p>
      ${groups.map(
        (g) => html`<section data-group=${g.group}>
          <p data-verdict=${g.verdict}>${t('integrity.draws.summary', { group: g.group, draws: g.draws, verdict: verdictWords(g.verdict, g.test?.p) })}</p>
          ${g.unverified.length ? html`<p class="error">${t('integrity.draws.unverified', { count: g.unverified.length })}</p>` : ''}
          <table>
            <thead><tr><th>${t('integrity.col.official')}</th><th class="num">${t('integrity.col.received')}</th><th class="num">${t('integrity.col.expected')}</th><th>${t('integrity.col.inWords')}</th></tr></thead>
            <tbody>
              ${g.officials.map(
                (o) => html`<tr data-official=${o.official} ?data-flagged=${o.flagged}>
                  <th scope="row" data-label=${t('integrity.col.official')}>${person(names, o.official)}</th>
                  <td class="num" data-label=${t('integrity.col.received')}>${o.received}</td>
                  <td class="num" data-label=${t('integrity.col.expected')}>${expectedCount(o.expected)}</td>
                  <td data-label=${t('integrity.col.inWords')}>${difference(o.received, o.expected, o.z)}${o.flagged ? html` <span class="flag">${t('integrity.diff.flagged')}</span>` : ''}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </section>`,
      )}`;
  }
}

customElements.define('tereze-draw-tables', DrawTables);
