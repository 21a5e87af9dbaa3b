/**
 * The body of MongoStore.commit, run inside `session.withTransaction` (which may call it more
 * than once: it builds everything afresh and mutates nothing outside). Guards are conditional
 * writes checked by their counts; duplicate keys become ConflictErrors.
 */
import { ObjectId } from 'mongodb';
import type { ClientSession, Collection, Document } from 'mongodb';
import { chainEntry, GENESIS } from '../../audit/chain.js';
import { ConflictError } from '../../errors.js';
import type { CommitBatch, InstanceRecord, PolicyWrite, TaskRecord } from '../port.js';
import type { CollectionName } from './indexes.js';

/** Every stored document: `_id` is the record's id (a string), audit's seq, or an ObjectId. */
export interface StoredDoc extends Document {
  _id: string | number | ObjectId;
}

export type Collections = Readonly<Record<CollectionName, Collection<StoredDoc>>>;

/** Two writers appended the same audit seq after both committed reads: run the batch again. */
export class AuditRace extends Error {}

export async function applyBatch(c: Collections, batch: CommitBatch, session: ClientSession): Promise<void> {
  const opts = { session };
  if (batch.definitions?.length) {
    await insert(c.definitions, batch.definitions.map((d) => ({ ...d, _id: d.id })), session, 'definition (id, key+version or key+hash)');
  }
  // The version each instance has after this batch: history rows sort by it (see history()).
  const versions = new Map<string, number>();
  if (batch.instanceInserts?.length) {
    await insert(c.instances, batch.instanceInserts.map((i) => instanceDoc(i)), session, 'instance (id or tracking number)');
    for (const i of batch.instanceInserts) versions.set(i.id, i.version);
  }
  for (const { record, expectedVersion } of batch.instanceUpdates ?? []) {
    checkNextVersion('instance', record.id, record.version, expectedVersion);
    // replaceOne, not $set: optional fields the step removed must go from the stored document.
    const result = await c.instances.replaceOne({ _id: record.id, version: expectedVersion }, withoutId(instanceDoc(record)), opts);
    if (result.matchedCount !== 1) throw new ConflictError(`instance ${record.id} is no longer at version ${expectedVersion}`, record.id);
    versions.set(record.id, record.version);
  }
  if (batch.taskInserts?.length) {
    await insert(c.tasks, batch.taskInserts.map((t) => taskDoc(t)), session, 'task');
  }
  for (const { record, expectedVersion } of batch.taskUpdates ?? []) {
    checkNextVersion('task', record.id, record.version, expectedVersion);
    const result = await c.tasks.replaceOne({ _id: record.id, version: expectedVersion }, withoutId(taskDoc(record)), opts);
    if (result.matchedCount !== 1) throw new ConflictError(`task ${record.id} is no longer at version ${expectedVersion}`, record.id);
  }
  // Deletes and completions before inserts, so a step may re-arm a job under the same id.
  if (batch.jobDeletes?.length) await c.jobs.deleteMany({ _id: { $in: [...batch.jobDeletes] } }, opts);
  for (const { id, owner } of batch.jobCompletions ?? []) {
    const result = await c.jobs.deleteOne({ _id: id, lockOwner: owner }, opts);
    if (result.deletedCount !== 1) throw new ConflictError(`job ${id} is no longer held by ${owner}`, id);
  }
  if (batch.jobInserts?.length) {
    const docs = batch.jobInserts.map((j) => ({ ...j, _id: j.id, lockedUntil: j.lockedUntil ?? null, lockOwner: j.lockOwner ?? null }));
    await insert(c.jobs, docs, session, 'job');
  }
  if (batch.history?.length) {
    const docs: StoredDoc[] = [];
    for (const entry of batch.history) {
      let v = versions.get(entry.instanceId);
      if (v === undefined) {
        // Rare (history without its instance in the batch): it follows the stored version.
        const stored = await c.instances.findOne({ _id: entry.instanceId }, { session, projection: { version: 1 } });
        v = typeof stored?.['version'] === 'number' ? stored['version'] : 0;
        versions.set(entry.instanceId, v);
      }
      // ObjectIds made in order by one process sort in that order: the order within a version.
      docs.push({ ...entry, _id: new ObjectId(), v });
    }
    await c.history.insertMany(docs, opts);
  }
  if (batch.audit?.length) {
    // Read in the transaction; a concurrent appender of the same seq makes one of us conflict.
    const last = await c.audit.findOne({}, { session, sort: { _id: -1 }, projection: { hash: 1 } });
    let seq = typeof last?._id === 'number' ? last._id : 0;
    let prev = typeof last?.['hash'] === 'string' ? last['hash'] : GENESIS;
    const docs: StoredDoc[] = [];
    for (const input of batch.audit) {
      const entry = chainEntry(input, ++seq, prev);
      docs.push({ ...entry, _id: seq });
      prev = entry.hash;
    }
    try {
      await c.audit.insertMany(docs, opts);
    } catch (err) {
      if (isDuplicateKey(err)) throw new AuditRace('audit seq taken by a concurrent commit');
      throw err;
    }
  }
  for (const p of batch.policies ?? []) await writePolicy(c.policies, p, session);
  if (batch.notifications?.length) {
    const docs = batch.notifications.map((n) => ({ ...n, _id: n.id, o: new ObjectId() }));
    await insert(c.notifications, docs, session, 'notification');
  }
}

/**
 * The store-private `_sla` field the sweep indexes read (see indexes.ts). The flags are always
 * booleans there (absent in the record means not flagged); read-back strips `_sla`, so records
 * come back exactly as written. Instances take theirs from `sla`.
 */
interface SlaFields {
  readonly warnAt?: string;
  readonly dueAt?: string;
  readonly atRisk: boolean;
  readonly overdue: boolean;
}

function slaFields(from: { warnAt?: string; dueAt?: string; atRisk?: boolean; overdue?: boolean } | undefined): SlaFields {
  return { warnAt: from?.warnAt, dueAt: from?.dueAt, atRisk: from?.atRisk === true, overdue: from?.overdue === true };
}

function taskDoc(t: TaskRecord): StoredDoc {
  return { ...t, _id: t.id, _sla: slaFields(t) };
}

function instanceDoc(i: InstanceRecord): StoredDoc {
  return { ...i, _id: i.id, _sla: slaFields(i.sla) };
}

/** replaceOne takes the document without `_id` (the stored one keeps its own). */
function withoutId(doc: StoredDoc): Document {
  const { _id, ...rest } = doc;
  return rest;
}

/**
 * A new version of a policy document: version n needs n - 1 to be the latest stored (read in the
 * transaction's snapshot; two writers of the same n collide on the unique index, and the loser's
 * retried transaction then sees n and conflicts here). `keepHistory: false` drops the previous.
 */
async function writePolicy(policies: Collection<StoredDoc>, p: PolicyWrite, session: ClientSession): Promise<void> {
  const last = await policies.findOne({ kind: p.kind, id: p.id }, { session, sort: { version: -1 }, projection: { version: 1 } });
  const latest = typeof last?.['version'] === 'number' ? last['version'] : 0;
  if (p.version !== latest + 1) {
    throw new ConflictError(`${p.kind} ${p.id} is at version ${latest}, not ${p.version - 1}: someone changed it meanwhile`, p.id);
  }
  try {
    await policies.insertOne({ _id: new ObjectId(), kind: p.kind, id: p.id, version: p.version, at: p.at, doc: p.doc }, { session });
  } catch (err) {
    if (isDuplicateKey(err)) throw new ConflictError(`${p.kind} ${p.id} version ${p.version} already exists`, p.id);
    throw err;
  }
  if (!p.keepHistory && latest > 0) await policies.deleteOne({ kind: p.kind, id: p.id, version: latest }, { session });
}

async function insert(collection: Collection<StoredDoc>, docs: StoredDoc[], session: ClientSession, what: string): Promise<void> {
  try {
    await collection.insertMany(docs, { session });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const key = (err as { keyValue?: unknown }).keyValue;
    throw new ConflictError(`${what} already exists${key ? `: ${JSON.stringify(key)}` : ''}`, String(docs[0]?.['_id'] ?? ''));
  }
}

export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 11000;
}

function checkNextVersion(what: string, id: string, version: number, expected: number): void {
  // A caller bug, not a race: say so rather than store a version that breaks the next CAS.
  if (version !== expected + 1) {
    throw new Error(`${what} ${id}: record.version ${version} must be expectedVersion + 1 (${expected + 1})`);
  }
}
