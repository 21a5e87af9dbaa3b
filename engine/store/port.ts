/**
 * The persistence port: the operations the engine needs, not a query language. Every adapter
 * (sqlite, mongo, postgres) passes the same contract suite in tests/engine/store/.
 *
 * Instants are ISO-8601 strings in UTC (`2026-03-20T04:00:00.000Z`), which sort as they compare.
 */
import type { StoreUnavailableError } from '../errors.js';
import type { ProcessGraph } from '../model/types.js';
import type { InstanceState } from '../runtime/state.js';
import type { NotificationKind } from '../notifications/notificationKinds.js';
import type { DeliveryRequeue, NotificationOutbox } from './notificationOutbox.js';
export type * from './notificationOutbox.js';

export interface DefinitionRecord {
  /** `key:version`. */
  readonly id: string;
  /** The BPMN process id. */
  readonly key: string;
  readonly version: number;
  /** sha-256 of the deployed XML text. */
  readonly hash: string;
  readonly xml: string;
  readonly name?: string;
  readonly serviceCode?: string;
  readonly deployedAt: string;
  readonly deployedBy?: string;
  readonly graph: ProcessGraph;
}

export type InstanceRecord = InstanceState;

export type TaskState = 'open' | 'completed' | 'cancelled';

export interface TaskRecord {
  readonly id: string;
  readonly instanceId: string;
  readonly tokenId: string;
  /** The process key and the user task's element id and name. */
  readonly key: string;
  readonly elementId: string;
  readonly name?: string;
  readonly trackingNumber: string;
  readonly serviceCode?: string;
  readonly office?: 'front' | 'back';
  readonly candidateGroup?: string;
  readonly assignment?: string;
  /** The application's centre: a clerk works only the front-office tasks of their own centre. */
  centre?: string;
  assignee: string | null;
  state: TaskState;
  readonly createdAt: string;
  completedAt?: string;
  completedBy?: string;
  outcome?: string;
  dueAt?: string;
  warnAt?: string;
  atRisk?: boolean;
  overdue?: boolean;
  /** Why the task waits unassigned although its strategy assigns (nobody eligible): for supervisors. */
  attention?: string;
  /** Store-maintained guard for task-level changes (claim, reassign). */
  version: number;
}

export interface TaskQuery {
  readonly instanceId?: string;
  readonly assignee?: string;
  readonly candidateGroup?: string;
  /** Only tasks of applications taken in at this centre. */
  readonly centre?: string;
  /** Only tasks of applications that belong to no centre (agency desk, portal, timer or message starts). */
  readonly noCentre?: boolean;
  /** Default: `open`. */
  readonly state?: TaskState | 'any';
  /** Only tasks with no assignee (the group queue). */
  readonly unassigned?: boolean;
  readonly limit?: number;
}

export type JobType = 'timer' | 'startTimer' | 'continuation';

export interface JobRecord {
  readonly id: string;
  readonly type: JobType;
  readonly dueAt: string;
  /** Instance jobs: which instance and token; start timers: which definition and start event. */
  readonly instanceId?: string;
  readonly tokenId?: string;
  readonly definitionId?: string;
  readonly elementId: string;
  /** JSON payload of the job kind (the boundary event fired, a cycle's remaining repetitions…). */
  readonly payload: Record<string, unknown>;
  readonly lockedUntil?: string | null;
  readonly lockOwner?: string | null;
  readonly attempts: number;
}

export interface HistoryEntry {
  readonly instanceId: string;
  readonly at: string;
  readonly elementId: string;
  readonly tokenId?: string;
  readonly event: HistoryEvent;
  readonly data?: Record<string, unknown>;
}

export type HistoryEvent =
  | 'start'
  | 'enter'
  | 'leave'
  | 'cancel'
  | 'take'
  | 'incident'
  | 'end'
  | 'terminate'
  | 'error'
  | 'message'
  | 'timer'
  | 'sla'
  | 'attachment'
  | 'documents'
  | 'withdrawal'
  | 'extension'
  | 'comment'
  | 'unclaim';

/** An entry before the store chains it: the store assigns `seq`, `prev` and `hash`. */
export interface AuditInput {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly data?: Record<string, unknown>;
}

export interface AuditEntry extends AuditInput {
  readonly seq: number;
  readonly prev: string;
  readonly hash: string;
  /** The hash's encoding (engine/audit/chain.ts): absent on entries written before format 2. */
  readonly format?: number;
}

/**
 * An audit entry as stored, with the copies of its fields the store keeps outside the hashed
 * entry (indexed columns, the document key): verification compares them with the entry, so a
 * query that reads a column cannot be fooled by editing only that column.
 */
export interface StoredAuditRow {
  readonly entry: AuditEntry;
  /** By entry field: sqlite's `seq`, `subject` and `hash` columns; mongo's `_id` (the seq). */
  readonly columns: Readonly<Partial<Record<'seq' | 'subject' | 'hash', unknown>>>;
}

export interface NotificationRecord {
  readonly id: string;
  readonly instanceId: string;
  readonly at: string;
  readonly elementId: string;
  readonly messageName: string;
  readonly trackingNumber: string;
  readonly payload: Record<string, unknown>;
  /** Set when the applicant is told (ps:notify, an extension): the store queues it for delivery (notificationOutbox.ts). */
  readonly kind?: NotificationKind;
}

/**
 * A scan attached to an application (engine/attachments): what lists show. The bytes are kept
 * beside it in their own table / collection, never in the instance row the engine reads at
 * every step.
 */
export interface AttachmentRecord {
  readonly id: string;
  readonly instanceId: string;
  readonly at: string;
  readonly by: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  /** Hex SHA-256 of the bytes, also in the audit entry of the upload. */
  readonly sha256: string;
}

export interface AttachmentWrite {
  readonly record: AttachmentRecord;
  readonly content: Uint8Array;
}

/**
 * A start recorded under the caller's idempotency key, in the same commit as the start, so a
 * repeat (a double click, a retry after a lost answer; concurrent, or on another server)
 * finds it instead of starting a second application.
 */
export interface IdempotencyRecord {
  /** Whose key it is (the acting user): two users' keys never meet. */
  readonly scope: string;
  readonly key: string;
  /** sha-256 of the request the key was first used with: the key is refused for another request. */
  readonly fingerprint: string;
  readonly instanceId: string;
  /** The first answer, as it was given. */
  readonly result: Record<string, unknown>;
  readonly at: string;
  /** From this instant on the key is forgotten: a new request may use it again. */
  readonly expiresAt: string;
}

/**
 * Everything one engine step writes, applied atomically or not at all. A guard that fails
 * (instance version moved, task no longer in the expected state, job lease lost, definition
 * version taken) rejects the whole batch with a ConflictError and writes nothing.
 */
export interface CommitBatch {
  readonly definitions?: readonly DefinitionRecord[];
  readonly instanceInserts?: readonly InstanceRecord[];
  /** `record.version` must be `expectedVersion + 1`. */
  readonly instanceUpdates?: readonly { readonly record: InstanceRecord; readonly expectedVersion: number }[];
  readonly taskInserts?: readonly TaskRecord[];
  /** Replace the task when the stored one still has `expectedVersion`; `record.version` = expected + 1. */
  readonly taskUpdates?: readonly { readonly record: TaskRecord; readonly expectedVersion: number }[];
  readonly jobInserts?: readonly JobRecord[];
  /** Timers cancelled with their activity: deleted when present, ignored when already gone. */
  readonly jobDeletes?: readonly string[];
  /** Jobs fired by this step: each must still be held under this lease owner, then is deleted. */
  readonly jobCompletions?: readonly { readonly id: string; readonly owner: string }[];
  readonly history?: readonly HistoryEntry[];
  readonly audit?: readonly AuditInput[];
  readonly notifications?: readonly NotificationRecord[];
  readonly policies?: readonly PolicyWrite[];
  /** Scans uploaded in this commit (with their audit entry and history event). */
  readonly attachments?: readonly AttachmentWrite[];
  /**
   * Keys recorded with the start they belong to. One already held in its scope, and not
   * expired at the new record's `at`, rejects the batch with a ConflictError (an expired one is
   * replaced); the store prunes expired keys as it goes.
   */
  readonly idempotencyKeys?: readonly IdempotencyRecord[];
  /** Dead letters put back to pending (attempts from 0, due at `at`); one that is not dead rejects the batch with a ConflictError. */
  readonly deliveryRequeues?: readonly DeliveryRequeue[];
}

export interface AcquireJobs {
  /** Jobs due at or before this instant. */
  readonly now: string;
  /** The lease: held until this instant, then another executor may take the job. */
  readonly lockedUntil: string;
  readonly owner: string;
  readonly limit: number;
  /** Only this job (a continuation run right after its commit). */
  readonly id?: string;
}

/**
 * Organisation and policy documents, versioned: users, absences, calendars, routing policy,
 * assignment rotation, and the accounts' credentials (a scrypt hash, never the password) and
 * sessions (under the SHA-256 of their token). Each write is a new version of (kind, id);
 * `keepHistory: false` replaces the previous version instead (rotation pointers change on
 * every assignment; an old password hash is not worth keeping).
 */
export type PolicyKind = 'user' | 'absence' | 'group' | 'centre' | 'agency' | 'calendar' | 'routing' | 'rotation' | 'credential' | 'session';

export interface PolicyRecord<T = Record<string, unknown>> {
  readonly kind: PolicyKind;
  readonly id: string;
  /** 1 for the first version; a write of version n requires version n - 1 to be the latest. */
  readonly version: number;
  readonly at: string;
  readonly doc: T;
}

export interface PolicyWrite extends PolicyRecord {
  readonly keepHistory: boolean;
}

/** A task whose SLA crossed its warning or due moment and is not yet marked so. */
export interface SlaCrossingQuery {
  readonly now: string;
  readonly limit: number;
}

/** One change another writer (or this one) made, as a change stream reports it. */
export interface StoreChange {
  readonly tasksCreated: readonly TaskRecord[];
  readonly tasksChanged: readonly TaskRecord[];
  readonly instancesStarted: readonly InstanceRecord[];
  readonly instancesChanged: readonly InstanceRecord[];
}

export interface StoreWatch {
  close(): Promise<void>;
}

export interface InstanceQuery {
  readonly key?: string;
  readonly status?: InstanceRecord['status'];
  readonly limit?: number;
}

/** Whether the store can keep a change now; `problem` says why not, in words. */
export type StoreHealth = { readonly ok: true } | { readonly ok: false; readonly problem: StoreUnavailableError };

export interface Store extends NotificationOutbox {
  readonly kind: 'sqlite' | 'mongo' | 'postgres';
  /** Creates tables / collections and indexes; idempotent. Throws StoreUnavailableError naming what is wrong. */
  init(): Promise<void>;
  close(): Promise<void>;
  /**
   * Applies a batch atomically; throws ConflictError (from engine/errors) when a guard fails,
   * StoreUnavailableError when the store cannot keep it (disk full, file gone, no primary).
   */
  commit(batch: CommitBatch): Promise<void>;
  /** For the health check: cheap, answered without waiting long for an unreachable server. */
  health(): Promise<StoreHealth>;

  getDefinition(id: string): Promise<DefinitionRecord | undefined>;
  latestDefinition(key: string): Promise<DefinitionRecord | undefined>;
  findDefinitionByHash(key: string, hash: string): Promise<DefinitionRecord | undefined>;
  /** Every version of a key, or the latest version of every key when no key is given. */
  listDefinitions(key?: string): Promise<DefinitionRecord[]>;

  getInstance(id: string): Promise<InstanceRecord | undefined>;
  getInstanceByTrackingNumber(trackingNumber: string): Promise<InstanceRecord | undefined>;
  listInstances(query: InstanceQuery): Promise<InstanceRecord[]>;

  getTask(id: string): Promise<TaskRecord | undefined>;
  /** Ordered by dueAt (tasks without one last), then createdAt. */
  findTasks(query: TaskQuery): Promise<TaskRecord[]>;

  /** Leases due jobs (earliest first) whose lease is free or expired. */
  acquireJobs(request: AcquireJobs): Promise<JobRecord[]>;
  /** Gives a leased job back, to run again at `dueAt` (a failed attempt). */
  releaseJob(id: string, owner: string, retry: { dueAt: string; error: string }): Promise<void>;
  /** The earliest dueAt of any job, so a poller can sleep until then. */
  nextJobDue(): Promise<string | undefined>;
  listJobs(filter: { instanceId?: string; definitionId?: string }): Promise<JobRecord[]>;

  /**
   * Open tasks whose warnAt has passed but are not atRisk yet, or whose dueAt has passed but
   * are not overdue yet, earliest first. Served by partial indexes: the cost follows the
   * number of crossings, not the number of open tasks.
   */
  findSlaCrossings(query: SlaCrossingQuery): Promise<TaskRecord[]>;
  /** The same for active instances with a process-level SLA. */
  findInstanceSlaCrossings(query: SlaCrossingQuery): Promise<InstanceRecord[]>;
  /** Open tasks per assignee, for least-loaded assignment (absent keys: none open). */
  countOpenTasks(assignees: readonly string[]): Promise<Record<string, number>>;

  /** The latest version of a policy document. */
  getPolicy<T = Record<string, unknown>>(kind: PolicyKind, id: string): Promise<PolicyRecord<T> | undefined>;
  /** The latest version of every document of a kind, ordered by id. */
  listPolicies<T = Record<string, unknown>>(kind: PolicyKind): Promise<PolicyRecord<T>[]>;
  /** Every stored version of one document, oldest first. */
  policyVersions<T = Record<string, unknown>>(kind: PolicyKind, id: string): Promise<PolicyRecord<T>[]>;

  /**
   * Changes to tasks and instances by every process sharing the store (MongoDB change
   * streams), for live updates across servers. Absent on stores without such a feed (sqlite:
   * one server per file).
   */
  watch?(onChange: (change: StoreChange) => void, onError: (error: unknown) => void): Promise<StoreWatch>;

  /** The record held under a key in a scope, expired or not (the caller compares `expiresAt`). */
  getIdempotencyKey(scope: string, key: string): Promise<IdempotencyRecord | undefined>;

  history(instanceId: string): Promise<HistoryEntry[]>;
  audit(query: { subject?: string; afterSeq?: number; limit?: number }): Promise<AuditEntry[]>;
  /** The whole trail in seq order with its stored columns, for verification (see StoredAuditRow). */
  auditRows(query: { afterSeq: number; limit: number }): Promise<StoredAuditRow[]>;
  notifications(instanceId: string): Promise<NotificationRecord[]>;
  /** An application's attachments (no bytes), oldest first. */
  attachments(instanceId: string): Promise<AttachmentRecord[]>;
  /** One attachment's bytes, when it belongs to that application. */
  attachmentContent(instanceId: string, attachmentId: string): Promise<Uint8Array | undefined>;
}
