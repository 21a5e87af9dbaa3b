import type {
  AuditInput,
  DefinitionRecord,
  HistoryEntry,
  IdempotencyRecord,
  InstanceRecord,
  JobRecord,
  MessageRecord,
  NotificationRecord,
  PolicyWrite,
  TaskRecord,
} from '../records/index.js';
import type { CommitBatch } from '../store/port.js';

/**
 * What one transaction will write, gathered through methods and handed to the store as one
 * atomic CommitBatch. Nothing outside reaches into its lists: a command, a job or a unit of
 * work adds a write by saying what it is.
 */
export class WriteSet {
  private readonly definitions: DefinitionRecord[] = [];
  private readonly instanceInserts: InstanceRecord[] = [];
  private readonly instanceUpdates: { record: InstanceRecord; expectedVersion: number }[] = [];
  private readonly taskInserts: TaskRecord[] = [];
  private readonly taskUpdates: { record: TaskRecord; expectedVersion: number }[] = [];
  private readonly jobInserts = new Map<string, JobRecord>();
  private readonly jobDeletes = new Set<string>();
  private readonly jobCompletions: { id: string; owner: string }[] = [];
  private readonly historyEntries: HistoryEntry[] = [];
  private readonly auditEntries: AuditInput[] = [];
  private readonly notifications: NotificationRecord[] = [];
  private readonly policies = new Map<string, PolicyWrite>();
  private readonly idempotencyKeys: IdempotencyRecord[] = [];
  private readonly messageInserts: MessageRecord[] = [];
  private readonly messageConsumptions = new Set<string>();

  deployDefinition(record: DefinitionRecord): void {
    this.definitions.push(record);
  }

  insertInstance(record: InstanceRecord): void {
    this.instanceInserts.push(record);
  }

  /** Replaces an instance if it still has `expectedVersion`; the record carries expected + 1. */
  updateInstance(record: InstanceRecord, expectedVersion: number): void {
    this.instanceUpdates.push({ record, expectedVersion });
  }

  insertTask(record: TaskRecord): void {
    this.taskInserts.push(record);
  }

  /** Replaces a task if it still has `expectedVersion`; the record carries expected + 1. */
  updateTask(record: TaskRecord, expectedVersion: number): void {
    this.taskUpdates.push({ record, expectedVersion });
  }

  insertJob(job: JobRecord): void {
    this.jobInserts.set(job.id, job);
  }

  /** A job that is no longer wanted: one inserted here is simply not written, a stored one deleted. */
  deleteJob(id: string): void {
    if (!this.jobInserts.delete(id)) this.jobDeletes.add(id);
  }

  /** The job this transaction fires: it must still be held under `owner`, and goes with the commit. */
  completeJob(id: string, owner: string): void {
    this.jobCompletions.push({ id, owner });
  }

  /** Jobs this transaction will insert, of a type (handler jobs to run after the commit). */
  insertedJobs(type?: JobRecord['type']): JobRecord[] {
    return [...this.jobInserts.values()].filter((j) => type === undefined || j.type === type);
  }

  history(...entries: readonly HistoryEntry[]): void {
    this.historyEntries.push(...entries);
  }

  audit(entry: AuditInput): void {
    this.auditEntries.push(entry);
  }

  notify(record: NotificationRecord): void {
    this.notifications.push(record);
  }

  /** A policy document write; a second write of the same document in one transaction replaces the first. */
  writePolicy(write: PolicyWrite): void {
    this.policies.set(`${write.kind}\u0000${write.id}`, write);
  }

  recordIdempotencyKey(record: IdempotencyRecord): void {
    this.idempotencyKeys.push(record);
  }

  /** Keeps a message for a catch not yet entered (correlate with a ttl). */
  keepMessage(record: MessageRecord): void {
    this.messageInserts.push(record);
  }

  /** Consumes a kept message: the commit fails (ConflictError) if another step consumed it first. */
  consumeMessage(id: string): void {
    this.messageConsumptions.add(id);
  }

  /** Whether this transaction consumes the message already. */
  consumes(id: string): boolean {
    return this.messageConsumptions.has(id);
  }

  toBatch(): CommitBatch | Promise<CommitBatch> {
    return this.batch();
  }

  /**
   * The writes as one batch; only the kinds present (an empty write set is an empty batch).
   * Each kind added by itself, in this order, rather than all fifteen lists built and then
   * filtered through Object.entries / fromEntries: every commit goes through here (measured
   * 1.4 → 0.2 µs for a step's batch of four kinds).
   */
  protected batch(extra: Pick<CommitBatch, 'instanceInserts' | 'instanceUpdates' | 'taskInserts' | 'taskUpdates'> = {}): CommitBatch {
    const batch: { -readonly [K in keyof CommitBatch]: CommitBatch[K] } = {};
    if (this.definitions.length) batch.definitions = this.definitions;
    const instanceInserts = joined(extra.instanceInserts, this.instanceInserts);
    if (instanceInserts.length) batch.instanceInserts = instanceInserts;
    const instanceUpdates = joined(extra.instanceUpdates, this.instanceUpdates);
    if (instanceUpdates.length) batch.instanceUpdates = instanceUpdates;
    const taskInserts = joined(extra.taskInserts, this.taskInserts);
    if (taskInserts.length) batch.taskInserts = taskInserts;
    const taskUpdates = joined(extra.taskUpdates, this.taskUpdates);
    if (taskUpdates.length) batch.taskUpdates = taskUpdates;
    if (this.jobInserts.size) batch.jobInserts = [...this.jobInserts.values()];
    if (this.jobDeletes.size) batch.jobDeletes = [...this.jobDeletes];
    if (this.jobCompletions.length) batch.jobCompletions = this.jobCompletions;
    if (this.historyEntries.length) batch.history = this.historyEntries;
    if (this.auditEntries.length) batch.audit = this.auditEntries;
    if (this.notifications.length) batch.notifications = this.notifications;
    if (this.policies.size) batch.policies = [...this.policies.values()];
    if (this.idempotencyKeys.length) batch.idempotencyKeys = this.idempotencyKeys;
    if (this.messageInserts.length) batch.messageInserts = this.messageInserts;
    if (this.messageConsumptions.size) batch.messageConsumptions = [...this.messageConsumptions];
    return batch;
  }
}

/** `extra` then `own`, a fresh array as the batch always had (the write set's own list stays its own). */
function joined<T>(extra: readonly T[] | undefined, own: readonly T[]): T[] {
  return extra?.length ? [...extra, ...own] : [...own];
}
