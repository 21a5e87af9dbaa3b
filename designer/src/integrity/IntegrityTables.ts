import { css, html } from 'lit';
import type { AssignmentIntegrityReport } from '../api/oversightApi.js';
import { LocalizedElement, formatInstant, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';
import { expectedCount, person, verdictWords } from './integrityWords.js';

/**
 * The three other lenses on who decides a file: absences set shortly before draws (and who got
 * the files), named picks per supervisor and to whom, pairs that recur under the four-eyes rule.
 * `section` picks one, so the page can give each its heading.
 */
export class IntegrityTables extends LocalizedElement {
  static override properties = { report: { attribute: false }, section: {} };
  declare report: AssignmentIntegrityReport;
  declare section: 'absences' | 'picks' | 'pairs';
  static override styles = [
    formStyles,
    tableStyles,
    css`
      tr[data-flagged] { background: #fff3d6; }
      table + p, table + table { margin-top: 12px; }
      .summary { margin: 14px 0 6px; font-weight: 600; }
      td.when { white-space: nowrap; }
      table[data-table='late-absences'] th[scope='row'] { min-width: 17em; }
    `,
  ];

  override render() {
    if (!this.report) return '';
    return this.section === 'absences' ? this.absences() : this.section === 'picks' ? this.picks() : this.pairs();
  }

  private who(id: string) {
    return person(this.report.names, id);
  }

  private absences() {
    const { lateAbsences, absenceBeneficiaries } = this.report;
    if (!lateAbsences.length) return html`<p class="hint">${t('integrity.absences.none')}</p>`;
    return html`<table data-table="late-absences">
        <thead><tr>
          <th>${t('integrity.absences.absent')}</th><th>${t('integrity.absences.setBy')}</th><th>${t('integrity.absences.setAt')}</th>
          <th>${t('integrity.absences.dates')}</th><th class="num">${t('integrity.absences.before')}</th><th>${t('integrity.absences.files')}</th>
        </tr></thead>
        <tbody>
          ${batches(lateAbsences).map(
            (b) => html`<tr data-seqs=${b.absences.map((a) => a.seq).join(' ')}>
              <th scope="row" data-label=${t('integrity.absences.absent')}>${b.absences.map((a) => html`<div>${this.who(a.official)} <span class="hint">#${a.seq}</span></div>`)}</th>
              <td data-label=${t('integrity.absences.setBy')}>${this.who(b.first.setBy)}</td>
              <td class="when" data-label=${t('integrity.absences.setAt')}>${formatInstant(b.first.setAt)}</td>
              <td class="when" data-label=${t('integrity.absences.dates')}>${b.first.from === b.first.to ? b.first.from : `${b.first.from} – ${b.first.to}`}</td>
              <td class="num" data-label=${t('integrity.absences.before')}>${lead(b.first.hoursBefore)}</td>
              <td data-label=${t('integrity.absences.files')}>${tally(b.first.draws.map((d) => this.who(d.pick)))}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <p class="summary">${t('integrity.beneficiaries.title')}</p>
      <table data-table="beneficiaries">
        <thead><tr><th>${t('integrity.col.official')}</th><th>${t('integrity.col.group')}</th><th class="num">${t('integrity.col.received')}</th><th class="num">${t('integrity.beneficiaries.expected')}</th><th>${t('integrity.col.inWords')}</th></tr></thead>
        <tbody>
          ${absenceBeneficiaries.map(
            (b) => html`<tr data-official=${b.official} ?data-flagged=${b.flagged}>
              <th scope="row" data-label=${t('integrity.col.official')}>${this.who(b.official)}</th>
              <td class="when" data-label=${t('integrity.col.group')}>${b.group}</td>
              <td class="num" data-label=${t('integrity.col.received')}>${b.received}</td>
              <td class="num" data-label=${t('integrity.beneficiaries.expected')}>${expectedCount(b.expectedWithColleagues)}</td>
              <td data-label=${t('integrity.col.inWords')}>${verdictWords(b.verdict, b.p)}</td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }

  private picks() {
    const { picks } = this.report;
    if (!picks.length) return html`<p class="hint">${t('integrity.picks.none')}</p>`;
    return picks.map(
      (s) => html`<p class="summary" data-supervisor=${s.supervisor}>${t('integrity.picks.summary', { supervisor: this.who(s.supervisor), group: s.group, picks: s.picks, redraws: s.redraws })}</p>
        ${s.recipients.length
          ? html`<table data-table="picks">
              <thead><tr><th>${t('integrity.picks.to')}</th><th class="num">${t('integrity.picks.count')}</th><th class="num">${t('integrity.picks.expected')}</th><th>${t('integrity.picks.reasons')}</th><th>${t('integrity.col.inWords')}</th></tr></thead>
              <tbody>
                ${s.recipients.map(
                  (r) => html`<tr data-official=${r.official} ?data-flagged=${r.flagged}>
                    <th scope="row" data-label=${t('integrity.picks.to')}>${this.who(r.official)}</th>
                    <td class="num" data-label=${t('integrity.picks.count')}>${r.picks}</td>
                    <td class="num" data-label=${t('integrity.picks.expected')}>${expectedCount(r.expected)}</td>
                    <td data-label=${t('integrity.picks.reasons')}>${r.reasons.join('; ')}</td>
                    <td data-label=${t('integrity.col.inWords')}>${verdictWords(r.verdict, r.p)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : ''}`,
    );
  }

  private pairs() {
    const { pairs } = this.report;
    if (!pairs.length) return html`<p class="hint">${t('integrity.pairs.none')}</p>`;
    return html`<table data-table="pairs">
      <thead><tr><th>${t('integrity.pairs.officials')}</th><th>${t('integrity.col.group')}</th><th class="num">${t('integrity.pairs.together')}</th><th class="num">${t('integrity.col.expected')}</th><th>${t('integrity.col.inWords')}</th></tr></thead>
      <tbody>
        ${pairs.slice(0, MAX_PAIRS).map(
          (p) => html`<tr data-pair=${p.officials.join('+')} ?data-flagged=${p.flagged}>
            <th scope="row" data-label=${t('integrity.pairs.officials')}>${this.who(p.officials[0])} · ${this.who(p.officials[1])}</th>
            <td class="when" data-label=${t('integrity.col.group')}>${p.group}</td>
            <td class="num" data-label=${t('integrity.pairs.together')}>${p.observed}</td>
            <td class="num" data-label=${t('integrity.col.expected')}>${expectedCount(p.expected)}</td>
            <td data-label=${t('integrity.col.inWords')}>${verdictWords(p.verdict, p.p)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

type Late = AssignmentIntegrityReport['lateAbsences'][number];

/**
 * Absences set together (same person setting them, same dates, the same draws kept from them)
 * read as one act: "the supervisor marked four colleagues absent at 08:50".
 */
function batches(absences: readonly Late[]): { first: Late; absences: Late[] }[] {
  const out = new Map<string, { first: Late; absences: Late[] }>();
  for (const a of absences) {
    const key = [a.setBy, a.from, a.to, a.group, a.draws.map((d) => d.seq).join(',')].join('\u0000');
    const batch = out.get(key);
    if (batch) batch.absences.push(a);
    else out.set(key, { first: a, absences: [a] });
  }
  return [...out.values()];
}

/** How long before the first draw: minutes under an hour ("4 min"), hours above. */
function lead(hours: number): string {
  if (hours >= 1) return t('integrity.absences.hours', { hours: expectedCount(hours) });
  return t('integrity.absences.minutes', { minutes: Math.max(1, Math.round(hours * 60)) });
}

/** Pairs shown: the least likely first, so the flagged ones always are. */
const MAX_PAIRS = 15;

/** "Serik (3), Azamat (1)": who got how many of a set of files. */
function tally(names: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts.entries()].map(([n, c]) => `${n} × ${c}`).join(', ');
}

customElements.define('tereze-integrity-tables', IntegrityTables);
