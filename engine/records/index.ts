/**
 * The records the engine keeps: definitions, instances (engine/records/instance.ts), tasks,
 * jobs, history, audit, notifications, idempotency keys and policy documents. Plain typed JSON,
 * shared by the runtime (which produces them) and the stores (which keep them); neither of
 * those imports the other. engine/store/port.ts re-exports them for compatibility.
 *
 * Instants are ISO-8601 strings in UTC (`2026-03-20T04:00:00.000Z`), which sort as they compare.
 */
import type { ProcessGraph } from '../model/types.js';
import type { InstanceState } from './instance.js';
import type { NotificationKind } from '../notifications/notificationKinds.js';
import type { AttachmentType } from '../attachments/attachmentType.js';

export type * from './instance.js';
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
  /**
   * The process version the task belongs to, as its instance runs it (a migration moves both):
   * claiming or reassigning reads the task's spec from it without reading the instance. Absent
   * on tasks stored before it was kept; their instance says.
   */
  readonly definitionId?: string;
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

/** `signal`: a signal thrown by a step, broadcast after its commit (engine/jobs/SignalJobs.ts). */
export type JobType = 'timer' | 'startTimer' | 'continuation' | 'signal';

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
  | 'escalation'
  | 'signal'
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
  /** Set when the applicant is told (ps:notify, an extension): the store queues it for delivery (store/notificationOutbox.ts). */
  readonly kind?: NotificationKind;
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

/**
 * A message published for an instance before any catch waited for it (`correlate` with a
 * `ttl`, as Camunda 8's message TTL): kept until a matching catch of the instance is entered
 * (it is consumed in that step's commit) or until `expiresAt`, after which it is never consumed.
 */
export interface MessageRecord {
  readonly id: string;
  /** The message name a catch (receive task, message catch event, message boundary) waits for. */
  readonly name: string;
  readonly instanceId: string;
  readonly variables: Record<string, unknown>;
  readonly publishedAt: string;
  readonly expiresAt: string;
  /** Who published it, for the audit trail. */
  readonly by: string;
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
  /** What the first bytes said it is (attachments/attachmentType.ts), never the name or the declared type. */
  readonly contentType: AttachmentType;
  readonly size: number;
  /** Hex SHA-256 of the bytes, also in the audit entry of the upload. */
  readonly sha256: string;
}

export interface AttachmentWrite {
  readonly record: AttachmentRecord;
  readonly content: Uint8Array;
}
