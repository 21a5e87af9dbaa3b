import type { AuditEntry } from '../store/port.js';
import { collectFacts } from './integrity/collectFacts.js';
import { drawFairness } from './integrity/drawFairness.js';
import { absenceBeneficiaries, lateAbsences } from './integrity/lateAbsences.js';
import { manualPicks } from './integrity/manualPicks.js';
import { reviewPairs } from './integrity/reviewPairs.js';
import { DEFAULT_THRESHOLDS, verdictOf, type AssignmentIntegrityReport, type IntegrityFlag, type IntegrityThresholds } from './integrity/types.js';

export interface AssignmentIntegrityOptions {
  /** First and last local date (YYYY-MM-DD, inclusive) of the period; the whole trail when absent. */
  readonly from?: string;
  readonly to?: string;
  readonly group?: string;
  readonly thresholds?: Partial<IntegrityThresholds>;
  /** The local date of an instant where the agencies are (absences are per local day); Almaty by default. */
  readonly localDate?: (iso: string) => string;
  /** Display names by user id (the directory's), echoed into the report. */
  readonly names?: Readonly<Record<string, string>>;
}

/**
 * Can anyone choose who decides a file? Answered from the audit trail alone — officials cannot
 * edit it — as a pure function of its entries in sequence order: whether the random draws
 * spread files as chance would, absences set shortly before draws they steered, supervisors'
 * named picks and to whom, and pairs of officials who keep meeting under the four-eyes rule.
 * Every flag carries the sequence numbers of the entries behind it.
 */
export function assignmentIntegrity(entries: Iterable<AuditEntry>, options: AssignmentIntegrityOptions = {}): AssignmentIntegrityReport {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const facts = collectFacts(entries, {
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(options.group ? { group: options.group } : {}),
    lateAbsenceHours: thresholds.lateAbsenceHours,
    localDate: options.localDate ?? almatyDate,
  });
  const groups = drawFairness(facts.draws, facts.unverified, thresholds);
  const late = lateAbsences(facts.draws);
  const beneficiaries = absenceBeneficiaries(facts.draws, thresholds);
  const picks = manualPicks(facts.reassignments, thresholds);
  const pairs = reviewPairs(facts.draws, facts.completions, thresholds);

  const flags: Omit<IntegrityFlag, 'verdict'>[] = [];
  for (const g of groups) {
    for (const o of g.officials.filter((o) => o.flagged)) {
      flags.push({ kind: 'draws', group: g.group, officials: [o.official], actors: [], ...(g.test ? { p: g.test.p } : {}), count: o.received, seqs: o.seqs });
    }
    if (g.unverified.length) flags.push({ kind: 'unverifiedPool', group: g.group, officials: [], actors: [], count: g.unverified.length, seqs: g.unverified });
  }
  for (const b of beneficiaries.filter((b) => b.flagged)) {
    const setters = [...new Set(late.filter((a) => b.absenceSeqs.includes(a.seq)).map((a) => a.setBy))].sort();
    flags.push({ kind: 'absencePattern', group: b.group, officials: [b.official], actors: setters, p: b.p, count: b.received, seqs: [...b.absenceSeqs, ...b.seqs].sort((x, y) => x - y) });
  }
  for (const s of picks) {
    for (const r of s.recipients.filter((r) => r.flagged)) {
      flags.push({ kind: 'picks', group: s.group, officials: [r.official], actors: [s.supervisor], p: r.p, count: r.picks, seqs: r.seqs });
    }
  }
  for (const pair of pairs.filter((p) => p.flagged)) {
    flags.push({ kind: 'pair', group: pair.group, officials: [...pair.officials], actors: [], p: pair.p, count: pair.observed, seqs: pair.seqs });
  }
  flags.sort((a, b) => (a.p ?? 0) - (b.p ?? 0));

  return {
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(options.group ? { group: options.group } : {}),
    thresholds,
    groups,
    lateAbsences: late,
    absenceBeneficiaries: beneficiaries,
    picks,
    pairs,
    flags: flags.map((f) => ({ ...f, verdict: verdictOf(f.p) })),
    names: options.names ?? {},
  };
}

const almaty = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' });
function almatyDate(iso: string): string {
  return almaty.format(new Date(iso));
}
