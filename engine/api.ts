/**
 * The engine's public shape: what `createEngine` returns. The contract with the server, the
 * designer and anyone embedding the engine (ARCHITECTURE.md, "the engine as a library").
 * Names may grow, not shrink.
 */
import type { Problem } from './errors.js';
import type { Channel } from './model/types.js';
import type { HistoryEntry, NotificationRecord, TaskRecord, DefinitionRecord, AuditEntry, StoreHealth } from './store/port.js';
import type { ArmedBoundary, Incident, Token } from './runtime/state.js';
import type { CalendarRegistry } from './calendars/CalendarRegistry.js';
import type { RoutingPolicy } from './routing/RoutingPolicy.js';
import type { Directory } from './assignment/Directory.js';
import type { PolicyDocuments } from './PolicyDocuments.js';
import type { SweepResult } from './SlaSweep.js';
import type { SlaStatRow, StatDimension, StatFilter, TrendDay } from './reports/SlaStats.js';
import type { TrackingView } from './reports/trackApplication.js';
import type { HeatmapCell, HeatmapInstance } from './reports/heatmap.js';
import type { InstanceTally } from './reports/instanceTallies.js';
import type { AssignmentIntegrityReport } from './reports/integrity/types.js';
import type { ChainReport, VerifyOptions } from './audit/verifyChain.js';
import type { EngineListener, SubscribeOptions } from './events/EngineEvents.js';
import type { ApplicationOutcome, OutcomeContext } from './reports/applicationOutcome.js';
import type { AddAttachmentOptions } from './attachments/types.js';
import type { AttachmentRecord } from './store/port.js';
import type { ApplicantQuery, CommentOptions, UnclaimOptions } from './casefile/types.js';
import type { EngineOutbox } from './notifications/EngineOutbox.js';
export type { AddAttachmentOptions };
export type { ApplicantQuery, CommentOptions, CommentOffice, UnclaimOptions } from './casefile/types.js';

export interface DeployResult {
  /** The process key (BPMN process id) of the first executable process in the file. */
  readonly key: string;
  readonly version: number;
  /** `key:version`. */
  readonly id: string;
  readonly warnings: readonly string[];
  /** False when the same XML was deployed before and its version is returned. */
  readonly created: boolean;
  /** Every executable process the file deployed (call activity targets can share a file). */
  readonly processes: readonly { readonly key: string; readonly version: number; readonly id: string; readonly created: boolean }[];
}

/** The deploy's verdict on a model, given without deploying it (`Engine.validate`). */
export interface ValidationResult {
  /** True when `deploy` would accept the model as it is. */
  readonly valid: boolean;
  /** What `deploy` would refuse, each naming its element: the same list, in the same order. */
  readonly problems: readonly Problem[];
  /** The advice a deploy would return (only when the model is valid: the checks that give it run on a compiled graph). */
  readonly warnings: readonly string[];
}

export interface StartOptions {
  /** Enter at the start event with this `ps:channel` (the plain start event when none is given). */
  readonly channel?: Channel;
  readonly variables?: Record<string, unknown>;
  readonly applicant?: Record<string, unknown>;
  /** Who started it, for the audit trail. */
  readonly by?: string;
  /** The applicant's region: a region's own routing decision wins over the service's. */
  readonly region?: string;
  /** The centre it is taken in (centre channel): its front-office work stays with that centre's clerks. */
  readonly centre?: string;
  /**
   * The caller's key for this one request (1–255 printable ASCII characters), scoped to `by`:
   * a repeat with the same key and the same request returns the first result without starting
   * again (also concurrently, and from another engine on the store); the same key for another
   * request throws IdempotencyKeyReusedError. Kept for IDEMPOTENCY_KEY_RETENTION_MS (24 hours).
   */
  readonly idempotencyKey?: string;
}

export type InstanceView = {
  readonly id: string;
  readonly key: string;
  readonly definitionId: string;
  /** `incident` while a token is stuck (see `incidents`). */
  readonly state: 'active' | 'incident' | 'completed' | 'terminated';
  readonly trackingNumber: string;
  readonly channel?: Channel;
  readonly serviceCode?: string;
  /** The centre it was taken in (centre channel). */
  readonly centre?: string;
  /** Who applied, as registered at intake (the IIN among it). */
  readonly applicant?: Record<string, unknown>;
  readonly variables: Record<string, unknown>;
  readonly tokens: readonly Token[];
  /** The process-level event sub-processes' open subscriptions (a message start that may still come). */
  readonly subscriptions?: readonly ArmedBoundary[];
  readonly incidents: readonly Incident[];
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly parent?: { readonly instanceId: string; readonly tokenId: string };
  readonly version: number;
  readonly dueAt?: string;
  readonly warnAt?: string;
  readonly atRisk?: boolean;
  readonly overdue?: boolean;
  /** Set while the SLA clock is paused (the applicant was asked for documents). */
  readonly slaPausedAt?: string;
  /** Present (true) while the counter can record the documents the applicant brings (engine/casework/waitsForDocuments.ts). */
  readonly waitsForDocuments?: true;
};

export interface StartResult {
  readonly id: string;
  readonly trackingNumber: string;
  readonly state: InstanceView['state'];
  readonly dueAt?: string;
}

export interface TaskFilter {
  readonly instanceId?: string;
  readonly assignee?: string;
  readonly group?: string;
  /** Only tasks of applications taken in at this centre. */
  readonly centre?: string;
  /** Only tasks of applications that belong to no centre (agency desk, portal, timer or message starts). */
  readonly noCentre?: boolean;
  readonly state?: 'open' | 'completed' | 'cancelled' | 'any';
  readonly unassigned?: boolean;
  readonly limit?: number;
}

export interface CompleteOptions {
  readonly by: string;
  readonly outcome?: string;
  readonly variables?: Record<string, unknown>;
}

export interface CorrelateOptions {
  readonly instanceId?: string;
  readonly trackingNumber?: string;
  readonly variables?: Record<string, unknown>;
  readonly by?: string;
  /**
   * ISO-8601 duration (`P30D`, `PT2H`): when no catch of the instance waits for the message
   * yet, keep it (in the store) this long; a matching catch entered meanwhile consumes it at
   * once (as Camunda 8's message TTL). Without it such a message is refused (409).
   */
  readonly ttl?: string;
}

export interface CorrelateResult {
  readonly instanceId: string;
  /** True when the message started a new instance (a message start event). */
  readonly started: boolean;
  /** True when no catch waited yet and the message was kept for one (`ttl`); false when it was delivered. */
  readonly buffered?: boolean;
}

export interface SignalOptions {
  /** Merged into every instance the signal reaches, and the variables of the instances it starts. */
  readonly variables?: Record<string, unknown>;
  /** Who broadcasts (audited); `system` by default. */
  readonly by?: string;
  /**
   * Only the processes of this agency (`ps:agency`): the instances it reaches and the signal
   * starts it runs. An agency's system broadcasts within its agency (the server sets it).
   */
  readonly agency?: string;
}

/** What a broadcast reached. */
export interface SignalResult {
  readonly signalName: string;
  /** Instances whose waiting signal catches, boundaries or event-based gateways fired, with those elements. */
  readonly reached: readonly { readonly instanceId: string; readonly elements: readonly string[] }[];
  /** Instances started by signal start events (the latest version of each process that has one). */
  readonly started: readonly { readonly instanceId: string; readonly key: string }[];
}

/** What a service-task handler receives. */
export type { HandlerInput, ServiceHandler } from './handlerTypes.js';
import type { HandlerInput, ServiceHandler } from './handlerTypes.js';

/** What the applicant takes home from the counter. */
export interface Receipt {
  readonly trackingNumber: string;
  readonly serviceCode: string;
  readonly service: string;
  readonly agency?: string;
  readonly channel?: Channel;
  readonly receivedAt: string;
  readonly documents: readonly string[];
  /** The applicant's deadline under the service standard, when the process has a ps:sla. */
  readonly dueAt?: string;
  /** While the case waits for documents: the ones the official asked for (applicationOutcome). */
  readonly requestedDocuments?: readonly string[];
}

export interface RunJobsResult {
  /** Jobs fired. */
  readonly fired: number;
  /** Jobs whose attempt failed and were given back to run again later. */
  readonly failed: number;
}

export interface Engine {
  deploy(xml: string, options?: { by?: string }): Promise<DeployResult>;
  /** What `deploy(xml)` would say, without deploying: the designer's canvas shows it as it is edited. */
  validate(xml: string): Promise<ValidationResult>;
  definitions(key?: string): Promise<DefinitionRecord[]>;
  definition(key: string, version?: number): Promise<DefinitionRecord>;
  start(key: string, options?: StartOptions): Promise<StartResult>;
  tasks(filter?: TaskFilter): Promise<TaskRecord[]>;
  task(id: string): Promise<TaskRecord>;
  claimTask(taskId: string, options: { by: string }): Promise<TaskRecord>;
  /** Without `to`: drawn again at random among the eligible; with `to`: a manual pick, which must be eligible. */
  reassignTask(taskId: string, options: { to?: string; by: string; reason: string }): Promise<TaskRecord>;
  completeTask(taskId: string, options: CompleteOptions): Promise<InstanceView>;
  /** The task's form (`ps:form`, a form-js schema) as modelled, or null for a task without one. */
  taskForm(taskId: string): Promise<Readonly<Record<string, unknown>> | null>;
  correlate(messageName: string, options?: CorrelateOptions): Promise<CorrelateResult>;
  /**
   * Broadcasts a signal: every token waiting at a signal intermediate catch (or an event-based
   * gateway's), every activity with a signal boundary event armed (interrupting or not), in
   * every running instance of every deployed definition, and every signal start event of the
   * latest version of each process. Unlike a message it is not correlated to one instance and not
   * kept: what waits now is reached, what waits later is not. Each reached instance moves in
   * its own transaction (found through the store's index of signal waits, not a scan); audited
   * as `signal.catch` per instance and `signal.broadcast` once. A signal throw event (an
   * intermediate throw or an end event) does the same after its step's commit, as a job, without
   * the thrower's variables.
   */
  signal(signalName: string, options?: SignalOptions): Promise<SignalResult>;
  instance(id: string): Promise<InstanceView>;
  /**
   * Extends the applicant's deadline by calendar days (DOMAIN rule 6: at most 15 in all), with
   * a reason; the applicant is notified (an outgoing `deadlineExtended` notification).
   */
  extendDeadline(instanceId: string, options: { days: number; by: string; reason: string }): Promise<InstanceView>;
  /** Runs the elements of an instance's incidents again (all, or one token's), after their cause was fixed. */
  retryIncidents(instanceId: string, options: { by: string; tokenId?: string; variables?: Record<string, unknown>; reason?: string }): Promise<InstanceView>;
  receipt(instanceId: string): Promise<Receipt>;
  /** Operators: running and ended instances by process, version, state, incident, element, service, centre, agency, dates; with counts. */
  listInstances(filter?: InstanceFilter): Promise<InstancePage>;
  /** Ends a running instance (tasks cancelled, jobs deleted; `terminated`), with a reason; audited. */
  cancelInstance(instanceId: string, options: CancelOptions): Promise<InstanceView>;
  /** Moves a token to another element of the same scope (its activity cancelled), with a reason; audited. */
  modifyInstance(instanceId: string, options: ModifyOptions): Promise<InstanceView>;
  /** Moves the running instances of one version to another, checked first; a refused or dry run returns the report and moves nothing. */
  migrateInstances(key: string, options: MigrateOptions): Promise<MigrationReport>;
  /** Moves an application to another centre at the applicant's request (audited): its front-office work goes there. */
  transferApplication(instanceId: string, options: { centre: string; by: string; reason: string }): Promise<InstanceView>;
  instanceByTrackingNumber(trackingNumber: string): Promise<InstanceView>;
  /**
   * The applicant withdraws: the case ends (`terminated`, `decision: 'withdrawn'`), its tasks
   * cancelled and jobs deleted; history 'withdrawal', audited as `application.withdraw`; the
   * applicant is told (a `withdrawn` notification in the same commit).
   */
  withdrawApplication(instanceId: string, options: { by: string; reason: string }): Promise<InstanceView>;
  /**
   * The documents the applicant brought (the clerk records them): correlates `documentsProvided`
   * with `{ broughtDocuments, documentsBroughtAt }`, resuming the case and restarting the term;
   * ConflictError when it is not waiting for documents. History 'documents', audited.
   */
  recordDocumentsBrought(instanceId: string, options: { by: string; documents: readonly string[] }): Promise<InstanceView>;
  /** Attaches a scan (PDF, JPEG, PNG by content; size-limited), audited with its SHA-256. */
  addAttachment(instanceId: string, options: AddAttachmentOptions): Promise<AttachmentRecord>;
  /** An application's attachments, without their bytes. */
  attachments(instanceId: string): Promise<AttachmentRecord[]>;
  /** One attachment with its bytes; NotFoundError when it is not this application's. */
  attachment(instanceId: string, attachmentId: string): Promise<{ readonly record: AttachmentRecord; readonly content: Uint8Array }>;
  history(instanceId: string): Promise<HistoryEntry[]>;
  notifications(instanceId: string): Promise<NotificationRecord[]>;
  audit(query?: { subject?: string; afterSeq?: number; limit?: number }): Promise<AuditEntry[]>;
  /** Fires every job due now (timers, continuations); returns how many ran. */
  runDueJobs(): Promise<RunJobsResult>;
  registerHandler(name: string, handler: ServiceHandler): void;
  /** Working calendars: the built-in `centre` and `agency`, and coordinators' versions. */
  readonly calendars: CalendarRegistry;
  /** Single / alternative access per service, with its history. */
  readonly routing: RoutingPolicy;
  /** Users, groups, roles and absences: who can be assigned. */
  readonly directory: Directory;
  /** Today's date (YYYY-MM-DD) in the agencies' working calendar, by the engine's clock: the day absences and the random draw go by. */
  today(): Promise<string>;
  /**
   * The versioned, audited policy documents under the directory, calendars and routing. The
   * server keeps its own kinds here too (credentials and sessions: authentication is the
   * server's, not the embeddable engine's).
   */
  readonly documents: PolicyDocuments;
  /** What the applicant is told and its delivery (the outbox): for the server's delivery worker and the operators. */
  readonly outbox: EngineOutbox;
  /** Flags tasks and instances that crossed their SLA warning or deadline (the server runs it every minute). */
  sweepSla(): Promise<SweepResult>;
  /** The public tracking page's view of an application: status, next steps, deadline. */
  track(trackingNumber: string, context?: Pick<OutcomeContext, 'article' | 'requiredDocuments'>): Promise<TrackingView>;
  /** The application's decision, grounds, and where and until when to collect it (engine/reports/applicationOutcome.ts). */
  outcome(instanceId: string, context?: Pick<OutcomeContext, 'article' | 'requiredDocuments'>): Promise<ApplicationOutcome>;
  /** SLA compliance and ratings by agency, service, channel, centre or official, computed from the audit trail, over the applications the filter keeps. */
  slaStats(by: StatDimension, filter?: StatFilter): Promise<SlaStatRow[]>;
  /** The ids of the applications the statistics' filter keeps. */
  statApplications(filter: StatFilter): Promise<string[]>;
  /** Day by day over the last `days` days (Almaty): started, completed, late, turned overdue; for the agencies given, else all. */
  slaTrend(days: number, agencies?: ReadonlySet<string>): Promise<TrendDay[]>;
  /** Per element of a process: tokens resting there, and how many tasks are at risk or overdue. */
  heatmap(key: string): Promise<HeatmapCell[]>;
  /** The active applications behind one element's heatmap numbers (tracking numbers, overdue first). */
  heatmapInstances(key: string, elementId: string): Promise<HeatmapInstance[]>;
  /** Applications counted by process version, service and channel: running, with incidents, on time, overdue. */
  instanceTallies(): Promise<InstanceTally[]>;
  /**
   * Assignment integrity from the audit trail alone, for auditors: random draws received
   * against expected per official (chi-square per group), absences set shortly before draws,
   * named picks per supervisor, recurring four-eyes pairs; each flag with its entries' seqs.
   * `from` / `to`: local dates (inclusive) in the agencies' zone.
   */
  assignmentIntegrity(query?: { from?: string; to?: string; group?: string }): Promise<AssignmentIntegrityReport>;
  /** Recomputes the audit trail's hash chain; names the first entry that does not match; with checkpoints, what they anchor. */
  verifyAudit(options?: VerifyOptions): Promise<ChainReport>;
  /** Whether the store can keep a change now (file in place, disk not full, primary reachable), for health checks. */
  storeHealth(): Promise<StoreHealth>;
  /**
   * Tells the listener about committed changes (tasks created and changed, instances started
   * and changed, commit time). `scope: 'local'` (default): this engine's commits — what
   * metrics count. `scope: 'all'`: every server's changes through the store's change feed
   * (MongoDB change streams) — what live inboxes need; the same as local on sqlite.
   * Returns the unsubscribe function.
   */
  subscribe(listener: EngineListener, options?: SubscribeOptions): () => void;
  /**
   * Resolves once the store's change feed behind `scope: 'all'` listens, so every change
   * committed after it, on any server, reaches those listeners (the feed opens on the first
   * one, and a LISTEN or change stream takes a round trip). At once without a feed; also when
   * the feed could not open (it retries by itself).
   */
  feedListening(): Promise<void>;
  /** A comment on an application's case file (history `comment`, audited); at most COMMENT_MAX_LENGTH characters. */
  addComment(instanceId: string, options: CommentOptions): Promise<HistoryEntry>;
  /** Gives a claimed task back to its group's queue (history `unclaim`, audited): its holder, or a supervisor with a reason. */
  unclaimTask(taskId: string, options: UnclaimOptions): Promise<TaskRecord>;
  /** An applicant's applications by exact IIN or part of the name, newest first, unscoped: the caller filters by scope. */
  findApplications(query: ApplicantQuery): Promise<InstanceView[]>;
  /** Stops the job poller, waits for steps in flight, closes the store. */
  close(): Promise<void>;
}

/*
 * The operator commands' options and reports. Declared here, in the contract, so that the
 * commands import the API and never the other way round (no import cycle in engine/).
 */

/** What an operator filters instances by; every field optional, all of them must hold. */
export interface InstanceFilter {
  readonly key?: string;
  readonly version?: number;
  readonly state?: InstanceView['state'];
  readonly hasIncident?: boolean;
  /** Only instances with a token at this element. */
  readonly elementId?: string;
  readonly serviceCode?: string;
  readonly centre?: string;
  readonly agency?: string;
  /** Started at or after / before this instant (ISO-8601, UTC). */
  readonly startedFrom?: string;
  readonly startedTo?: string;
  /** Only instances these definitions (`key:version`) or keys pass; a supervisor's scope. */
  readonly visible?: (instance: { key: string; definitionId: string; agency?: string; centre?: string }) => boolean;
  readonly offset?: number;
  readonly limit?: number;
}

export interface InstancePage {
  /** How many match the filter (before paging). */
  readonly total: number;
  /** Of those, by state (`incident`: active with an incident). */
  readonly counts: Readonly<Record<InstanceView['state'], number>>;
  /** Newest first. */
  readonly items: readonly InstanceView[];
}

export interface MigrateOptions {
  readonly fromVersion: number;
  readonly toVersion: number;
  /** Old element id → new element id, for elements renamed in the new version; others keep their id. */
  readonly mapping?: Readonly<Record<string, string>>;
  readonly by: string;
  readonly reason: string;
  /** Check only: the report, nothing migrated. */
  readonly dryRun?: boolean;
}

/** One reason an instance cannot move to the new version. */
export interface MigrationProblem {
  readonly instanceId: string;
  readonly elementId: string;
  readonly problem: string;
}

export interface MigrationReport {
  readonly key: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly dryRun: boolean;
  /** The running instances of the old version that were checked. */
  readonly instances: readonly string[];
  readonly problems: readonly MigrationProblem[];
  /** Moved to the new version: empty on a dry run or when there is any problem. */
  readonly migrated: readonly string[];
}

export interface ModifyOptions {
  readonly by: string;
  readonly reason: string;
  /** The token to move: its id (`t3`) or the element it is at; optional when the instance has one token. */
  readonly moveFrom?: string;
  /** The element the token enters. */
  readonly to: string;
  readonly variables?: Record<string, unknown>;
}

export interface CancelOptions {
  readonly by: string;
  readonly reason: string;
}
