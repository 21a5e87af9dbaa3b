export { SlaStats, STAT_DIMENSIONS, NO_CENTRE, type StatDimension, type StatFilter, type SlaStatRow, type TrendDay } from './SlaStats.js';
export { trackApplication, type TrackingView } from './trackApplication.js';
export { applicationOutcome, type ApplicationOutcome, type OutcomeContext, type OutcomeSource } from './applicationOutcome.js';
export { heatmap, heatmapInstances, type HeatmapCell, type HeatmapInstance } from './heatmap.js';
export { instanceTallies, type InstanceTally } from './instanceTallies.js';
export { assignmentIntegrity, type AssignmentIntegrityOptions } from './assignmentIntegrity.js';
export { chiSquareSurvival, chiSquareGoodnessOfFit, poissonBinomialTail, regularizedGammaQ } from './integrity/statistics.js';
export {
  DEFAULT_THRESHOLDS,
  FLAG_KINDS,
  VERDICTS,
  verdictOf,
  type AssignmentIntegrityReport,
  type AbsenceBeneficiary,
  type FlagKind,
  type GroupDraws,
  type IntegrityFlag,
  type IntegrityThresholds,
  type LateAbsence,
  type OfficialDraws,
  type PickRecipient,
  type ReviewPair,
  type SupervisorPicks,
  type Verdict,
} from './integrity/types.js';
