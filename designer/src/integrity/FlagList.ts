import { css, html } from 'lit';
import type { AssignmentIntegrityReport, AuditEntry, IntegrityFlag } from '../api/oversightApi.js';
import { LocalizedElement, formatInstant, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { tableStyles } from '../shared/tableStyles.js';
import { people, person, verdictWords } from './integrityWords.js';

/** Entries shown inline per flag; the rest are counted (the seqs stay in the answer). */
const SHOWN = 40;

/**
 * The flags in sentences, each with a button that opens the audit entries behind it inline.
 * Leaf: takes the report and the entries the page loaded; emits `evidence` with the flag's index.
 */
export class FlagList extends LocalizedElement {
  static override properties = { report: { attribute: false }, evidence: { attribute: false }, open: { attribute: false } };
  declare report: AssignmentIntegrityReport;
  /** Loaded entries by flag index. */
  declare evidence: ReadonlyMap<number, readonly AuditEntry[]>;
  declare open: ReadonlySet<number>;
  static override styles = [
    formStyles,
    tableStyles,
    css`
      ol { padding: 0; margin: 0; list-style: none; display: grid; gap: 10px; }
      li { background: #fff8e6; border: 1px solid #d9a400; border-left: 6px solid #b35c00; border-radius: 6px; padding: 10px 12px; }
      li p { margin: 0 0 8px; }
      .none { background: #eef7ee; border: 1px solid #3c8d40; border-radius: 6px; padding: 10px 12px; }
      table { margin-top: 8px; font-size: 0.9rem; }
      td.when { white-space: nowrap; }
    `,
  ];

  constructor() {
    super();
    this.evidence = new Map();
    this.open = new Set();
  }

  override render() {
    const flags = this.report?.flags ?? [];
    if (!flags.length) return html`<p class="none" data-flags="none">✓ ${t('integrity.noFlags')}</p>`;
    return html`<ol data-flags=${flags.length}>
      ${flags.map((flag, index) => html`<li data-kind=${flag.kind} data-official=${flag.officials[0] ?? ''} data-actor=${flag.actors[0] ?? ''}>
        <p>⚑ ${this.sentence(flag)}</p>
        <button type="button" class="secondary small" aria-expanded=${this.open.has(index) ? 'true' : 'false'} @click=${() => this.emit(index)}>
          ${this.open.has(index) ? t('integrity.evidence.hide') : t('integrity.evidence.show', { count: flag.seqs.length })}
        </button>
        ${this.open.has(index) ? this.entries(flag, this.evidence.get(index)) : ''}
      </li>`)}
    </ol>`;
  }

  private sentence(flag: IntegrityFlag): string {
    const names = this.report.names;
    const p = verdictWords(flag.verdict, flag.p);
    return t(`integrity.flag.${flag.kind}`, {
      official: person(names, flag.officials[0] ?? ''),
      other: person(names, flag.officials[1] ?? ''),
      actors: people(names, flag.actors),
      group: flag.group,
      count: flag.count,
      p,
    });
  }

  private entries(flag: IntegrityFlag, entries: readonly AuditEntry[] | undefined) {
    if (!entries) return html`<p class="hint" role="status">${t('common.loading')}</p>`;
    const shown = entries.slice(0, SHOWN);
    return html`<table data-evidence>
        <caption>${t('integrity.evidence.caption')}</caption>
        <thead><tr><th class="num">${t('integrity.col.seq')}</th><th>${t('integrity.col.at')}</th><th>${t('integrity.col.actor')}</th><th>${t('integrity.col.action')}</th><th>${t('integrity.col.details')}</th></tr></thead>
        <tbody>
          ${shown.map((e) => html`<tr id=${`seq-${e.seq}`} data-seq=${e.seq}>
            <td class="num" data-label=${t('integrity.col.seq')} title=${e.subject}>#${e.seq}</td>
            <td class="when" data-label=${t('integrity.col.at')}>${formatInstant(e.at)}</td>
            <td data-label=${t('integrity.col.actor')}>${person(this.report.names, e.actor)}</td>
            <td data-label=${t('integrity.col.action')}><code>${e.action}</code></td>
            <td data-label=${t('integrity.col.details')}>${details(e, this.report.names)}</td>
          </tr>`)}
        </tbody>
      </table>
      ${flag.seqs.length > shown.length ? html`<p class="hint">${t('integrity.evidence.more', { count: flag.seqs.length - shown.length })}</p>` : ''}`;
  }

  private emit(index: number) {
    this.dispatchEvent(new CustomEvent('evidence', { detail: { index } }));
  }
}

/** What an entry says, briefly, with the names beside the ids (the task id is the entry number's tooltip). */
function details(entry: AuditEntry, names: Readonly<Record<string, string>>): string {
  const d = entry.data ?? {};
  const who = (v: unknown) => (typeof v === 'string' ? person(names, v) : '—');
  switch (entry.action) {
    case 'task.assign':
      return `${String(d.strategy)} → ${who(d.pick)} (${String(d.group)}, pool ${String(d.poolSize)}${Array.isArray(d.excluded) && d.excluded.length ? `, excluded ${d.excluded.join(', ')}` : ''})`;
    case 'task.reassign':
      return `${who(d.from)} → ${who(d.to)} (${String(d.mode ?? 'pick')}): ${String(d.reason ?? '')}`;
    case 'absence.set':
      return `${who(d.userId)}: ${String(d.from)} – ${String(d.to)}`;
    case 'task.complete':
      return `${String(d.elementId)}${d.outcome ? `: ${String(d.outcome)}` : ''}`;
    default:
      return `${entry.subject} ${JSON.stringify(d).slice(0, 160)}`;
  }
}

customElements.define('tereze-flag-list', FlagList);
