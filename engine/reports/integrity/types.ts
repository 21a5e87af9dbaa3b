/**
 * The assignment-integrity report: the shape the engine answers, the server documents and the
 * designer renders. Every row keeps the sequence numbers of the audit entries behind it, so an
 * auditor can open the evidence instead of trusting the figure.
 */

/** How a p-value reads: `chance` p ≥ 0.05; `unusual` 0.01 ≤ p < 0.05; `unlikely` p < 0.01. */
export const VERDICTS = ['chance', 'unusual', 'unlikely', 'insufficient'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface IntegrityThresholds {
  /** A p-value below this raises a flag (0.01: with a dozen groups a month, a false alarm about once a year per group). */
  readonly alpha: number;
  /** An absence set less than this many hours before a draw it kept the person out of is "late". */
  readonly lateAbsenceHours: number;
  /** Fewer named picks (or pair reviews, or steered files) than this are never flagged, whatever p says. */
  readonly minEvents: number;
}

export const DEFAULT_THRESHOLDS: IntegrityThresholds = { alpha: 0.01, lateAbsenceHours: 24, minEvents: 3 };

export interface OfficialDraws {
  readonly official: string;
  /** Random draws that picked them. */
  readonly received: number;
  /** Σ 1/poolSize over the draws whose pool held them (they were present, not excluded). */
  readonly expected: number;
  /** (received − expected) / standard deviation: how many deviations above chance. */
  readonly z: number | null;
  readonly flagged: boolean;
  /** The draws they received. */
  readonly seqs: readonly number[];
}

export interface GroupDraws {
  readonly group: string;
  /** Random draws whose pool the trail confirms (reconstructed and matching the recorded hash). */
  readonly draws: number;
  /** Pearson's chi-square over the officials; absent when too few draws to judge. */
  readonly test?: { readonly statistic: number; readonly degreesOfFreedom: number; readonly p: number };
  readonly verdict: Verdict;
  readonly officials: readonly OfficialDraws[];
  /** Draws whose recorded pool the trail cannot reconstruct (a directory change outside the audit?). */
  readonly unverified: readonly number[];
}

export interface LateAbsence {
  /** The `absence.set` entry. */
  readonly seq: number;
  readonly official: string;
  readonly setBy: string;
  readonly setAt: string;
  readonly from: string;
  readonly to: string;
  readonly group: string;
  /** Hours from setting the absence to the first draw it kept the person out of. */
  readonly hoursBefore: number;
  /** Those draws (within the late window) and who got them. */
  readonly draws: readonly { readonly seq: number; readonly pick: string }[];
}

export interface AbsenceBeneficiary {
  readonly official: string;
  readonly group: string;
  /** Draws they won while a colleague was out through a late absence. */
  readonly received: number;
  /** What they would have expected in those draws with the colleagues present. */
  readonly expectedWithColleagues: number;
  readonly p: number;
  readonly verdict: Verdict;
  readonly flagged: boolean;
  /** The late absences involved and the draws won. */
  readonly absenceSeqs: readonly number[];
  readonly seqs: readonly number[];
}

export interface SupervisorPicks {
  readonly supervisor: string;
  readonly group: string;
  /** Named picks (`mode: 'pick'`, or a reassignment recorded before modes existed). */
  readonly picks: number;
  /** Random re-draws among the eligible. */
  readonly redraws: number;
  readonly recipients: readonly PickRecipient[];
}

export interface PickRecipient {
  readonly official: string;
  readonly picks: number;
  /** Picks expected if this supervisor's picks were spread evenly over whoever could take them. */
  readonly expected: number;
  /** Chance of at least this many, multiplied by the candidates (Bonferroni). */
  readonly p: number;
  readonly verdict: Verdict;
  readonly flagged: boolean;
  readonly seqs: readonly number[];
  readonly reasons: readonly string[];
}

export interface ReviewPair {
  /** The two officials, in id order. */
  readonly officials: readonly [string, string];
  readonly group: string;
  /** Applications where one did the first task and the other the four-eyes review. */
  readonly observed: number;
  readonly expected: number;
  /** Chance of at least this many, multiplied by the pairs tested (Bonferroni). */
  readonly p: number;
  readonly verdict: Verdict;
  readonly flagged: boolean;
  /** The four-eyes draws and the completions behind the count. */
  readonly seqs: readonly number[];
}

export const FLAG_KINDS = ['draws', 'absencePattern', 'picks', 'pair', 'unverifiedPool'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export interface IntegrityFlag {
  readonly kind: FlagKind;
  readonly group: string;
  /** Who the flag is about: the official favoured, or the pair. */
  readonly officials: readonly string[];
  /** Who acted: the supervisor picking, the people setting the late absences. */
  readonly actors: readonly string[];
  readonly p?: number;
  /** p in words (`insufficient` for a flag without a test: an unverifiable pool). */
  readonly verdict: Verdict;
  readonly count: number;
  readonly seqs: readonly number[];
}

export interface AssignmentIntegrityReport {
  readonly from?: string;
  readonly to?: string;
  readonly group?: string;
  readonly thresholds: IntegrityThresholds;
  readonly groups: readonly GroupDraws[];
  readonly lateAbsences: readonly LateAbsence[];
  readonly absenceBeneficiaries: readonly AbsenceBeneficiary[];
  readonly picks: readonly SupervisorPicks[];
  readonly pairs: readonly ReviewPair[];
  readonly flags: readonly IntegrityFlag[];
  /** Display names from the directory (the figures come from the trail alone). */
  readonly names: Readonly<Record<string, string>>;
}

/** The p-value in three words (the designer phrases them; see VERDICTS). */
export function verdictOf(p: number | undefined): Verdict {
  if (p === undefined) return 'insufficient';
  return p < 0.01 ? 'unlikely' : p < 0.05 ? 'unusual' : 'chance';
}
