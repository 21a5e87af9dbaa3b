import { css, html } from 'lit';
import type { ApiClient } from '../api/ApiClient.js';
import { oversightApi, type AssignmentIntegrityReport, type AuditEntry, type IntegrityQuery } from '../api/oversightApi.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import './DrawTables.js';
import './FlagList.js';
import './IntegrityTables.js';

/** The default period: the last 30 days, as Almaty counts them. */
const DEFAULT_DAYS = 30;

/**
 * `#/integrity`, for auditors: can anyone choose who decides a file? The flags first, in
 * sentences with the audit entries behind each; then the draws per group, the absences set
 * shortly before draws, the supervisors' named picks and the four-eyes pairs.
 */
export class IntegrityPage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    report: { state: true },
    groups: { state: true },
    evidence: { state: true },
    open: { state: true },
    message: { state: true },
    loading: { state: true },
  };
  declare api: ApiClient;
  declare report: AssignmentIntegrityReport | undefined;
  declare groups: readonly string[];
  declare evidence: ReadonlyMap<number, readonly AuditEntry[]>;
  declare open: ReadonlySet<number>;
  declare message: string;
  declare loading: boolean;
  private query: IntegrityQuery;
  static override styles = [
    formStyles,
    css`
      form.period { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; max-width: none; margin-bottom: 8px; }
      form.period .field { min-width: 150px; }
      h3 { margin-top: 24px; }
      .intro { max-width: 72ch; }
    `,
  ];

  constructor() {
    super();
    const today = almatyDate(new Date());
    this.query = { from: almatyDate(new Date(Date.now() - DEFAULT_DAYS * 86_400_000)), to: today };
    this.groups = [];
    this.evidence = new Map();
    this.open = new Set();
    this.message = '';
    this.loading = false;
  }

  override firstUpdated() {
    void this.load();
  }

  override render() {
    const r = this.report;
    return html`
      <h2>${t('integrity.title')}</h2>
      <p class="hint intro">${t('integrity.intro')}</p>
      <form class="period" @submit=${this.submit}>
        <div class="field"><label for="from">${t('integrity.from')}</label><input id="from" name="from" type="date" .value=${this.query.from ?? ''} /></div>
        <div class="field"><label for="to">${t('integrity.to')}</label><input id="to" name="to" type="date" .value=${this.query.to ?? ''} /></div>
        <div class="field">
          <label for="group">${t('integrity.group')}</label>
          <select id="group" name="group">
            <option value="">${t('integrity.allGroups')}</option>
            ${this.groups.map((g) => html`<option value=${g} ?selected=${g === this.query.group}>${g}</option>`)}
          </select>
        </div>
        <button type="submit" ?disabled=${this.loading}>${t('integrity.show')}</button>
      </form>
      <p class="status" role="status" aria-live="polite">${this.loading ? t('common.loading') : this.message}</p>
      ${r
        ? html`
            <p class="hint">
              ${t('integrity.period', { from: r.from ?? t('integrity.anyDate'), to: r.to ?? t('integrity.anyDate') })}
              ${t('integrity.thresholds', { alpha: r.thresholds.alpha, min: r.thresholds.minEvents, hours: r.thresholds.lateAbsenceHours })}
            </p>
            <h3 id="flags">${t('integrity.flags')}</h3>
            <tereze-flag-list .report=${r} .evidence=${this.evidence} .open=${this.open} @evidence=${this.showEvidence}></tereze-flag-list>
            <h3>${t('integrity.draws.title')}</h3>
            <tereze-draw-tables .report=${r}></tereze-draw-tables>
            <h3>${t('integrity.absences.title')}</h3>
            <tereze-integrity-tables section="absences" .report=${r}></tereze-integrity-tables>
            <h3>${t('integrity.picks.title')}</h3>
            <tereze-integrity-tables section="picks" .report=${r}></tereze-integrity-tables>
            <h3>${t('integrity.pairs.title')}</h3>
            <tereze-integrity-tables section="pairs" .report=${r}></tereze-integrity-tables>
          `
        : ''}
    `;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? '') || undefined;
    const from = value('from');
    const to = value('to');
    const group = value('group');
    this.query = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(group ? { group } : {}) };
    void this.load();
  }

  private async load() {
    this.loading = true;
    this.message = '';
    try {
      const report = await oversightApi.assignmentIntegrity(this.api, this.query);
      this.report = report;
      this.evidence = new Map();
      this.open = new Set();
      if (!this.query.group) this.groups = report.groups.map((g) => g.group);
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    } finally {
      this.loading = false;
    }
  }

  private async showEvidence(event: CustomEvent<{ index: number }>) {
    const { index } = event.detail;
    const open = new Set(this.open);
    if (open.delete(index)) return void (this.open = open);
    this.open = open.add(index);
    if (this.evidence.has(index) || !this.report) return;
    try {
      const entries = await oversightApi.auditEntries(this.api, this.report.flags[index]?.seqs ?? []);
      this.evidence = new Map(this.evidence).set(index, entries);
    } catch (error) {
      this.message = t('common.error', { message: (error as Error).message });
    }
  }
}

const almaty = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' });
function almatyDate(date: Date): string {
  return almaty.format(date);
}

customElements.define('tereze-integrity-page', IntegrityPage);
