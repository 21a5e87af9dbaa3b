/**
 * The persistence port: the operations the engine needs, not a query language. Every adapter
 * (sqlite, mongo, postgres) passes the same contract suite in tests/engine/store/.
 *
 * Instants are ISO-8601 strings in UTC (`2026-03-20T04:00:00.000Z`), which sort as they compare.
 */
import type { StoreUnavailableError } from '../errors.js';
import type { DeliveryRequeue, NotificationOutbox } from './notificationOutbox.js';
import type {
  AttachmentRecord,
  AttachmentWrite,
  AuditEntry,
  AuditInput,
  DefinitionRecord,
  HistoryEntry,
  IdempotencyRecord,
  InstanceRecord,
  JobRecord,
  MessageRecord,
  NotificationRecord,
  PolicyKind,
  PolicyRecord,
  PolicyWrite,
  StoredAuditRow,
  TaskRecord,
  TaskState,
} from '../records/index.js';

/** The record types live in engine/records/ (shared with the runtime); re-exported here for compatibility. */
export type * from '../records/index.js';
export type * from './notificationOutbox.js';

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
  /**
   * Keys recorded with the start they belong to. One already held in its scope, and not
   * expired at the new record's `at`, rejects the batch with a ConflictError (an expired one is
   * replaced); the store prunes expired keys as it goes.
   */
  readonly idempotencyKeys?: readonly IdempotencyRecord[];
  /** Messages kept for a catch not yet entered (correlate with a ttl). */
  readonly messageInserts?: readonly MessageRecord[];
  /** Kept messages a step consumed: each must still be stored (else ConflictError: another step took it), then is deleted. */
  readonly messageConsumptions?: readonly string[];
  /** Scans uploaded in this commit (with their audit entry and history event). */
  readonly attachments?: readonly AttachmentWrite[];
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

/** Where a page of an applicant lookup ended: the last instance returned. */
export interface ApplicantCursor {
  readonly startedAt: string;
  readonly id: string;
}

/**
 * Instances by their applicant (`record.applicant`), through the store's applicant index
 * (store/shared/applicantIndex.ts), never a scan of instances. Newest first: startedAt, then id,
 * descending; `after` continues a page (only instances strictly older than it).
 */
export interface ApplicantLookup {
  /** `applicant.iin` exactly (no prefix: nobody walks the register). */
  readonly iin?: string;
  /**
   * A case-insensitive prefix of the name from the start of any of its words: "aig" and
   * "seitkali a" find "Seitkali Aigerim", "kali" does not. Folded as the index folds names
   * (foldName: Unicode lower case, so Kazakh and Russian Cyrillic too; ё as е; spaces collapsed).
   * With `iin`, both must match. Empty after folding: nothing is found.
   */
  readonly namePrefix?: string;
  readonly limit: number;
  readonly after?: ApplicantCursor;
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
  /**
   * The ids `listDefinitions` would answer, in its order, without the records: a deployed
   * version never changes, so the engine keeps each record once and asks only which are current.
   */
  listDefinitionIds(key?: string): Promise<string[]>;

  getInstance(id: string): Promise<InstanceRecord | undefined>;
  getInstanceByTrackingNumber(trackingNumber: string): Promise<InstanceRecord | undefined>;
  listInstances(query: InstanceQuery): Promise<InstanceRecord[]>;
  /**
   * The applications of an applicant (see ApplicantLookup), whoever's scope they are in: the
   * caller filters by scope. Served by an index written in the instance insert's commit.
   */
  findInstancesByApplicant(query: ApplicantLookup): Promise<InstanceRecord[]>;

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

  /** An instance's kept messages of one name not expired at `now` (expiresAt > now), oldest first. */
  keptMessages(query: { readonly instanceId: string; readonly name: string; readonly now: string }): Promise<MessageRecord[]>;

  /**
   * Active instances with a token waiting for a signal (a signal catch, a signal boundary armed
   * on its activity, an event-based gateway's signal catch), ordered by id, after `after`.
   * Served by an index on the waits (kept with each instance write), not a scan of instances.
   */
  signalWaiters(query: { readonly name: string; readonly after?: string; readonly limit: number }): Promise<string[]>;

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
