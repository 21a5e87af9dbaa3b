/**
 * The body of MongoStore.commit after the audit tail and the idempotency keys (see
 * MongoStore.apply), run inside `session.withTransaction` (which may call it more than once: it
 * builds everything afresh and mutates nothing outside). Guards are conditional writes checked
 * by their counts; every filter is strict (filters.ts); every record goes through the JSON
 * normaliser (jsonRecord.ts) and the store's own fields (`_id`, `_sla`, `_seq`) are added after.
 */
import { Binary, ObjectId } from 'mongodb';
import type { ClientSession, Collection, Document } from 'mongodb';
import type { CommitBatch, InstanceRecord, PolicyWrite, TaskRecord } from '../port.js';
import { PRUNE_PER_COMMIT, alreadyExists, checkNextVersion, checkPolicyVersion, dropsPrevious, jobNotHeld, latestPublication, messageGone, staleVersion } from '../shared/batchRules.js';
import { signalNamesOf } from '../shared/signalWaits.js';
import { applicantKeysOf } from '../shared/applicantIndex.js';
import { strictFilter } from './filters.js';
import type { CollectionName } from './indexes.js';
import { toStoredJson } from './jsonRecord.js';
import { numberByInstance } from './sequences.js';
import type { StoredDoc } from './storedDoc.js';

export type { StoredDoc };

export type Collections = Readonly<Record<CollectionName, Collection<StoredDoc>>>;

export async function applyBatch(c: Collections, batch: CommitBatch, session: ClientSession): Promise<void> {
  const opts = { session };
  if (batch.definitions?.length) {
    const docs = batch.definitions.map((d) => ({ ...toStoredJson(d, `definition ${d.id}`), _id: d.id }));
    await insert(c.definitions, docs, session, 'definition (id, key+version or key+hash)');
  }
  if (batch.instanceInserts?.length) {
    await insert(c.instances, batch.instanceInserts.map((i) => instanceDoc(i)), session, 'instance (id or tracking number)');
  }
  for (const { record, expectedVersion } of batch.instanceUpdates ?? []) {
    checkNextVersion('instance', record.id, record.version, expectedVersion);
    // replaceOne, not $set: optional fields the step removed must go from the stored document.
    const filter = strictFilter('instance update', { _id: record.id, version: expectedVersion });
    const result = await c.instances.replaceOne(filter, withoutId(instanceDoc(record)), opts);
    if (result.matchedCount !== 1) throw staleVersion('instance', record.id, expectedVersion);
  }
  if (batch.taskInserts?.length) {
    await insert(c.tasks, batch.taskInserts.map((t) => taskDoc(t)), session, 'task');
  }
  for (const { record, expectedVersion } of batch.taskUpdates ?? []) {
    checkNextVersion('task', record.id, record.version, expectedVersion);
    const filter = strictFilter('task update', { _id: record.id, version: expectedVersion });
    const result = await c.tasks.replaceOne(filter, withoutId(taskDoc(record)), opts);
    if (result.matchedCount !== 1) throw staleVersion('task', record.id, expectedVersion);
  }
  // Deletes and completions before inserts, so a step may re-arm a job under the same id.
  if (batch.jobDeletes?.length) await c.jobs.deleteMany(strictFilter('job deletes', { _id: { $in: [...batch.jobDeletes] } }), opts);
  for (const { id, owner } of batch.jobCompletions ?? []) {
    const result = await c.jobs.deleteOne(strictFilter('job completion', { _id: id, lockOwner: owner }), opts);
    if (result.deletedCount !== 1) throw jobNotHeld(id, owner);
  }
  if (batch.jobInserts?.length) {
    const docs = batch.jobInserts.map((j) => ({ ...toStoredJson(j, `job ${j.id}`), _id: j.id, lockedUntil: j.lockedUntil ?? null, lockOwner: j.lockOwner ?? null }));
    await insert(c.jobs, docs, session, 'job');
  }
  if (batch.history?.length) {
    const numbered = await numberByInstance(c.sequences, 'history', batch.history, session);
    const docs = numbered.map(({ entry, seq }) => ({ ...toStoredJson(entry, `history of instance ${entry.instanceId}`), _id: new ObjectId(), _seq: seq }));
    await c.history.insertMany(docs, opts);
  }
  for (const p of batch.policies ?? []) await writePolicy(c.policies, p, session);
  if (batch.notifications?.length) {
    const numbered = await numberByInstance(c.sequences, 'notifications', batch.notifications, session);
    const docs = numbered.map(({ entry, seq }) => ({ ...toStoredJson(entry, `notification ${entry.id}`), _id: entry.id, _seq: seq }));
    await insert(c.notifications, docs, session, 'notification');
  }
  if (batch.attachments?.length) {
    const docs = batch.attachments.map(({ record, content }) => ({
      _id: record.id,
      // ObjectIds grow within a process: upload order, also for uploads in the same millisecond
      _order: new ObjectId(),
      record: toStoredJson(record, `attachment ${record.id}`),
      content: new Binary(content),
    }));
    await insert(c.attachments, docs, session, 'attachment');
  }
  for (const id of batch.messageConsumptions ?? []) {
    const result = await c.messages.deleteOne(strictFilter('message consumption', { _id: id }), opts);
    if (result.deletedCount !== 1) throw messageGone(id);
  }
  const keptAt = latestPublication(batch);
  if (keptAt) {
    const expired = await c.messages.find(strictFilter('expired messages', { expiresAt: { $lte: keptAt } }), { session, projection: { _id: 1 }, limit: PRUNE_PER_COMMIT }).toArray();
    if (expired.length) await c.messages.deleteMany({ _id: { $in: expired.map((d) => d._id) } }, opts);
  }
  if (batch.messageInserts?.length) {
    const docs = batch.messageInserts.map((m) => ({ ...toStoredJson(m, `message ${m.id}`), _id: m.id }));
    await insert(c.messages, docs, session, 'message');
  }
}

/** The records a batch writes, named as errors name them (to find the one over 16 MB). */
export function* namedRecords(batch: CommitBatch): Generator<{ what: string; doc: object }> {
  for (const d of batch.definitions ?? []) yield { what: `definition ${d.id}`, doc: d };
  for (const i of batch.instanceInserts ?? []) yield { what: `instance ${i.id}`, doc: i };
  for (const { record } of batch.instanceUpdates ?? []) yield { what: `instance ${record.id}`, doc: record };
  for (const t of batch.taskInserts ?? []) yield { what: `task ${t.id}`, doc: t };
  for (const { record } of batch.taskUpdates ?? []) yield { what: `task ${record.id}`, doc: record };
  for (const j of batch.jobInserts ?? []) yield { what: `job ${j.id}`, doc: j };
  for (const h of batch.history ?? []) yield { what: `history of instance ${h.instanceId}`, doc: h };
  for (const a of batch.audit ?? []) yield { what: `audit entry for ${a.subject}`, doc: a };
  for (const n of batch.notifications ?? []) yield { what: `notification ${n.id}`, doc: n };
  for (const p of batch.policies ?? []) yield { what: `${p.kind} ${p.id}`, doc: p };
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

function slaFields(from: { warnAt?: unknown; dueAt?: unknown; atRisk?: unknown; overdue?: unknown } | undefined): SlaFields {
  const instant = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { warnAt: instant(from?.warnAt), dueAt: instant(from?.dueAt), atRisk: from?.atRisk === true, overdue: from?.overdue === true };
}

function taskDoc(t: TaskRecord): StoredDoc {
  const stored = toStoredJson(t, `task ${t.id}`);
  return { ...stored, _id: t.id, _sla: slaFields(stored) };
}

function instanceDoc(i: InstanceRecord): StoredDoc {
  const stored = toStoredJson(i, `instance ${i.id}`);
  const signals = signalNamesOf(i);
  const applicant = applicantKeysOf(i.applicant);
  // `_signals` only on instances waiting for a signal: the partial index holds just those.
  // `_applicant` (store/shared/applicantIndex.ts) on every instance with an applicant, rewritten
  // with the document: the applicant indexes hold those with an IIN, or a name.
  return { ...stored, _id: i.id, _sla: slaFields(stored.sla), ...(signals ? { _signals: signals } : {}), ...(applicant ? { _applicant: applicant } : {}) };
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
  const key = strictFilter('policy', { kind: p.kind, id: p.id });
  const last = await policies.findOne(key, { session, sort: { version: -1 }, projection: { version: 1 } });
  const latest = typeof last?.['version'] === 'number' ? last['version'] : 0;
  checkPolicyVersion(p, latest);
  try {
    const doc = toStoredJson(p.doc, `${p.kind} ${p.id}`);
    await policies.insertOne({ _id: new ObjectId(), kind: p.kind, id: p.id, version: p.version, at: p.at, doc }, { session });
  } catch (err) {
    if (isDuplicateKey(err)) throw alreadyExists(`${p.kind} ${p.id} version ${p.version}`, p.id);
    throw err;
  }
  if (dropsPrevious(p, latest)) await policies.deleteOne({ ...key, version: latest }, { session });
}

async function insert(collection: Collection<StoredDoc>, docs: StoredDoc[], session: ClientSession, what: string): Promise<void> {
  try {
    await collection.insertMany(docs, { session });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const key = (err as { keyValue?: unknown }).keyValue;
    throw alreadyExists(what, String(docs[0]?.['_id'] ?? ''), key ? JSON.stringify(key) : undefined);
  }
}

export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 11000;
}
