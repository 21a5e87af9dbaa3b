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

  /** The writes as one batch; only the kinds present (an empty write set is an empty batch). */
  protected batch(extra: Pick<CommitBatch, 'instanceInserts' | 'instanceUpdates' | 'taskInserts' | 'taskUpdates'> = {}): CommitBatch {
    const lists = {
      definitions: this.definitions,
      instanceInserts: [...(extra.instanceInserts ?? []), ...this.instanceInserts],
      instanceUpdates: [...(extra.instanceUpdates ?? []), ...this.instanceUpdates],
      taskInserts: [...(extra.taskInserts ?? []), ...this.taskInserts],
      taskUpdates: [...(extra.taskUpdates ?? []), ...this.taskUpdates],
      jobInserts: [...this.jobInserts.values()],
      jobDeletes: [...this.jobDeletes],
      jobCompletions: this.jobCompletions,
      history: this.historyEntries,
      audit: this.auditEntries,
      notifications: this.notifications,
      policies: [...this.policies.values()],
      idempotencyKeys: this.idempotencyKeys,
      messageInserts: this.messageInserts,
      messageConsumptions: [...this.messageConsumptions],
    };
    return Object.fromEntries(Object.entries(lists).filter(([, list]) => list.length)) as CommitBatch;
  }
}
