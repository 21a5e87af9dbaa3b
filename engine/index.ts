/**
 * Tereze: the engine's front door (`import { createEngine } from 'tereze'`).
 */
export { createEngine, type EngineOptions } from './engine.js';
export type * from './api.js';
export { manualClock, systemClock, type Clock, type ManualClock } from './clock.js';
export { sqliteStore, mongoStore, postgresStore } from './store/index.js';
export type * from './store/port.js';
export {
  DefinitionError,
  NotFoundError,
  ConflictError,
  ForbiddenError,
  InvalidArgumentError,
  ChannelClosedError,
  IdempotencyKeyReusedError,
  BpmnError,
  StoreUnavailableError,
  TerezeError,
  type Problem,
  type ProblemDetail,
} from './errors.js';
export { compileDefinitions, psDescriptor, MAX_XML_BYTES, MODEL_LIMITS } from './model/index.js';
export type { ProcessGraph, FlowNode, SequenceFlow, Channel, SlaSpec } from './model/types.js';
export type { InstanceState, Token, Incident } from './runtime/index.js';
export { messageTarget, type MessageTarget, type MessageWaits } from './runtime/messageTarget.js';
export { BUILT_IN_HANDLERS } from './handlers.js';
export { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, detectAttachmentType, type AttachmentType } from './attachments/index.js';
export { newTrackingNumber, isValidTrackingNumber } from './intake/TrackingNumber.js';
export {
  findBrokenLink,
  verifyChain,
  ChainWalker,
  formatOf,
  signCheckpoint,
  readCheckpoints,
  type ChainReport,
  type AnchorReport,
  type VerifyOptions,
  type ChainPosition,
  type SignedCheckpoint,
  verifyExport,
  type ExportCheck,
} from './audit/index.js';
export { STAT_DIMENSIONS, NO_CENTRE, type StatDimension, type StatFilter, type SlaStatRow, type TrackingView, type HeatmapCell, type HeatmapInstance, type InstanceTally, type TrendDay } from './reports/index.js';
export {
  assignmentIntegrity,
  chiSquareSurvival,
  poissonBinomialTail,
  DEFAULT_THRESHOLDS,
  FLAG_KINDS,
  VERDICTS,
  type AssignmentIntegrityOptions,
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
} from './reports/index.js';
export { taskViewFor, type Viewer } from './assignment/index.js';
export { ROLES, USER_LANGUAGES, type UserLanguage, type Role, type DirectoryUser, type DirectoryUserInput, type Absence, Directory, TaskAssigner } from './assignment/index.js';
export {
  viewpointOf,
  redactTask,
  redactApplication,
  ORG_UNIT_KINDS,
  orgUnitSchema,
  unitTextIn,
  unitNamesOf,
  type OrgUnit,
  type OrgUnitKind,
  type OrgUnitTranslations,
  type Viewpoint,
  type ApplicationView,
} from './assignment/index.js';
export { PolicyDocuments, type PolicyWriteOptions } from './PolicyDocuments.js';
export { ACCESS_MODES, type AccessMode, type RoutingDecision, RoutingPolicy } from './routing/index.js';
export { CalendarRegistry, type CalendarVersion } from './calendars/index.js';
export { IDEMPOTENCY_KEY_RETENTION_MS, IDEMPOTENCY_KEY_FORMAT, isIdempotencyKey } from './commands/IdempotentStart.js';
export { SANE_YEARS, INSTANT_FORMAT, DATE_FORMAT, parseInstant, saneInstant, isCalendarDate } from './isoTime.js';
export { builtInCalendars, parseCalendar, computeDeadline, localDateOf, isWorkingDay, openIntervals, type WorkingCalendar, type LabelInLanguages, type Deadline } from './sla/index.js';
export type { SweepResult } from './SlaSweep.js';
export type { CommitEvent, EngineEvent, EngineListener, SubscribeOptions } from './events/index.js';
export { COMMENT_MAX_LENGTH, COMMENT_OFFICES, MIN_NAME_SEARCH } from './casefile/index.js';
export { FRONT_OFFICE_IDENTITY_VARIABLES, BACK_OFFICE_IDENTITY_VARIABLES } from './assignment/index.js';
export { applicationOutcome, type ApplicationOutcome, type OutcomeContext, type OutcomeSource } from './reports/index.js';
export { DECISIONS, REFUSAL_REASONS, groundsOf, issueRefusal, issueResult, type Decision, type RefusalReason } from './decision/issueDecision.js';
export { NOTIFICATION_KINDS, NOTIFICATION_AUDIT_ACTIONS, isNotificationKind, type NotificationKind, type EngineOutbox } from './notifications/index.js';
export { DELIVERY_STATES, DELIVERY_CHANNELS } from './store/notificationOutbox.js';
export { recordAbsence, redrawAbsentTasks, type AbsenceRecorded, type AbsenceRedraw } from './assignment/index.js';
