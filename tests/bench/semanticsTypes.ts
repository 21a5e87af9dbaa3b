/** The public-service measurements: deadline arithmetic, assignment picks, the SLA sweep. */
import type { OpStats } from './measure.js';

export const MEASUREMENTS = ['deadlines', 'assignment', 'sweep'] as const;
export type MeasurementName = (typeof MEASUREMENTS)[number];

export const DEADLINE_UNITS = ['workingDays', 'calendarDays', 'workingHours'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

/** computeDeadline per second on the agency calendar (intake: centre), office back. */
export interface DeadlinesResult {
  readonly measure: 'deadlines';
  readonly setup: string;
  readonly seed: number;
  readonly warmup: number;
  readonly perUnit: Record<DeadlineUnit, OpStats>;
  /** All units' timed calls together: total calls ÷ total loop time; percentiles over all calls. */
  readonly overall: OpStats;
  /** Results checked against the invariants (every timed and warm-up call). */
  readonly checked: number;
  /** Sum of every timed dueAt (epoch ms) per unit: equal across runs with the same seed and code. */
  readonly fingerprint: Record<DeadlineUnit, number>;
  readonly peakRssMb: number;
  readonly notes: readonly string[];
}

export const STRATEGIES = ['random', 'least-loaded', 'round-robin'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** TaskAssigner.assign per second over a group of 60 officials (sqlite :memory:). */
export interface AssignmentResult {
  readonly measure: 'assignment';
  readonly setup: string;
  readonly candidates: number;
  readonly absent: number;
  readonly eligible: number;
  readonly warmup: number;
  readonly strategies: Partial<Record<Strategy, OpStats & { readonly distinctPicks: number }>>;
  readonly peakRssMb: number;
  readonly notes: readonly string[];
}

/** One engine.sweepSla() over a sqlite file holding `openTasks` open tasks, `crossing` of them past due. */
export interface SweepResult {
  readonly measure: 'sweep';
  readonly openTasks: number;
  readonly crossing: number;
  readonly setupMs: number;
  readonly fileMb: number;
  /** The first sweep on a freshly opened engine (the figure the target applies to). */
  readonly sweepMs: number;
  /** Of sweepMs: in the store's crossing queries, and in its commits (the flags and audit entries). */
  readonly sweepReadMs: number;
  readonly sweepCommitMs: number;
  /** Secondary indexes were in place while filling (else dropped and rebuilt from the schema). */
  readonly filledWithIndexes: boolean;
  /** What that sweep returned, checked against the expected counts and the rows afterwards. */
  readonly flagged: { readonly atRisk: number; readonly overdue: number };
  /** A second sweep right after, with nothing left to flag. */
  readonly emptySweepMs: number;
  /** The crossings unflagged again and swept by a fresh engine, `repeats` times (JIT warm). */
  readonly repeatSweepsMs: readonly number[];
  /** The median of repeatSweepsMs: the figure the target is judged on. */
  readonly repeatMedianMs: number;
  /** With --sweep-analyze: the same repeats after ANALYZE. */
  readonly analyze?: { readonly medianMs: number; readonly sweepsMs: readonly number[]; readonly analyzeMs: number };
  readonly targetMs: number;
  /** repeatMedianMs < targetMs; judged only at the size the target is set for (1,000,000 open tasks), absent otherwise. */
  readonly targetMet?: boolean;
  readonly peakRssMb: number;
  readonly notes: readonly string[];
}

export type MeasurementResult = DeadlinesResult | AssignmentResult | SweepResult;

export interface MeasurementFailure {
  readonly measure: MeasurementName;
  readonly error: string;
}

export type MeasurementOutput = MeasurementResult | MeasurementFailure;

export function isMeasurementFailure(output: MeasurementOutput): output is MeasurementFailure {
  return 'error' in output;
}
