/**
 * The embedded store: better-sqlite3 (synchronous, in-process), one file shared by any number
 * of processes on the same machine (WAL + busy timeout), or `:memory:` for tests.
 */
import { SqliteOutbox } from './notificationOutbox.js';
import type { AcquireDeliveries, DeliveryCounts, DeliveryFilter, DeliveryOutcome, DeliveryRecord } from '../notificationOutbox.js';
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type {
  ApplicantLookup,
  PolicyKind,
  PolicyRecord,
  SlaCrossingQuery,
  StoreHealth,
  AcquireJobs,
  AuditEntry,
  StoredAuditRow,
  CommitBatch,
  DefinitionRecord,
  HistoryEntry,
  InstanceQuery,
  InstanceRecord,
  JobRecord,
  MessageRecord,
  NotificationRecord,
  AttachmentRecord,
  IdempotencyRecord,
  Store,
  TaskQuery,
  TaskRecord,
} from '../port.js';
import { prepareIdempotencyKeys, readIdempotencyKey, type IdempotencyStatements } from './idempotencyKeys.js';
import { parseDoc, toJob, toPolicy } from './rows.js';
import type { JobRow } from './rows.js';
import { ADDED_COLUMNS, SCHEMA_SQL, SLA_INDEXES_SQL, migrateApplicants } from './schema.js';
import { lookUpApplicant } from '../shared/applicantIndex.js';
import { prepareStatements } from './statements.js';
import type { Statements } from './statements.js';
import { openFile } from './openFile.js';
import { sqliteUnavailable } from './sqliteUnavailable.js';
import { StoreFileGuard } from './StoreFileGuard.js';
import { WalSync } from './WalSync.js';
import { unpackHistory, type HistoryRow } from '../shared/historyRows.js';
import { taskQuerySql, whereClause } from './taskQuery.js';
import { receiveMessageOnPort, type MessagePort, type Worker, type WorkerPerformance } from 'node:worker_threads';
import { revived, startWriter, type WriterReply } from './writerProtocol.js';
import { writeTransactions } from './writeTransactions.js';
import { prepareBatch, type PreparedBatch } from './preparedBatch.js';

export interface SqliteStoreOptions {
  /**
   * `full` (default): the WAL is synced to the disk before a commit is answered, so an
   * acknowledged step survives a power cut or an OS crash, not only a killed process. With group
   * commit (below) one sync covers every unit of the group, and it runs off the event loop
   * (WalSync.ts: SQLite commits with NORMAL, a thread of the store's own syncs the WAL file), so the
   * engine goes on stepping while the disk works. A file that cannot be in WAL mode gets
   * SQLite's own FULL.
   * `normal`: in WAL mode a commit survives a killed process (the WAL is in the OS page cache);
   * an OS crash or power loss may lose the last commits; faster for one writer at a time.
   */
  readonly synchronous?: 'normal' | 'full';
  /**
   * Group commit (default on): the units of work that reach `commit` in the same turn of the
   * event loop (concurrent commands on this engine) are applied in ONE SQLite transaction, each
   * inside its own SAVEPOINT: a unit whose guard fails (a stale version: ConflictError) or that
   * throws is rolled back alone and its caller gets the error (transact retries a conflict
   * alone); the others commit. Every caller is answered only after the group's COMMIT (and its
   * sync, with `full`). `false`:
   * one transaction per unit, applied at once.
   */
  readonly groupCommit?: boolean;
  /**
   * `thread`: group commits are applied by a writer thread of their own (writerThread.ts) on a
   * second connection to the file — the units' statements and the COMMIT run beside the steps
   * instead of on the event loop (the WAL's sync on its own thread, as with `main`); the store's
   * other writes and every read stay on the main connection (WAL: one writer at a time, readers
   * never wait). Same guarantees and answers as `main` (the default). A file only, with group commit; `:memory:` cannot be shared.
   */
  readonly writer?: 'main' | 'thread';
  /** With `full` on a WAL file: a pause before each sync of the WAL (WalSync.ts), a slow disk for tests and drills. */
  readonly walSyncDelayMs?: number;
  /**
   * WAL pages after which a commit copies the WAL back into the database file (SQLite's
   * `wal_autocheckpoint`, on every connection of the store). Default `DEFAULT_WAL_CHECKPOINT_PAGES`.
   */
  readonly walCheckpointPages?: number;
  /** Called after each transaction the store commits for `commit` calls: how many units it held and how many of them were rolled back. */
  readonly onTransaction?: (info: { readonly units: number; readonly failed: number }) => void;
  /** Called once a group's callers are answered (group commit): where its time went (GroupPhases), for a benchmark or an operator's probe. */
  readonly onGroupPhases?: (phases: GroupPhases) => void;
  /**
   * Called once the writer thread (`writer: 'thread'`) has started, with its performance
   * measures: how busy it is (`eventLoopUtilization()`), for a benchmark or an operator's probe.
   */
  readonly onWriterThread?: (writer: WorkerPerformance) => void;
}

/**
 * Where a group's time went, in ms: from its first unit until it was handed to be written
 * (`forming`), until the writer took it (`waiting`: the writer thread busy with the group before;
 * 0 on the event loop), its statements and COMMIT (`writing`), and from the COMMIT until the
 * WAL's sync covering it returned and its callers were answered (`syncing`).
 */
export interface GroupPhases {
  readonly units: number;
  readonly formingMs: number;
  readonly waitingMs: number;
  readonly writingMs: number;
  readonly syncingMs: number;
}

/** When a group began and was handed over (performance.now() of this thread). */
interface GroupClock {
  readonly startedAt: number;
  readonly handedAt: number;
}

/** The same, with when the writer took it and when its COMMIT returned (on this thread's clock). */
interface WrittenClock extends GroupClock {
  readonly tookAt: number;
  readonly wroteAt: number;
}

/** What `synchronous` is when the options do not say. */
export const DEFAULT_SYNCHRONOUS: 'normal' | 'full' = 'full';
/**
 * 8,000 pages (32 MiB with 4 KiB pages) rather than SQLite's 1,000: a step rewrites the same hot
 * pages (the tasks' and the audit's index leaves) that the steps before it did, and a checkpoint
 * copies each page once however often the WAL holds it, so checkpointing an eighth as often copies
 * far fewer pages in all and takes the writer's two fsyncs of a checkpoint an eighth as often.
 * Measured on the national day (10,000 applications, 50 workers, paired): the writer thread
 * 1,145 / 1,117 / 1,139 → 1,205 / 1,193 / 1,203 applications/s (+5 %), its busy share 62 → 56 %;
 * the writer on the event loop 995 → 1,048. 4,000 against 8,000, two pairs: 1,183 / 1,152
 * against 1,200 / 1,274; 16,000 and 32,000, single runs, no better than 8,000.
 */
export const DEFAULT_WAL_CHECKPOINT_PAGES = 8000;

/** A unit of work waiting for the next group transaction. */
interface PendingUnit {
  readonly batch: PreparedBatch;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  error?: unknown;
}

/** Taken at load: a test that fakes the timers later must not stall the commits. */
const nextTurn = setImmediate;

const DEFAULT_LIMIT = 1000;
/**
 * Units a group holds before it is handed to the writer thread mid-turn, so the thread commits
 * one group while this thread steps the next. Measured on the national day (50 workers, 5,000
 * applications): 10 → 639 applications/s, 20 → 738, 25 → 829, 35 → 768; the whole turn's
 * group (no mid-turn hand-off) 582, below the writer on the event loop (630), because nothing
 * overlapped.
 */
const THREAD_GROUP_UNITS = 25;
/** Several processes may share the file: a writer waits this long for another's transaction. */
const BUSY_TIMEOUT_MS = 5000;

export function sqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  return new SqliteStore(path, options);
}

class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private db: Database.Database | undefined;
  private stmts: Statements | undefined;
  private keys: IdempotencyStatements | undefined;
  private outboxRows: SqliteOutbox | undefined;
  /** Statements for the optional-filter queries, prepared once per filter shape. */
  private readonly shaped = new Map<string, Statement<unknown[], string>>();
  private applyBatch: ((batch: PreparedBatch) => void) | undefined;
  /** Applies a group of units in one IMMEDIATE transaction (writeTransactions.ts). */
  private applyGroup: ((units: readonly PendingUnit[]) => void) | undefined;
  /** Units waiting for the next group transaction (group commit). */
  private pending: PendingUnit[] = [];
  private acquire: ((request: AcquireJobs) => JobRecord[]) | undefined;
  /** Notices the file deleted, replaced or out of room under us; none for `:memory:`. */
  private guard: StoreFileGuard | undefined;
  /** `synchronous: 'full'` on a WAL file: the WAL synced off the event loop before a write is answered. */
  private walSync: WalSync | undefined;
  /** The writer thread (`writer: 'thread'`), and the groups it holds, by sequence number. */
  private writer: Worker | undefined;
  /** The port the thread answers groups on (writerProtocol.ts#startWriter). */
  private replies: MessagePort | undefined;
  private readonly inFlight = new Map<number, { readonly units: PendingUnit[]; readonly clock: GroupClock }>();
  /** When the group now forming got its first unit. */
  private groupStartedAt = 0;
  private groups = 0;
  private drained: (() => void) | undefined;

  constructor(
    private readonly path: string,
    private readonly options: SqliteStoreOptions,
  ) {}

  async init(): Promise<void> {
    if (this.db) return;
    const memory = this.path === ':memory:';
    const guard = memory ? undefined : new StoreFileGuard(this.path);
    const opened = guard ? openFile(this.path, guard, () => openDatabase(this.path, this.options)) : openDatabase(this.path, this.options);
    const db = opened.db;
    this.walSync = opened.syncsWal ? new WalSync(`${this.path}-wal`, this.options.walSyncDelayMs) : undefined;
    const s = prepareStatements(db);
    const keys = prepareIdempotencyKeys(db);
    const outbox = new SqliteOutbox(db);
    this.outboxRows = outbox;
    this.db = db;
    this.stmts = s;
    this.keys = keys;
    const { apply, group } = writeTransactions(db, s, keys, outbox);
    const acquire = db.transaction((request: AcquireJobs) => acquireJobs(s, request));
    // IMMEDIATE: take the write lock up front, so two processes never both read and then
    // fail to upgrade (SQLITE_BUSY without waiting) in the middle of a batch.
    this.applyBatch = (batch) => apply.immediate(batch);
    this.applyGroup = (units) => group(units.map((unit) => unit.batch)).forEach((error, i) => (units[i]!.error = error));
    this.acquire = (request) => acquire.immediate(request);
    this.guard = guard;
    if (this.options.writer === 'thread') {
      if (memory || this.options.groupCommit === false) throw new Error(`sqlite store: writer 'thread' needs a file with group commit (${memory ? ':memory:' : 'group commit off'})`);
      // The thread commits with NORMAL and takes a ticket of the WAL's sync after each COMMIT;
      // this thread answers a group once that sync returned, as for the writer on the event loop:
      // the thread applies the next group meanwhile.
      const full = (this.options.synchronous ?? DEFAULT_SYNCHRONOUS) === 'full' && !opened.syncsWal;
      const walSync = this.walSync?.shared;
      let started: Awaited<ReturnType<typeof startWriter>>;
      try {
        started = await startWriter({ path: this.path, full, busyTimeoutMs: BUSY_TIMEOUT_MS, checkpointPages: checkpointPages(this.options), ...(walSync ? { walSync } : {}) });
      } catch (error) {
        await this.close(); // the connection and the WAL's sync thread do not outlive a failed start
        throw error;
      }
      const { worker, replies } = started;
      this.writer = worker;
      this.replies = replies;
      replies.on('message', (reply: WriterReply) => this.written(reply));
      this.writer.on('error', (error) => this.writerLost(error));
      this.writer.on('exit', (code) => this.writerLost(new Error(`the sqlite writer thread stopped (exit ${code})`)));
      this.options.onWriterThread?.(worker.performance);
    }
  }

  /** Hands a group to the writer thread; its callers are answered when the thread has committed it. */
  private post(units: PendingUnit[], clock: GroupClock): void {
    try {
      this.guard?.assertNotLost();
      const seq = ++this.groups;
      // Held only once it left: a batch that cannot be cloned throws here, and is answered below.
      this.writer!.postMessage({ type: 'group', seq, batches: units.map((u) => u.batch) });
      this.inFlight.set(seq, { units, clock });
    } catch (error) {
      for (const unit of units) unit.reject(this.unavailable(error));
    }
  }

  /**
   * Takes the thread's answers that are waiting, now: called at every commit, so a group the
   * thread has committed is synced and answered while this thread is still stepping the units of
   * a busy turn, not only when the event loop next comes round to the port. Measured on the
   * national day (writer thread, 5,000 applications): from the thread posting an answer to this
   * store taking it, 0.69–0.75 ms through the listener alone, 0.29–0.33 ms with this.
   */
  private takeAnswers(): void {
    const replies = this.replies;
    if (!replies) return;
    for (let taken = receiveMessageOnPort(replies); taken; taken = receiveMessageOnPort(replies)) this.written(taken.message as WriterReply);
  }

  /** The thread's answer for one group (committed and synced, or rolled back whole). */
  private written(reply: WriterReply): void {
    const held = this.inFlight.get(reply.seq);
    if (!held) return;
    this.inFlight.delete(reply.seq);
    const { units, clock } = held;
    if ('failed' in reply) {
      const error = this.unavailable(revived(reply.failed));
      for (const unit of units) unit.reject(error);
    } else {
      try {
        this.guard?.assertFilesInPlace();
        this.guard?.wrote();
      } catch (error) {
        for (const unit of units) unit.reject(error);
        return this.settled();
      }
      reply.errors.forEach((error, i) => {
        if (error) units[i]!.error = revived(error);
      });
      // the thread's clock is the same wall clock as this one's (timeOrigin + now, each its own origin)
      const took = reply.took - performance.timeOrigin;
      const wrote = reply.wrote - performance.timeOrigin;
      this.committed(units, reply.ticket, { ...clock, tookAt: Math.max(clock.handedAt, took), wroteAt: Math.max(clock.handedAt, wrote) });
    }
    this.settled();
  }

  /** The thread died: every group it held fails (its callers retry or report), later commits too. */
  private writerLost(error: unknown): void {
    if (!this.writer) return;
    this.writer = undefined;
    this.replies?.close();
    this.replies = undefined;
    for (const { units } of this.inFlight.values()) for (const unit of units) unit.reject(this.unavailable(error));
    this.inFlight.clear();
    this.settled();
  }

  private settled(): void {
    if (this.inFlight.size === 0) this.drained?.();
  }

  async health(): Promise<StoreHealth> {
    const problem = this.guard?.problem();
    return problem ? { ok: false, problem } : { ok: true };
  }

  /**
   * Runs a write; SQLite's and the disk's refusals become StoreUnavailableError, and a write
   * that landed in a file no longer at its path is refused before anyone is told it succeeded.
   */
  private write<T>(run: () => T): T {
    const guard = this.guard;
    guard?.assertNotLost();
    let result: T;
    try {
      result = run();
    } catch (error) {
      throw guard ? guard.failed(error) : (sqliteUnavailable(error, this.path) ?? error);
    }
    guard?.assertFilesInPlace();
    guard?.wrote();
    return result;
  }

  async close(): Promise<void> {
    this.flush(); // units already handed to commit are answered, not dropped
    const writer = this.writer;
    if (writer) {
      if (this.inFlight.size) await new Promise<void>((resolve) => (this.drained = resolve));
      this.writer = undefined;
      const exited = new Promise((resolve) => writer.once('exit', resolve));
      writer.postMessage({ type: 'close' });
      await exited;
      this.replies?.close();
      this.replies = undefined;
    }
    await this.walSync?.close();
    this.walSync = undefined;
    this.db?.close();
    this.db = undefined;
    this.stmts = undefined;
    this.keys = undefined;
    this.outboxRows = undefined;
    this.shaped.clear();
    this.guard = undefined;
  }

  private get s(): Statements {
    if (!this.stmts) throw new Error('sqlite store: call init() first');
    this.guard?.assertNotLost();
    return this.stmts;
  }

  async commit(batch: CommitBatch): Promise<void> {
    const apply = this.applyBatch;
    if (!apply) throw new Error('sqlite store: call init() first');
    const prepared = prepareBatch(batch);
    if (this.options.groupCommit === false) {
      this.write(() => apply(prepared));
      this.options.onTransaction?.({ units: 1, failed: 0 });
      return this.durable();
    }
    this.takeAnswers();
    this.walSync?.poll();
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ batch: prepared, resolve, reject });
      // The first unit of a group schedules its transaction for the end of this turn of the
      // event loop: every command that reaches its commit meanwhile joins it.
      if (this.pending.length === 1) {
        this.groupStartedAt = performance.now();
        nextTurn(() => this.flush());
      }
      // With the writer thread, a group leaves once it is this big: the thread commits it while
      // this thread steps the next units, instead of waiting for the end of the turn.
      else if (this.writer && this.pending.length >= THREAD_GROUP_UNITS) this.flush();
    });
  }

  /** Commits the waiting units as one transaction, then answers each (after the COMMIT). */
  private flush(): void {
    const units = this.pending;
    if (units.length === 0) return;
    this.pending = [];
    const clock = { startedAt: this.groupStartedAt, handedAt: performance.now() };
    if (this.options.writer === 'thread') {
      if (this.writer) return this.post(units, clock);
      for (const unit of units) unit.reject(new Error('sqlite store: the writer thread is gone (closed, or it failed): no commit is possible'));
      return;
    }
    const group = this.applyGroup;
    try {
      if (!group) throw new Error('sqlite store: closed before the commit');
      this.write(() => group(units));
    } catch (error) {
      for (const unit of units) unit.reject(error);
      return;
    }
    this.committed(units, undefined, { ...clock, tookAt: clock.handedAt, wroteAt: performance.now() });
  }

  /**
   * A group's COMMIT returned (on this thread, or on the writer's, which took `ticket` of the
   * WAL's sync after it): each caller hears once the group is on the disk, when the WAL's sync
   * covering it returned; meanwhile the next group forms and commits.
   */
  private committed(units: readonly PendingUnit[], ticket: number | undefined, clock: WrittenClock): void {
    const failed = this.reported(units);
    if (failed === units.length || !this.walSync) return this.answer(units, clock);
    this.durable(ticket).then(() => this.answer(units, clock), (error: unknown) => {
      for (const unit of units) unit.reject(unit.error === undefined ? error : this.unavailable(unit.error));
    });
  }

  /** Tells `onTransaction` of a committed group: its units and how many were rolled back alone. */
  private reported(units: readonly PendingUnit[]): number {
    const failed = units.filter((unit) => unit.error !== undefined).length;
    this.options.onTransaction?.({ units: units.length, failed });
    return failed;
  }

  /** Answers each unit of a committed group: kept, or the error it was rolled back alone for; then tells where the group's time went. */
  private answer(units: readonly PendingUnit[], clock: WrittenClock): void {
    for (const unit of units) {
      if (unit.error === undefined) unit.resolve();
      else unit.reject(this.unavailable(unit.error));
    }
    const at = performance.now();
    this.options.onGroupPhases?.({ units: units.length, formingMs: clock.handedAt - clock.startedAt, waitingMs: clock.tookAt - clock.handedAt, writingMs: clock.wroteAt - clock.tookAt, syncingMs: at - clock.wroteAt });
  }

  /** A write outside `commit` (leases, deliveries), answered once it is on the disk as a commit is. */
  private async writeSynced<T>(run: () => T): Promise<T> {
    const result = this.write(run);
    await this.durable();
    return result;
  }

  /**
   * Resolves once what this store has committed is on the disk (at once unless the WAL is synced
   * here): everything before this call, or what a writer thread's `ticket` covers.
   */
  private durable(ticket?: number): Promise<void> {
    const sync = this.walSync;
    if (!sync) return Promise.resolve();
    return (ticket === undefined ? sync.sync() : sync.wait(ticket)).catch((error: unknown) => {
      throw this.unavailable(error);
    });
  }

  /** SQLite's and the disk's refusals as StoreUnavailableError; other errors as they are. */
  private unavailable(error: unknown): unknown {
    return this.guard ? this.guard.failed(error) : (sqliteUnavailable(error, this.path) ?? error);
  }

  async getDefinition(id: string): Promise<DefinitionRecord | undefined> {
    return parseMaybe(this.s.getDefinition.get(id));
  }

  async latestDefinition(key: string): Promise<DefinitionRecord | undefined> {
    return parseMaybe(this.s.latestDefinition.get(key));
  }

  async findDefinitionByHash(key: string, hash: string): Promise<DefinitionRecord | undefined> {
    return parseMaybe(this.s.definitionByHash.get(key, hash));
  }

  async listDefinitions(key?: string): Promise<DefinitionRecord[]> {
    const docs = key === undefined ? this.s.latestDefinitions.all() : this.s.definitionVersions.all(key);
    return docs.map((doc) => parseDoc<DefinitionRecord>(doc));
  }

  async listDefinitionIds(key?: string): Promise<string[]> {
    return key === undefined ? this.s.latestDefinitionIds.all() : this.s.definitionVersionIds.all(key);
  }

  async getInstance(id: string): Promise<InstanceRecord | undefined> {
    return parseMaybe(this.s.getInstance.get(id));
  }

  async getInstanceByTrackingNumber(trackingNumber: string): Promise<InstanceRecord | undefined> {
    return parseMaybe(this.s.instanceByTracking.get(trackingNumber));
  }

  async listInstances(query: InstanceQuery): Promise<InstanceRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.key !== undefined) where.push('key = ?'), params.push(query.key);
    if (query.status !== undefined) where.push('status = ?'), params.push(query.status);
    params.push(Math.max(0, query.limit ?? DEFAULT_LIMIT)); // LIMIT -1 would mean no limit
    const sql = `SELECT doc FROM instances ${whereClause(where)} ORDER BY started_at, id LIMIT ?`;
    return this.shape(sql).all(...params).map((doc) => parseDoc<InstanceRecord>(doc));
  }

  async findInstancesByApplicant(query: ApplicantLookup): Promise<InstanceRecord[]> {
    return lookUpApplicant(query, async (key, after, limit) => {
      const page = { at: after.startedAt, id: after.id, limit };
      const docs = key.kind === 'iin' ? this.s.applicantsByIin.all({ ...page, term: key.term }) : this.s.applicantsByName.all({ ...page, from: key.from, to: key.to });
      return docs.map((doc) => parseDoc<InstanceRecord>(doc));
    });
  }

  async getTask(id: string): Promise<TaskRecord | undefined> {
    return parseMaybe(this.s.getTask.get(id));
  }

  async findTasks(query: TaskQuery): Promise<TaskRecord[]> {
    const { sql, params, take } = taskQuerySql(query, DEFAULT_LIMIT);
    const docs = this.shape(sql).all(...params);
    return (take === undefined || docs.length <= take ? docs : docs.slice(0, take)).map((doc) => parseDoc<TaskRecord>(doc));
  }

  async acquireJobs(request: AcquireJobs): Promise<JobRecord[]> {
    const acquire = this.acquire;
    if (!acquire) throw new Error('sqlite store: call init() first');
    if (request.limit <= 0) return [];
    return this.writeSynced(() => acquire(request));
  }

  /** A release by an owner who lost the lease changes nothing: the new holder has the job. */
  async releaseJob(id: string, owner: string, retry: { dueAt: string; error: string }): Promise<void> {
    const s = this.s;
    await this.writeSynced(() => s.releaseJob.run(retry.dueAt, retry.error, id, owner));
  }

  /** The earliest instant a job can be acquired: its dueAt, or the end of its lease if later. */
  async nextJobDue(): Promise<string | undefined> {
    const free = this.s.nextFreeJob.get();
    const leased = this.s.nextLeasedJob.get();
    if (free === undefined) return leased;
    if (leased === undefined) return free;
    return leased < free ? leased : free;
  }

  async listJobs(filter: { instanceId?: string; definitionId?: string }): Promise<JobRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.instanceId !== undefined) where.push('instance_id = ?'), params.push(filter.instanceId);
    if (filter.definitionId !== undefined) where.push('definition_id = ?'), params.push(filter.definitionId);
    const sql = `SELECT * FROM jobs ${whereClause(where)} ORDER BY due_at, id`;
    const rows = (this.shape(sql) as unknown as Statement<unknown[], JobRow>).all(...params);
    return rows.map((row) => toJob(row));
  }

  async findSlaCrossings(query: SlaCrossingQuery): Promise<TaskRecord[]> {
    return this.s.taskSlaCrossings.all(sweepParams(query)).map((doc) => parseDoc<TaskRecord>(doc));
  }

  async findInstanceSlaCrossings(query: SlaCrossingQuery): Promise<InstanceRecord[]> {
    return this.s.instanceSlaCrossings.all(sweepParams(query)).map((doc) => parseDoc<InstanceRecord>(doc));
  }

  async countOpenTasks(assignees: readonly string[]): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const assignee of assignees) {
      const n = this.s.openTaskCount.get(assignee) ?? 0;
      if (n > 0) counts[assignee] = n;
    }
    return counts;
  }

  async getPolicy<T>(kind: PolicyKind, id: string): Promise<PolicyRecord<T> | undefined> {
    const row = this.s.getPolicy.get(kind, id);
    return row ? toPolicy<T>(row) : undefined;
  }

  async listPolicies<T>(kind: PolicyKind): Promise<PolicyRecord<T>[]> {
    return this.s.listPolicies.all(kind).map((row) => toPolicy<T>(row));
  }

  async policyVersions<T>(kind: PolicyKind, id: string): Promise<PolicyRecord<T>[]> {
    return this.s.policyVersions.all(kind, id).map((row) => toPolicy<T>(row));
  }

  async getIdempotencyKey(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    if (!this.keys) throw new Error('sqlite store: call init() first');
    return readIdempotencyKey(this.keys, scope, key);
  }

  async history(instanceId: string): Promise<HistoryEntry[]> {
    // Each row holds the entries of one commit, in order (see applyBatch).
    return this.s.history.all(instanceId).flatMap((doc) => unpackHistory(instanceId, parseDoc<HistoryRow | HistoryEntry[] | HistoryEntry>(doc)));
  }

  async audit(query: { subject?: string; afterSeq?: number; limit?: number }): Promise<AuditEntry[]> {
    const after = query.afterSeq ?? 0;
    const limit = Math.max(0, query.limit ?? DEFAULT_LIMIT);
    const docs =
      query.subject === undefined
        ? this.s.audit.all(after, limit)
        : this.s.auditBySubject.all(query.subject, after, limit);
    return docs.map((doc) => parseDoc<AuditEntry>(doc));
  }

  async auditRows(query: { afterSeq: number; limit: number }): Promise<StoredAuditRow[]> {
    return this.s.auditRows.all(query.afterSeq, query.limit).map(({ doc, ...columns }) => ({ entry: parseDoc<AuditEntry>(doc), columns }));
  }

  async keptMessages(query: { readonly instanceId: string; readonly name: string; readonly now: string }): Promise<MessageRecord[]> {
    return this.s.keptMessages.all(query.instanceId, query.name, query.now).map((doc) => parseDoc<MessageRecord>(doc));
  }

  async signalWaiters(query: { readonly name: string; readonly after?: string; readonly limit: number }): Promise<string[]> {
    return this.s.signalWaiters.all(query.name, query.after ?? '', query.limit);
  }

  async notifications(instanceId: string): Promise<NotificationRecord[]> {
    return this.s.notifications.all(instanceId).map((doc) => parseDoc<NotificationRecord>(doc));
  }
  private get outbox(): SqliteOutbox {
    if (!this.outboxRows) throw new Error('sqlite store: call init() first');
    return this.outboxRows;
  }

  async acquireDeliveries(request: AcquireDeliveries): Promise<DeliveryRecord[]> {
    const outbox = this.outbox;
    if (request.limit <= 0) return [];
    return this.writeSynced(() => outbox.acquire(request));
  }

  async settleDelivery(id: string, owner: string, outcome: DeliveryOutcome): Promise<boolean> {
    const outbox = this.outbox;
    return this.writeSynced(() => outbox.settleDelivery(id, owner, outcome));
  }

  async getDelivery(id: string): Promise<DeliveryRecord | undefined> {
    return this.outbox.getDelivery(id);
  }

  async listDeliveries(query: { readonly state?: DeliveryFilter; readonly limit: number }): Promise<DeliveryRecord[]> {
    return this.outbox.listDeliveries(query);
  }

  async countDeliveries(): Promise<DeliveryCounts> {
    return this.outbox.countDeliveries();
  }



  async attachments(instanceId: string): Promise<AttachmentRecord[]> {
    return this.s.attachments.all(instanceId).map((doc) => parseDoc<AttachmentRecord>(doc));
  }

  async attachmentContent(instanceId: string, attachmentId: string): Promise<Uint8Array | undefined> {
    const content = this.s.attachmentContent.get(instanceId, attachmentId);
    return content === undefined ? undefined : new Uint8Array(content);
  }

  private shape(sql: string): Statement<unknown[], string> {
    this.guard?.assertNotLost();
    let stmt = this.shaped.get(sql);
    if (!stmt) {
      if (!this.db) throw new Error('sqlite store: call init() first');
      stmt = this.db.prepare<unknown[], string>(sql);
      if (sql.startsWith('SELECT doc')) stmt.pluck();
      this.shaped.set(sql, stmt);
    }
    return stmt;
  }
}

/**
 * Opens and prepares the database (WAL, schema, migrations); `openFile` names what goes wrong
 * with a file. `syncsWal`: `full` on a file in WAL mode is SQLite's NORMAL plus the store's own
 * sync of the WAL before it answers (WalSync.ts); where WAL cannot be had, SQLite's FULL.
 */
function openDatabase(path: string, options: SqliteStoreOptions): { db: Database.Database; syncsWal: boolean } {
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    const wal = path !== ':memory:' && db.pragma('journal_mode = WAL', { simple: true }) === 'wal';
    const full = (options.synchronous ?? DEFAULT_SYNCHRONOUS) === 'full';
    // Group commit runs each unit in a SAVEPOINT, and SQLite keeps a copy of every page a unit
    // changes that an earlier unit of the group had changed (to roll that unit back alone) in a
    // statement journal: a temp file past 64 KiB. In memory: measured on the national day, the
    // process wrote 120 KB per step with the file (five sixths of it to those journals), 20 KB
    // per step without.
    db.pragma('temp_store = MEMORY');
    db.pragma(`synchronous = ${full && !wal ? 'FULL' : 'NORMAL'}`);
    db.pragma(`wal_autocheckpoint = ${checkpointPages(options)}`);
    db.exec(SCHEMA_SQL);
    migrate(db);
    return { db, syncsWal: full && wal };
  } catch (error) {
    db.close();
    throw error;
  }
}

function acquireJobs(s: Statements, request: AcquireJobs): JobRecord[] {
  const { now, owner, lockedUntil } = request;
  let rows: JobRow[];
  if (request.id === undefined) {
    rows = s.dueJobs.all(now, now, request.limit);
  } else {
    const row = s.dueJob.get(request.id, now, now);
    rows = row ? [row] : [];
  }
  for (const row of rows) s.lockJob.run(owner, lockedUntil, row.id);
  return rows.map((row) => toJob(row, { owner, lockedUntil }));
}

function sweepParams(query: SlaCrossingQuery): { now: string; limit: number } {
  return { now: query.now, limit: Math.max(0, query.limit) };
}

/** Adds columns that later schema versions introduced, then the indexes over them. */
function migrate(db: Database.Database): void {
  for (const [table, column, definition] of ADDED_COLUMNS) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
  db.exec(SLA_INDEXES_SQL);
  migrateApplicants(db);
}

function parseMaybe<T>(doc: string | undefined): T | undefined {
  return doc === undefined ? undefined : parseDoc<T>(doc);
}

/** The WAL's checkpoint interval in pages: a positive whole number (0 would let the WAL grow for ever). */
function checkpointPages(options: SqliteStoreOptions): number {
  const pages = options.walCheckpointPages ?? DEFAULT_WAL_CHECKPOINT_PAGES;
  if (!Number.isInteger(pages) || pages < 1) throw new Error(`sqlite store: walCheckpointPages must be a whole number of pages from 1, not ${pages}`);
  return pages;
}
