/**
 * The scale-out store: MongoDB through the official driver. Any number of engine processes may
 * share one replica set: commits are multi-document transactions guarded by versions, jobs are
 * leased with findOneAndUpdate. Transactions need a replica set (a single node one is fine).
 */
import { Binary, MongoClient } from 'mongodb';
import { MongoOutbox } from './notificationOutbox.js';
import type { AnyBulkWriteOperation, Collection, Db, Document, Filter } from 'mongodb';
import type {
  ApplicantLookup,
  AcquireJobs,
  AuditEntry,
  StoredAuditRow,
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
  StoreHealth,
  StoreChange,
  StoreWatch,
  TaskQuery,
  TaskRecord,
} from '../port.js';
import { namedRecords } from './applyBatch.js';
import type { Collections, StoredDoc } from './applyBatch.js';
import { openChangeFeed } from './changeFeed.js';
import { commitBody } from './commitBody.js';
import { idFilter, strictFilter } from './filters.js';
import { readIdempotencyKey } from './idempotencyKeys.js';
import { COLLECTIONS, INDEXES, applicantLookupFind, slaCrossingFind } from './indexes.js';
import { applicantKeysOf, lookUpApplicant } from '../shared/applicantIndex.js';
import type { SlaCrossing } from './indexes.js';
import { fromStoredJson } from './jsonRecord.js';
import { StoreUnavailableError } from '../../errors.js';
import { mongoUnavailable } from './mongoUnavailable.js';
import { AuditRace, mongoCommitError } from './storeErrors.js';

export interface MongoStoreOptions {
  /** Default: the database named in the URI, else `tereze`. */
  readonly dbName?: string;
}

const DEFAULT_LIMIT = 1000;
const NAMESPACE_EXISTS = 48;
const AUDIT_RACE_RETRIES = 5;
/** A health check answers within this, even while the driver would wait 30 s to select a server. */
const HEALTH_TIMEOUT_MS = 2_000;
const NO_REPLICA_SET =
  'the mongo store needs a replica set (a single-node one is fine: mongod --replSet rs0, then rs.initiate()) ' +
  'or a sharded cluster, for multi-document transactions';

export function mongoStore(uri: string, options: MongoStoreOptions = {}): Store {
  return new MongoStore(uri, options);
}

class MongoStore implements Store {
  readonly kind = 'mongo' as const;
  // ignoreUndefined: an absent optional field stays absent, as in the JSON the sqlite store keeps.
  // It also drops undefined from filters (`{ _id: undefined }` → `{}`): every filter goes through
  // filters.ts, and every record through jsonRecord.ts, so neither can carry one.
  private readonly client: MongoClient;
  private readonly db: Db;
  private readonly c: Collections;

  constructor(uri: string, options: MongoStoreOptions) {
    this.client = new MongoClient(uri, { ignoreUndefined: true });
    this.db = this.client.db(options.dbName ?? dbNameOf(uri) ?? 'tereze');
    const c = {} as Record<(typeof COLLECTIONS)[number], Collection<StoredDoc>>;
    for (const name of COLLECTIONS) c[name] = this.db.collection(name);
    this.c = c;
  }

  async init(): Promise<void> {
    try {
      await this.client.connect();
    } catch (error) {
      throw mongoUnavailable(error) ?? error;
    }
    const hello = await this.db.command({ hello: 1 });
    if (typeof hello['setName'] !== 'string' && hello['msg'] !== 'isdbgrid') {
      throw new Error(`${NO_REPLICA_SET}; this server is a standalone`);
    }
    // Creating the indexes creates the collections: transactions cannot rely on doing that.
    for (const name of COLLECTIONS) {
      if (INDEXES[name].length > 0) await this.c[name].createIndexes([...INDEXES[name]]);
      else await this.db.createCollection(name).catch((err: unknown) => {
        if ((err as { code?: unknown }).code !== NAMESPACE_EXISTS) throw err;
      });
    }
    await this.backfillSla();
    await this.backfillApplicants();
  }

  /**
   * Instances stored before the applicant index gain `_applicant` (folded in JavaScript, as
   * applyBatch does: an update pipeline cannot fold Cyrillic case as the other stores do).
   * Idempotent: it reads only instances with an applicant and no `_applicant`, and each update is
   * conditional on that still being so (a commit meanwhile wrote the same keys).
   */
  private async backfillApplicants(): Promise<void> {
    const missing = { applicant: { $type: 'object' }, _applicant: { $exists: false } };
    const cursor = this.c.instances.find(missing, { projection: { applicant: 1 } });
    let updates: AnyBulkWriteOperation<StoredDoc>[] = [];
    for await (const doc of cursor) {
      const keys = applicantKeysOf(fromStoredJson<Record<string, unknown>>(doc['applicant'] as Document));
      updates.push({ updateOne: { filter: { _id: doc._id, ...missing }, update: { $set: { _applicant: keys ?? {} } } } });
      if (updates.length >= 1000) await this.c.instances.bulkWrite(updates, { ordered: false }), (updates = []);
    }
    if (updates.length > 0) await this.c.instances.bulkWrite(updates, { ordered: false });
  }

  /**
   * Open tasks and active instances written before the sweep fields existed gain them, so the
   * sweep sees their deadlines (the same as applyBatch's slaFields, as an update pipeline; a
   * missing source field stays missing). Idempotent: it touches only documents without `_sla`.
   */
  private async backfillSla(): Promise<void> {
    const flag = (path: string): Document => ({ $eq: [path, true] });
    await this.c.tasks.updateMany({ state: 'open', _sla: { $exists: false } }, [
      { $set: { _sla: { warnAt: '$warnAt', dueAt: '$dueAt', atRisk: flag('$atRisk'), overdue: flag('$overdue') } } },
    ]);
    await this.c.instances.updateMany({ status: 'active', _sla: { $exists: false } }, [
      { $set: { _sla: { warnAt: '$sla.warnAt', dueAt: '$sla.dueAt', atRisk: flag('$sla.atRisk'), overdue: flag('$sla.overdue') } } },
    ]);
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  async commit(batch: CommitBatch): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const session = this.client.startSession();
      try {
        await session.withTransaction(() => commitBody(this.c, batch, session), {
          readConcern: { level: 'snapshot' },
          writeConcern: { w: 'majority' },
          readPreference: 'primary',
        });
        return;
      } catch (err) {
        if (err instanceof AuditRace && attempt < AUDIT_RACE_RETRIES) continue;
        throw mongoCommitError(err, { attempts: attempt, documents: () => namedRecords(batch) });
      } finally {
        await session.endSession();
      }
    }
  }

  /** `hello` on the primary: answered by a writable primary, or the reason there is none. */
  async health(): Promise<StoreHealth> {
    const signal = AbortSignal.timeout(HEALTH_TIMEOUT_MS);
    try {
      const hello = await this.db.command({ hello: 1 }, { signal });
      if (hello['isWritablePrimary'] === true || hello['msg'] === 'isdbgrid') return { ok: true };
      return { ok: false, problem: new StoreUnavailableError({ reason: 'the database has no writable primary (an election may be under way)', retryAfterSeconds: 10 }) };
    } catch (error) {
      const problem =
        mongoUnavailable(error) ??
        (signal.aborted ? new StoreUnavailableError({ reason: 'the database server cannot be reached', detail: `no answer within ${HEALTH_TIMEOUT_MS} ms`, retryAfterSeconds: 10, cause: error }) : undefined);
      if (!problem) throw error;
      return { ok: false, problem };
    }
  }

  async getDefinition(id: string): Promise<DefinitionRecord | undefined> {
    const filter = idFilter(id);
    return filter && one(await read(this.c.definitions.findOne(filter)));
  }

  async latestDefinition(key: string): Promise<DefinitionRecord | undefined> {
    if (typeof key !== 'string') return undefined;
    return one(await read(this.c.definitions.findOne({ key }, { sort: { version: -1 } })));
  }

  async findDefinitionByHash(key: string, hash: string): Promise<DefinitionRecord | undefined> {
    if (typeof key !== 'string' || typeof hash !== 'string') return undefined;
    return one(await read(this.c.definitions.findOne({ key, hash })));
  }

  async listDefinitions(key?: string): Promise<DefinitionRecord[]> {
    if (key !== undefined) return many(await read(this.c.definitions.find({ key }).sort({ version: 1 }).toArray()));
    const latest = await read(this.c.definitions
      .aggregate([
        { $sort: { key: 1, version: -1 } },
        { $group: { _id: '$key', doc: { $first: '$$ROOT' } } },
        { $replaceRoot: { newRoot: '$doc' } },
        { $sort: { key: 1 } },
      ])
      .toArray());
    return many(latest);
  }

  async listDefinitionIds(key?: string): Promise<string[]> {
    const project = { projection: { _id: 1 } };
    if (key !== undefined) return (await read(this.c.definitions.find({ key }, project).sort({ version: 1 }).toArray())).map((d) => String(d._id));
    const latest = await read(this.c.definitions
      .aggregate<{ id: string }>([
        { $sort: { key: 1, version: -1 } },
        { $group: { _id: '$key', id: { $first: '$_id' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray());
    return latest.map((d) => d.id);
  }

  async getInstance(id: string): Promise<InstanceRecord | undefined> {
    const filter = idFilter(id);
    return filter && one(await read(this.c.instances.findOne(filter)));
  }

  async getInstanceByTrackingNumber(trackingNumber: string): Promise<InstanceRecord | undefined> {
    if (typeof trackingNumber !== 'string') return undefined;
    return one(await read(this.c.instances.findOne({ trackingNumber })));
  }

  async listInstances(query: InstanceQuery): Promise<InstanceRecord[]> {
    const filter: Filter<StoredDoc> = {};
    if (query.key !== undefined) filter['key'] = query.key;
    if (query.status !== undefined) filter['status'] = query.status;
    const limit = query.limit ?? DEFAULT_LIMIT;
    if (limit <= 0) return [];
    return many(await read(this.c.instances.find(strictFilter('instance query', filter)).sort({ startedAt: 1, _id: 1 }).limit(limit).toArray()));
  }

  async findInstancesByApplicant(query: ApplicantLookup): Promise<InstanceRecord[]> {
    if ((query.iin !== undefined && typeof query.iin !== 'string') || (query.namePrefix !== undefined && typeof query.namePrefix !== 'string')) return [];
    return lookUpApplicant(query, async (key, after, limit) => {
      const { filter, options } = applicantLookupFind(key, after, limit);
      return many(await read(this.c.instances.find(strictFilter('applicant lookup', filter), options).toArray()));
    });
  }

  async getTask(id: string): Promise<TaskRecord | undefined> {
    const filter = idFilter(id);
    return filter && one(await read(this.c.tasks.findOne(filter)));
  }

  async findTasks(query: TaskQuery): Promise<TaskRecord[]> {
    const filter: Filter<StoredDoc> = {};
    if (query.instanceId !== undefined) filter['instanceId'] = query.instanceId;
    if (query.assignee !== undefined) filter['assignee'] = query.assignee;
    if (query.candidateGroup !== undefined) filter['candidateGroup'] = query.candidateGroup;
    if (query.centre !== undefined) filter['centre'] = query.centre;
    if (query.noCentre) {
      if (query.centre !== undefined) return [];
      filter['centre'] = null;
    }
    const state = query.state ?? 'open';
    if (state !== 'any') filter['state'] = state;
    if (query.unassigned) {
      if (query.assignee !== undefined) return [];
      filter['assignee'] = null;
    }
    const limit = query.limit ?? DEFAULT_LIMIT;
    if (limit <= 0) return [];
    // MongoDB sorts missing values first; tasks with no deadline go last, so ask twice.
    strictFilter('task query', filter);
    const due = await read(this.c.tasks
      .find({ ...filter, dueAt: { $type: 'string' } })
      .sort({ dueAt: 1, createdAt: 1, _id: 1 })
      .limit(limit)
      .toArray());
    if (due.length === limit) return many(due);
    const undated = await read(this.c.tasks
      .find({ ...filter, dueAt: null })
      .sort({ createdAt: 1, _id: 1 })
      .limit(limit - due.length)
      .toArray());
    return many([...due, ...undated]);
  }

  async acquireJobs(request: AcquireJobs): Promise<JobRecord[]> {
    const { now, owner, lockedUntil } = request;
    const limit = request.id === undefined ? request.limit : Math.min(request.limit, 1);
    const taken: string[] = [];
    const jobs: JobRecord[] = [];
    // Each findOneAndUpdate takes one job atomically; a concurrent poller takes another one.
    while (jobs.length < limit) {
      const filter: Filter<StoredDoc> = {
        dueAt: { $lte: now },
        $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }],
        _id: request.id === undefined ? { $nin: taken } : request.id,
      };
      const doc = await read(this.c.jobs.findOneAndUpdate(
        strictFilter('job acquisition', filter),
        { $set: { lockOwner: owner, lockedUntil } },
        { sort: { dueAt: 1, _id: 1 }, returnDocument: 'after' },
      ));
      if (!doc) break;
      taken.push(String(doc._id));
      jobs.push(toJob(doc));
    }
    return jobs;
  }

  /** A release by an owner who lost the lease changes nothing: the new holder has the job. */
  async releaseJob(id: string, owner: string, retry: { dueAt: string; error: string }): Promise<void> {
    await read(this.c.jobs.updateOne(
      strictFilter('job release', { _id: id, lockOwner: owner }),
      { $set: { dueAt: retry.dueAt, lastError: retry.error, lockOwner: null, lockedUntil: null }, $inc: { attempts: 1 } },
    ));
  }

  /** The earliest instant a job can be acquired: its dueAt, or the end of its lease if later. */
  async nextJobDue(): Promise<string | undefined> {
    const free = await read(this.c.jobs.findOne({ lockedUntil: null }, { sort: { dueAt: 1 }, projection: { dueAt: 1 } }));
    const [leased] = await read(this.c.jobs
      .aggregate<{ t: string }>([
        { $match: { lockedUntil: { $type: 'string' } } },
        { $project: { t: { $max: ['$dueAt', '$lockedUntil'] } } },
        { $sort: { t: 1 } },
        { $limit: 1 },
      ])
      .toArray());
    const a = typeof free?.['dueAt'] === 'string' ? free['dueAt'] : undefined;
    const b = leased?.t;
    if (a === undefined || b === undefined) return a ?? b;
    return b < a ? b : a;
  }

  async listJobs(filter: { instanceId?: string; definitionId?: string }): Promise<JobRecord[]> {
    const query: Filter<StoredDoc> = {};
    if (filter.instanceId !== undefined) query['instanceId'] = filter.instanceId;
    if (filter.definitionId !== undefined) query['definitionId'] = filter.definitionId;
    return (await read(this.c.jobs.find(strictFilter('job query', query)).sort({ dueAt: 1, _id: 1 }).toArray())).map(toJob);
  }

  async findSlaCrossings(query: SlaCrossingQuery): Promise<TaskRecord[]> {
    return many(await this.crossings('tasks', query));
  }

  async findInstanceSlaCrossings(query: SlaCrossingQuery): Promise<InstanceRecord[]> {
    return many(await this.crossings('instances', query));
  }

  /**
   * Two range scans, one per partial index (warning crossed, due crossed), each earliest first
   * and limited; then merged by crossing time. A document in both lists counts once, at its
   * earlier crossing: the first `limit` distinct documents are always among the two lists.
   */
  private async crossings(collection: 'tasks' | 'instances', query: SlaCrossingQuery): Promise<StoredDoc[]> {
    const limit = Math.max(0, query.limit);
    if (limit === 0) return [];
    const scan = async (crossing: SlaCrossing): Promise<Array<{ at: string; doc: StoredDoc }>> => {
      const { filter, options } = slaCrossingFind(collection, crossing, query.now, limit);
      const docs = await read(this.c[collection].find(strictFilter('sla sweep', filter), options).toArray());
      return docs.map((doc) => ({ at: String((doc['_sla'] as Record<string, unknown>)[crossing === 'warn' ? 'warnAt' : 'dueAt']), doc }));
    };
    const earliest = new Map<string, { at: string; doc: StoredDoc }>();
    for (const hit of [...(await scan('warn')), ...(await scan('due'))]) {
      const id = String(hit.doc._id);
      const seen = earliest.get(id);
      if (!seen || hit.at < seen.at) earliest.set(id, hit);
    }
    return [...earliest.values()]
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : String(a.doc._id) < String(b.doc._id) ? -1 : 1))
      .slice(0, limit)
      .map((hit) => hit.doc);
  }

  async countOpenTasks(assignees: readonly string[]): Promise<Record<string, number>> {
    if (assignees.length === 0) return {};
    const groups = await read(this.c.tasks
      .aggregate<{ _id: string; n: number }>([
        { $match: { assignee: { $in: [...assignees] }, state: 'open' } },
        { $group: { _id: '$assignee', n: { $sum: 1 } } },
      ])
      .toArray());
    const counts: Record<string, number> = {};
    for (const { _id, n } of groups) counts[_id] = n;
    return counts;
  }

  async getPolicy<T>(kind: PolicyKind, id: string): Promise<PolicyRecord<T> | undefined> {
    if (typeof kind !== 'string' || typeof id !== 'string') return undefined;
    return one(await read(this.c.policies.findOne({ kind, id }, { sort: { version: -1 } })));
  }

  async listPolicies<T>(kind: PolicyKind): Promise<PolicyRecord<T>[]> {
    if (typeof kind !== 'string') return [];
    const latest = await read(this.c.policies
      .aggregate([
        { $match: { kind } },
        { $sort: { id: 1, version: -1 } },
        { $group: { _id: '$id', doc: { $first: '$$ROOT' } } },
        { $replaceRoot: { newRoot: '$doc' } },
        { $sort: { id: 1 } },
      ])
      .toArray());
    return many(latest);
  }

  async policyVersions<T>(kind: PolicyKind, id: string): Promise<PolicyRecord<T>[]> {
    if (typeof kind !== 'string' || typeof id !== 'string') return [];
    return many(await read(this.c.policies.find({ kind, id }).sort({ version: 1 }).toArray()));
  }

  async getIdempotencyKey(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    if (typeof scope !== 'string' || typeof key !== 'string') return undefined;
    return read(readIdempotencyKey(this.c.idempotency, scope, key));
  }

  /** In commit order: by the instance's counter, advanced in each commit (sequences.ts). */
  async history(instanceId: string): Promise<HistoryEntry[]> {
    if (typeof instanceId !== 'string') return [];
    return many(await read(this.c.history.find({ instanceId }).sort({ _seq: 1 }).toArray()));
  }

  async audit(query: { subject?: string; afterSeq?: number; limit?: number }): Promise<AuditEntry[]> {
    const filter: Filter<StoredDoc> = { _id: { $gt: query.afterSeq ?? 0 } };
    if (query.subject !== undefined) filter['subject'] = query.subject;
    const limit = query.limit ?? DEFAULT_LIMIT;
    if (limit <= 0) return [];
    return many(await read(this.c.audit.find(strictFilter('audit query', filter)).sort({ _id: 1 }).limit(limit).toArray()));
  }

  async auditRows(query: { afterSeq: number; limit: number }): Promise<StoredAuditRow[]> {
    if (query.limit <= 0) return [];
    const docs = await read(this.c.audit.find(strictFilter('audit rows', { _id: { $gt: query.afterSeq } })).sort({ _id: 1 }).limit(query.limit).toArray());
    // `subject` and `hash` are the entry's own fields here: `_id` is the only second copy.
    return docs.map((doc) => ({ entry: one<AuditEntry>(doc)!, columns: { seq: doc._id } }));
  }

  /**
   * Changes to tasks and instances from every server, by a change stream on the database
   * (replica set required, as for transactions). The full document after the change is looked
   * up, so a listener sees the task as it now is. Resolves once the stream is open; resumes
   * after the last event's token when the stream breaks (changeFeed.ts).
   */
  async watch(onChange: (change: StoreChange) => void, onError: (error: unknown) => void): Promise<StoreWatch> {
    const pipeline = [{ $match: { 'ns.coll': { $in: ['tasks', 'instances'] }, operationType: { $in: ['insert', 'update', 'replace'] } } }];
    const open = (resumeAfter: unknown) =>
      this.db.watch(pipeline, { fullDocument: 'updateLookup', ...(resumeAfter === undefined ? {} : { resumeAfter }) });
    return openChangeFeed(open, (change: Document) => {
      const full = change['fullDocument'] as Document | undefined;
      if (!full) return;
      const collection = (change['ns'] as { coll?: string } | undefined)?.coll;
      const inserted = change['operationType'] === 'insert';
      const record = one<TaskRecord & InstanceRecord>(full)!;
      onChange({
        tasksCreated: collection === 'tasks' && inserted ? [record] : [],
        tasksChanged: collection === 'tasks' && !inserted ? [record] : [],
        instancesStarted: collection === 'instances' && inserted ? [record] : [],
        instancesChanged: collection === 'instances' && !inserted ? [record] : [],
      });
    }, onError);
  }

  async keptMessages(query: { readonly instanceId: string; readonly name: string; readonly now: string }): Promise<MessageRecord[]> {
    if (typeof query.instanceId !== 'string' || typeof query.name !== 'string' || typeof query.now !== 'string') return [];
    const filter = strictFilter('kept messages', { instanceId: query.instanceId, name: query.name, expiresAt: { $gt: query.now } });
    return many(await read(this.c.messages.find(filter).sort({ publishedAt: 1, _id: 1 }).toArray()));
  }

  async signalWaiters(query: { readonly name: string; readonly after?: string; readonly limit: number }): Promise<string[]> {
    if (typeof query.name !== 'string') return [];
    const filter = strictFilter('signal waiters', { _signals: query.name, _id: { $gt: query.after ?? '' } });
    const docs = await read(this.c.instances.find(filter, { projection: { _id: 1 } }).sort({ _signals: 1, _id: 1 }).limit(query.limit).toArray());
    return docs.map((d) => String(d._id));
  }

  async notifications(instanceId: string): Promise<NotificationRecord[]> {
    if (typeof instanceId !== 'string') return [];
    const docs = await read(this.c.notifications.find({ instanceId }).sort({ _seq: 1 }).toArray());
    // a notification's id is its `_id`, and also its own field: `one` drops only the copy
    return many(docs);
  }

  async attachments(instanceId: string): Promise<AttachmentRecord[]> {
    if (typeof instanceId !== 'string') return [];
    const docs = await read(this.c.attachments.find(strictFilter('attachment list', { 'record.instanceId': instanceId }), { projection: { record: 1 } }).sort({ _order: 1 }).toArray());
    return docs.map((doc) => fromStoredJson<AttachmentRecord>(doc['record'] as Document));
  }

  async attachmentContent(instanceId: string, attachmentId: string): Promise<Uint8Array | undefined> {
    if (typeof instanceId !== 'string' || typeof attachmentId !== 'string') return undefined;
    const doc = await read(this.c.attachments.findOne(strictFilter('attachment read', { _id: attachmentId, 'record.instanceId': instanceId })));
    const content = doc?.['content'];
    return content instanceof Binary ? new Uint8Array(content.value()) : undefined;
  }
  private get outbox(): MongoOutbox {
    return new MongoOutbox(this.c.notificationOutbox);
  }
  acquireDeliveries: Store['acquireDeliveries'] = (request) => this.outbox.acquireDeliveries(request);
  settleDelivery: Store['settleDelivery'] = (id, owner, outcome) => this.outbox.settleDelivery(id, owner, outcome);
  getDelivery: Store['getDelivery'] = (id) => this.outbox.getDelivery(id);
  listDeliveries: Store['listDeliveries'] = (query) => this.outbox.listDeliveries(query);
  countDeliveries: Store['countDeliveries'] = () => this.outbox.countDeliveries();

}

/**
 * A stored document back to the port's record: `_id` is the store's, not the record's, and so are
 * `_sla` (tasks and instances: the fields the SLA sweep indexes, see applyBatch), `_signals`
 * (instances: the signals they wait for, store/shared/signalWaits.ts), `_applicant` (instances:
 * the applicant index, store/shared/applicantIndex.ts) and `_seq`
 * (history and notifications: commit order); keys are unescaped (jsonRecord.ts).
 */
function one<T>(doc: Document | null): T | undefined {
  if (!doc) return undefined;
  const { _id, _sla, _seq, _signals, _applicant, ...record } = doc;
  return fromStoredJson<T>(record);
}

/** A read that fails because the database is away says so (StoreUnavailableError), not a 500. */
async function read<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    throw mongoUnavailable(error) ?? error;
  }
}

function many<T>(docs: readonly Document[]): T[] {
  return docs.map((doc) => one<T>(doc) as T);
}

function toJob(doc: Document): JobRecord {
  const { _id, lastError, ...job } = doc;
  return fromStoredJson<JobRecord>(job);
}

/** The database named in a connection string's path, if any. */
function dbNameOf(uri: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]+)/.exec(uri);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}
