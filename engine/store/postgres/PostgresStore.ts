/**
 * The multi-node store: PostgreSQL through node-postgres (`pg.Pool`). Any number of Tereze
 * nodes share one database: a commit is one transaction whose guards are versioned updates,
 * jobs are leased with `FOR UPDATE SKIP LOCKED` (two pollers never take the same job), the audit
 * chain is appended under one advisory lock, and LISTEN/NOTIFY carries live updates to every
 * node. The SLA sweep is safe with every node polling: a flag is a versioned task/instance
 * update, so of two nodes flagging one crossing one commits and the other gets a ConflictError.
 */
import { PostgresOutbox } from './notificationOutbox.js';
import pg from 'pg';
import type { PoolClient, PoolConfig, QueryResultRow } from 'pg';
import type {
  AcquireJobs,
  ApplicantLookup,
  AuditEntry,
  AuditInput,
  CommitBatch,
  DefinitionRecord,
  HistoryEntry,
  IdempotencyRecord,
  InstanceQuery,
  InstanceRecord,
  JobRecord,
  MessageRecord,
  NotificationRecord,
  AttachmentRecord,
  PolicyKind,
  PolicyRecord,
  SlaCrossingQuery,
  Store,
  StoreChange,
  StoreHealth,
  StoreWatch,
  StoredAuditRow,
  TaskQuery,
  TaskRecord,
} from '../port.js';
import { StoreUnavailableError } from '../../errors.js';
import { appendAudit, applyBatch } from './applyBatch.js';
import { channelOf, listenForChanges, notifyChanges, type ChangedIds } from './changeFeed.js';
import { postgresConflict, postgresRefused, postgresUnavailable } from './postgresUnavailable.js';
import { toJob, toPolicy, type JobRow, type PolicyRow } from './rows.js';
import { ident, migrate } from './schema.js';
import { unpackHistory, type HistoryRow } from '../shared/historyRows.js';
import { lookUpApplicant } from '../shared/applicantIndex.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`. */
  readonly url: string;
  /** The schema holding Tereze's tables (default `tereze`): several stores may share a database. */
  readonly schema?: string;
  /** Connections per node (default 10). */
  readonly poolSize?: number;
  /** How the connections are named in pg_stat_activity (default `tereze`): which node is which. */
  readonly applicationName?: string;
  /**
   * Group commit (default on): the units of work waiting to commit on this node go in one
   * transaction (a unit whose guard fails, or that throws, is rolled back alone — the group is
   * run again with a SAVEPOINT per unit — and its caller gets the error; the others commit). At most
   * MAX_GROUPS_IN_FLIGHT groups commit at once; units arriving meanwhile form the next group.
   * Every caller is answered after its group's COMMIT. `false`: one transaction per unit.
   */
  readonly groupCommit?: boolean;
  /** Called after each transaction committed for `commit` calls: how many units it held and how many were rolled back. */
  readonly onTransaction?: (info: { readonly units: number; readonly failed: number }) => void;
}

/** A unit of work waiting for a group transaction. */
interface PendingUnit {
  readonly batch: CommitBatch;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  error?: unknown;
}

/** Groups one node commits at the same time (each on its own connection). */
const MAX_GROUPS_IN_FLIGHT = 2;
/** Taken at load: a test that fakes the timers later must not stall the commits. */
const nextTurn = setImmediate;

const DEFAULT_LIMIT = 1000;
const HEALTH_TIMEOUT_MS = 2_000;
const CONNECT_TIMEOUT_MS = 5_000;

export function postgresStore(options: string | PostgresStoreOptions): Store {
  return new PostgresStore(typeof options === 'string' ? { url: options } : options);
}

/** One IIN: one range of the applicants key, read backwards from the cursor (store/shared/applicantIndex.ts). */
const APPLICANTS_BY_IIN = `SELECT i.doc FROM applicants a JOIN instances i ON i.id = a.instance_id
  WHERE a.kind = 'iin' AND a.term = $1 AND (a.started_at, a.instance_id) < ($2, $3)
  ORDER BY a.started_at DESC, a.instance_id DESC LIMIT $4`;
/** A name prefix: a range of terms, its index entries sorted by age (an instance once), then only the page's documents read. */
const APPLICANTS_BY_NAME = `SELECT i.doc FROM (
    SELECT DISTINCT started_at, instance_id FROM applicants
    WHERE kind = 'name' AND term >= $1 AND term < $2 AND (started_at, instance_id) < ($3, $4)
    ORDER BY started_at DESC, instance_id DESC LIMIT $5
  ) a JOIN instances i ON i.id = a.instance_id ORDER BY a.started_at DESC, a.instance_id DESC`;

/** Thrown out of a group's transaction without savepoints when one of its units failed. */
const UNIT_FAILED = new Error('a unit of the group failed');

class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private readonly schema: string;
  private readonly config: PoolConfig;
  private pool: pg.Pool | undefined;
  private readonly groupCommit: boolean;
  private readonly onTransaction: PostgresStoreOptions['onTransaction'];
  /** Units waiting for the next group, and the groups committing now. */
  private pending: PendingUnit[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** The last group needed savepoints (a unit of it failed): the next one starts with them. */
  private savepoints = false;

  constructor(options: PostgresStoreOptions) {
    this.groupCommit = options.groupCommit ?? true;
    this.onTransaction = options.onTransaction;
    this.schema = options.schema ?? 'tereze';
    this.config = {
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: options.applicationName ?? 'tereze',
      // every connection works in the store's schema
      options: `-c search_path=${ident(this.schema)}`,
    };
  }

  async init(): Promise<void> {
    if (this.pool) return;
    const pool = new pg.Pool(this.config);
    // An idle connection the server closed (a restart): the pool drops it and opens another.
    pool.on('error', () => {});
    // A checked-out connection has no listener of the pool's (pg-pool removes it at checkout):
    // one the server drops between two queries of a transaction (a restart) would emit an
    // unheard 'error' and end the process. Heard here, the next query fails instead, as
    // StoreUnavailableError, and `transaction` discards the connection.
    pool.on('connect', (client) => client.on('error', () => {}));
    try {
      const client = await pool.connect();
      try {
        await migrate(client, this.schema);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => {});
      throw postgresUnavailable(error) ?? error;
    }
    this.pool = pool;
  }

  async close(): Promise<void> {
    // Units already handed to commit are answered before the pool goes.
    while (this.pending.length || this.inFlight) await new Promise((resolve) => nextTurn(resolve));
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }

  private get p(): pg.Pool {
    if (!this.pool) throw new Error('postgres store: call init() first');
    return this.pool;
  }

  /** A read; connection failures become StoreUnavailableError. */
  private async rows<R extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.p.query<R>(sql, params)).rows;
    } catch (error) {
      throw postgresUnavailable(error) ?? error;
    }
  }

  private async docs<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.rows<{ doc: T }>(sql, params)).map((r) => r.doc);
  }

  private async doc<T>(sql: string, params: unknown[]): Promise<T | undefined> {
    return (await this.docs<T>(sql, params))[0];
  }

  /** Runs `body` in one transaction; the error of a failed one is named in the engine's terms. */
  private async transaction<T>(what: string, body: (c: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.p.connect();
    } catch (error) {
      throw postgresUnavailable(error) ?? error;
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await body(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      const unavailable = postgresUnavailable(error);
      if (unavailable) broken = true;
      throw unavailable ?? postgresConflict(error, what) ?? postgresRefused(error, what) ?? error;
    } finally {
      client.release(broken);
    }
  }

  async commit(batch: CommitBatch): Promise<void> {
    if (!this.groupCommit) {
      const channel = channelOf(this.schema);
      await this.transaction('commit', async (c) => {
        const changed = await applyBatch(c, batch);
        await notifyChanges(c, channel, changed);
      });
      this.onTransaction?.({ units: 1, failed: 0 });
      return;
    }
    if (!this.pool) throw new Error('postgres store: call init() first');
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ batch, resolve, reject });
      this.schedule();
    });
  }

  /** Starts a group at the end of this turn of the event loop, if a connection slot is free. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_GROUPS_IN_FLIGHT || this.pending.length === 0) return;
    this.scheduled = true;
    nextTurn(() => {
      this.scheduled = false;
      if (this.inFlight >= MAX_GROUPS_IN_FLIGHT || this.pending.length === 0) return;
      const units = this.pending;
      this.pending = [];
      this.inFlight++;
      void this.commitGroup(units).finally(() => {
        this.inFlight--;
        this.schedule();
      });
    });
  }

  /**
   * One transaction for the units; answers each after the COMMIT. It runs first without
   * savepoints (two round trips a unit); only when a unit fails is it rolled back whole and run
   * again with a SAVEPOINT per unit, so that unit alone is rolled back and answered with its
   * error. After a group that needed them the next one starts with savepoints.
   */
  private async commitGroup(units: readonly PendingUnit[]): Promise<void> {
    try {
      if (this.savepoints || !(await this.applyGroup(units, false))) {
        await this.applyGroup(units, true);
        this.savepoints = units.some((unit) => unit.error !== undefined);
      }
    } catch (error) {
      for (const unit of units) unit.reject(error);
      return;
    }
    this.onTransaction?.({ units: units.length, failed: units.filter((u) => u.error !== undefined).length });
    for (const unit of units) {
      if (unit.error === undefined) unit.resolve();
      else unit.reject(unit.error);
    }
  }

  /**
   * The group's transaction. Without savepoints a unit's failure rolls the whole back and
   * answers false (nothing kept); with them it is recorded on the unit and the others go on.
   * A lost connection fails the group either way.
   */
  private async applyGroup(units: readonly PendingUnit[], savepoints: boolean): Promise<boolean> {
    const channel = channelOf(this.schema);
    try {
      await this.transaction('commit', async (c) => {
        const changed: ChangedIds = { tasksCreated: [], tasksChanged: [], instancesStarted: [], instancesChanged: [] };
        const audit: AuditInput[] = [];
        for (const unit of units) {
          unit.error = undefined;
          if (savepoints) await c.query('SAVEPOINT unit');
          try {
            const ids = await applyBatch(c, unit.batch, { deferAudit: true });
            if (savepoints) await c.query('RELEASE SAVEPOINT unit');
            audit.push(...(unit.batch.audit ?? []));
            for (const part of Object.keys(changed) as (keyof ChangedIds)[]) changed[part].push(...ids[part]);
          } catch (error) {
            if (postgresUnavailable(error)) throw error;
            if (!savepoints) throw UNIT_FAILED;
            await c.query('ROLLBACK TO SAVEPOINT unit');
            await c.query('RELEASE SAVEPOINT unit');
            unit.error = postgresConflict(error, 'commit') ?? postgresRefused(error, 'commit') ?? error;
          }
        }
        // The units' audit entries last, in their order: the audit lock from here to COMMIT only.
        await appendAudit(c, audit);
        await notifyChanges(c, channel, changed);
      });
      return true;
    } catch (error) {
      if (error === UNIT_FAILED) return false;
      throw error;
    }
  }

  /** Answers within HEALTH_TIMEOUT_MS; a replica (in recovery) cannot keep a change. */
  async health(): Promise<StoreHealth> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError({ reason: 'the database server cannot be reached', detail: `no answer within ${HEALTH_TIMEOUT_MS} ms`, retryAfterSeconds: 10 })), HEALTH_TIMEOUT_MS);
    });
    try {
      const [row] = await Promise.race([this.rows<{ replica: boolean }>('SELECT pg_is_in_recovery() AS replica'), timeout]);
      if (row?.replica) return { ok: false, problem: new StoreUnavailableError({ reason: 'the database is read-only (a replica, or a primary in recovery)', retryAfterSeconds: 10 }) };
      return { ok: true };
    } catch (error) {
      const problem = postgresUnavailable(error);
      if (!problem) throw error;
      return { ok: false, problem };
    } finally {
      clearTimeout(timer);
    }
  }

  async getDefinition(id: string): Promise<DefinitionRecord | undefined> {
    return this.doc('SELECT doc FROM definitions WHERE id = $1', [id]);
  }

  async latestDefinition(key: string): Promise<DefinitionRecord | undefined> {
    return this.doc('SELECT doc FROM definitions WHERE key = $1 ORDER BY version DESC LIMIT 1', [key]);
  }

  async findDefinitionByHash(key: string, hash: string): Promise<DefinitionRecord | undefined> {
    return this.doc('SELECT doc FROM definitions WHERE key = $1 AND hash = $2', [key, hash]);
  }

  async listDefinitions(key?: string): Promise<DefinitionRecord[]> {
    if (key !== undefined) return this.docs('SELECT doc FROM definitions WHERE key = $1 ORDER BY version', [key]);
    return this.docs('SELECT DISTINCT ON (key) doc FROM definitions ORDER BY key, version DESC');
  }

  async listDefinitionIds(key?: string): Promise<string[]> {
    const rows =
      key !== undefined
        ? await this.rows<{ id: string }>('SELECT id FROM definitions WHERE key = $1 ORDER BY version', [key])
        : await this.rows<{ id: string }>('SELECT DISTINCT ON (key) id FROM definitions ORDER BY key, version DESC');
    return rows.map((row) => row.id);
  }

  async getInstance(id: string): Promise<InstanceRecord | undefined> {
    return this.doc('SELECT doc FROM instances WHERE id = $1', [id]);
  }

  async getInstanceByTrackingNumber(trackingNumber: string): Promise<InstanceRecord | undefined> {
    return this.doc('SELECT doc FROM instances WHERE tracking_number = $1', [trackingNumber]);
  }

  async listInstances(query: InstanceQuery): Promise<InstanceRecord[]> {
    const where = new Where();
    if (query.key !== undefined) where.add('key = ?', query.key);
    if (query.status !== undefined) where.add('status = ?', query.status);
    const limit = where.param(Math.max(0, query.limit ?? DEFAULT_LIMIT));
    return this.docs(`SELECT doc FROM instances ${where.sql()} ORDER BY started_at, id LIMIT ${limit}`, where.params);
  }

  async findInstancesByApplicant(query: ApplicantLookup): Promise<InstanceRecord[]> {
    return lookUpApplicant(query, (key, after, limit) =>
      key.kind === 'iin'
        ? this.docs(APPLICANTS_BY_IIN, [key.term, after.startedAt, after.id, limit])
        : this.docs(APPLICANTS_BY_NAME, [key.from, key.to, after.startedAt, after.id, limit]),
    );
  }

  async getTask(id: string): Promise<TaskRecord | undefined> {
    return this.doc('SELECT doc FROM tasks WHERE id = $1', [id]);
  }

  async findTasks(query: TaskQuery): Promise<TaskRecord[]> {
    const where = new Where();
    if (query.instanceId !== undefined) where.add('instance_id = ?', query.instanceId);
    if (query.assignee !== undefined) where.add('assignee = ?', query.assignee);
    if (query.candidateGroup !== undefined) where.add('candidate_group = ?', query.candidateGroup);
    if (query.centre !== undefined) where.add('centre = ?', query.centre);
    if (query.noCentre) where.add('centre IS NULL');
    const state = query.state ?? 'open';
    // 'open' as a literal, as the queues' partial indexes say it (migration 8)
    if (state === 'open') where.add("state = 'open'");
    else if (state !== 'any') where.add('state = ?', state);
    if (query.unassigned) where.add('assignee IS NULL');
    const limit = where.param(Math.max(0, query.limit ?? DEFAULT_LIMIT));
    return this.docs(`SELECT doc FROM tasks ${where.sql()} ORDER BY due_at NULLS LAST, created_at, id LIMIT ${limit}`, where.params);
  }

  /**
   * One statement: the due, free jobs are locked with SKIP LOCKED (a job another node is
   * leasing right now is passed over, not waited for) and leased in the same UPDATE.
   */
  async acquireJobs(request: AcquireJobs): Promise<JobRecord[]> {
    if (request.limit <= 0) return [];
    const byId = request.id === undefined ? '' : 'AND id = $5';
    const params: unknown[] = [request.now, request.limit, request.owner, request.lockedUntil];
    if (request.id !== undefined) params.push(request.id);
    const rows = await this.rows<JobRow>(
      `UPDATE jobs SET lock_owner = $3, locked_until = $4
       WHERE id IN (SELECT id FROM jobs WHERE due_at <= $1 AND (locked_until IS NULL OR locked_until < $1) ${byId}
                    ORDER BY due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      params,
    );
    return rows.map(toJob).sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** A release by an owner who lost the lease changes nothing: the new holder has the job. */
  async releaseJob(id: string, owner: string, retry: { dueAt: string; error: string }): Promise<void> {
    await this.rows(
      'UPDATE jobs SET due_at = $1, last_error = $2, lock_owner = NULL, locked_until = NULL, attempts = attempts + 1 WHERE id = $3 AND lock_owner = $4',
      [retry.dueAt, retry.error, id, owner],
    );
  }

  /** The earliest instant a job can be acquired: its dueAt, or the end of its lease if later. */
  async nextJobDue(): Promise<string | undefined> {
    const [row] = await this.rows<{ t: string | null }>(
      `SELECT LEAST(
         (SELECT due_at FROM jobs WHERE locked_until IS NULL ORDER BY due_at LIMIT 1),
         (SELECT GREATEST(due_at, locked_until) AS t FROM jobs WHERE locked_until IS NOT NULL ORDER BY t LIMIT 1)) AS t`,
    );
    return row?.t ?? undefined;
  }

  async listJobs(filter: { instanceId?: string; definitionId?: string }): Promise<JobRecord[]> {
    const where = new Where();
    if (filter.instanceId !== undefined) where.add('instance_id = ?', filter.instanceId);
    if (filter.definitionId !== undefined) where.add('definition_id = ?', filter.definitionId);
    return (await this.rows<JobRow>(`SELECT * FROM jobs ${where.sql()} ORDER BY due_at, id`, where.params)).map(toJob);
  }

  async findSlaCrossings(query: SlaCrossingQuery): Promise<TaskRecord[]> {
    return this.crossings('tasks', "state = 'open'", query);
  }

  async findInstanceSlaCrossings(query: SlaCrossingQuery): Promise<InstanceRecord[]> {
    return this.crossings('instances', "status = 'active'", query);
  }

  /**
   * Two range scans over the partial indexes (warning crossed, due crossed), each earliest first
   * and limited; a row in both counts once, at its earlier crossing.
   */
  private async crossings<T>(table: 'tasks' | 'instances', live: string, query: SlaCrossingQuery): Promise<T[]> {
    const limit = Math.max(0, query.limit);
    if (limit === 0) return [];
    return this.docs<T>(
      `SELECT doc FROM (
         SELECT DISTINCT ON (id) id, at, doc FROM (
           (SELECT id, warn_at AS at, doc FROM ${table} WHERE ${live} AND NOT at_risk AND warn_at IS NOT NULL AND warn_at <= $1 ORDER BY warn_at LIMIT $2)
           UNION ALL
           (SELECT id, due_at AS at, doc FROM ${table} WHERE ${live} AND NOT overdue AND due_at IS NOT NULL AND due_at <= $1 ORDER BY due_at LIMIT $2)
         ) hits ORDER BY id, at
       ) first ORDER BY at, id LIMIT $2`,
      [query.now, limit],
    );
  }

  async countOpenTasks(assignees: readonly string[]): Promise<Record<string, number>> {
    if (assignees.length === 0) return {};
    const rows = await this.rows<{ assignee: string; n: number }>(
      "SELECT assignee, COUNT(*)::int AS n FROM tasks WHERE assignee = ANY($1::text[]) AND state = 'open' GROUP BY assignee",
      [[...assignees]],
    );
    return Object.fromEntries(rows.map((r) => [r.assignee, r.n]));
  }

  async getPolicy<T>(kind: PolicyKind, id: string): Promise<PolicyRecord<T> | undefined> {
    const [row] = await this.rows<PolicyRow>('SELECT * FROM policies WHERE kind = $1 AND id = $2 ORDER BY version DESC LIMIT 1', [kind, id]);
    return row ? toPolicy<T>(row) : undefined;
  }

  async listPolicies<T>(kind: PolicyKind): Promise<PolicyRecord<T>[]> {
    const rows = await this.rows<PolicyRow>('SELECT DISTINCT ON (id) * FROM policies WHERE kind = $1 ORDER BY id, version DESC', [kind]);
    return rows.map((row) => toPolicy<T>(row));
  }

  async policyVersions<T>(kind: PolicyKind, id: string): Promise<PolicyRecord<T>[]> {
    const rows = await this.rows<PolicyRow>('SELECT * FROM policies WHERE kind = $1 AND id = $2 ORDER BY version', [kind, id]);
    return rows.map((row) => toPolicy<T>(row));
  }

  async getIdempotencyKey(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.doc('SELECT doc FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
  }

  async history(instanceId: string): Promise<HistoryEntry[]> {
    // Each row holds the entries of one commit, in order (see applyBatch).
    return (await this.docs<HistoryRow | HistoryEntry[]>('SELECT doc FROM history WHERE instance_id = $1 ORDER BY seq', [instanceId])).flatMap((doc) => unpackHistory(instanceId, doc));
  }

  async audit(query: { subject?: string; afterSeq?: number; limit?: number }): Promise<AuditEntry[]> {
    const after = query.afterSeq ?? 0;
    const limit = Math.max(0, query.limit ?? DEFAULT_LIMIT);
    if (query.subject === undefined) return this.docs('SELECT doc FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2', [after, limit]);
    return this.docs('SELECT doc FROM audit WHERE subject = $1 AND seq > $2 ORDER BY seq LIMIT $3', [query.subject, after, limit]);
  }

  async auditRows(query: { afterSeq: number; limit: number }): Promise<StoredAuditRow[]> {
    // ORDER BY the column, not an alias of a cast (which sorted every row after afterSeq).
    const rows = await this.rows<{ seq: string; subject: string; hash: string; doc: AuditEntry }>(
      'SELECT seq, subject, hash, doc FROM audit WHERE audit.seq > $1 ORDER BY audit.seq LIMIT $2',
      [query.afterSeq, Math.max(0, query.limit)],
    );
    return rows.map(({ doc, seq, ...columns }) => ({ entry: doc, columns: { ...columns, seq: Number(seq) } }));
  }

  async keptMessages(query: { readonly instanceId: string; readonly name: string; readonly now: string }): Promise<MessageRecord[]> {
    return this.docs('SELECT doc FROM kept_messages WHERE instance_id = $1 AND name = $2 AND expires_at > $3 ORDER BY published_at, id', [query.instanceId, query.name, query.now]);
  }

  async signalWaiters(query: { readonly name: string; readonly after?: string; readonly limit: number }): Promise<string[]> {
    const rows = await this.rows<{ id: string }>('SELECT id FROM instances WHERE signals @> ARRAY[$1]::text[] AND id > $2 ORDER BY id LIMIT $3', [query.name, query.after ?? '', query.limit]);
    return rows.map((r) => r.id);
  }

  async notifications(instanceId: string): Promise<NotificationRecord[]> {
    return this.docs('SELECT doc FROM notifications WHERE instance_id = $1 ORDER BY seq', [instanceId]);
  }
  private readonly outbox = new PostgresOutbox((sql, params) => this.rows(sql, params));
  acquireDeliveries: Store['acquireDeliveries'] = (request) => this.outbox.acquireDeliveries(request);
  settleDelivery: Store['settleDelivery'] = (id, owner, outcome) => this.outbox.settleDelivery(id, owner, outcome);
  getDelivery: Store['getDelivery'] = (id) => this.outbox.getDelivery(id);
  listDeliveries: Store['listDeliveries'] = (query) => this.outbox.listDeliveries(query);
  countDeliveries: Store['countDeliveries'] = () => this.outbox.countDeliveries();


  async attachments(instanceId: string): Promise<AttachmentRecord[]> {
    return this.docs('SELECT doc FROM attachments WHERE instance_id = $1 ORDER BY seq', [instanceId]);
  }

  async attachmentContent(instanceId: string, attachmentId: string): Promise<Uint8Array | undefined> {
    const rows = await this.rows<{ content: Buffer }>('SELECT content FROM attachments WHERE instance_id = $1 AND id = $2', [instanceId, attachmentId]);
    return rows[0] ? new Uint8Array(rows[0].content) : undefined;
  }

  async watch(onChange: (change: StoreChange) => void, onError: (error: unknown) => void): Promise<StoreWatch> {
    try {
      return await listenForChanges(this.config, this.schema, onChange, onError);
    } catch (error) {
      throw postgresUnavailable(error) ?? error;
    }
  }
}

/** An optional-filter WHERE clause with numbered parameters (`?` becomes `$n`). */
class Where {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  add(condition: string, value?: unknown): void {
    this.conditions.push(value === undefined ? condition : condition.replace('?', this.param(value)));
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  sql(): string {
    return this.conditions.length === 0 ? '' : `WHERE ${this.conditions.join(' AND ')}`;
  }
}
