/**
 * The notification outbox in MongoDB (engine/store/notificationOutbox.ts): a document per
 * notification for the applicant, inserted in the commit's transaction; each lease taken by one
 * findOneAndUpdate, as the jobs', so processes sharing the replica set never hold one record.
 */
import type { ClientSession, Collection, Filter } from 'mongodb';
import type { CommitBatch } from '../port.js';
import {
  deliveryDoc,
  notDead,
  newDelivery,
  requeued,
  settled,
  type AcquireDeliveries,
  type DeliveryCounts,
  type DeliveryFilter,
  type DeliveryOutcome,
  type DeliveryRecord,
} from '../notificationOutbox.js';
import type { StoredDoc } from './applyBatch.js';
import { strictFilter } from './filters.js';
import { fromStoredJson, toStoredJson } from './jsonRecord.js';
import { mongoUnavailable } from './mongoUnavailable.js';

const FILTERS: Record<DeliveryFilter | 'any', Filter<StoredDoc>> = {
  any: {},
  pending: { state: 'pending' },
  failed: { state: 'pending', attempts: { $gt: 0 } },
  dead: { state: 'dead' },
  delivered: { state: 'delivered' },
  skipped: { state: 'skipped' },
};

function stored(record: DeliveryRecord): StoredDoc {
  return {
    _id: record.id,
    state: record.state,
    attempts: record.attempts,
    nextAttemptAt: record.nextAttemptAt,
    lockedUntil: record.lockedUntil ?? null,
    lockOwner: record.lockOwner ?? null,
    doc: toStoredJson(deliveryDoc(record), `notification delivery ${record.id}`),
  };
}

function toRecord(doc: StoredDoc): DeliveryRecord {
  return { ...fromStoredJson<DeliveryRecord>(doc['doc']), lockedUntil: (doc['lockedUntil'] as string | null) ?? null, lockOwner: (doc['lockOwner'] as string | null) ?? null };
}

async function read<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    throw mongoUnavailable(error) ?? error;
  }
}

/** Inside the commit's transaction. */
export async function applyOutbox(outbox: Collection<StoredDoc>, batch: CommitBatch, session: ClientSession): Promise<void> {
  const docs = (batch.notifications ?? []).flatMap((n) => {
    const record = newDelivery(n);
    return record ? [stored(record)] : [];
  });
  if (docs.length) await outbox.insertMany(docs, { session });
  for (const { id, at } of batch.deliveryRequeues ?? []) {
    const doc = await outbox.findOne(strictFilter('delivery requeue', { _id: id }), { session });
    if (!doc || doc['state'] !== 'dead') throw notDead(id);
    const { _id, ...next } = stored(requeued(toRecord(doc), at));
    const result = await outbox.replaceOne(strictFilter('delivery requeue', { _id: id, state: 'dead' }), next, { session });
    if (result.matchedCount !== 1) throw notDead(id);
  }
}

export class MongoOutbox {
  constructor(private readonly c: Collection<StoredDoc>) {}

  async acquireDeliveries(request: AcquireDeliveries): Promise<DeliveryRecord[]> {
    const taken: string[] = [];
    const records: DeliveryRecord[] = [];
    while (records.length < request.limit) {
      const filter: Filter<StoredDoc> = {
        state: 'pending',
        nextAttemptAt: { $lte: request.now },
        $or: [{ lockedUntil: null }, { lockedUntil: { $lt: request.now } }],
        _id: { $nin: taken },
      };
      const doc = await read(
        this.c.findOneAndUpdate(strictFilter('delivery acquisition', filter), { $set: { lockOwner: request.owner, lockedUntil: request.lockedUntil } }, {
          sort: { nextAttemptAt: 1, _id: 1 },
          returnDocument: 'after',
        }),
      );
      if (!doc) break;
      taken.push(String(doc._id));
      records.push(toRecord(doc));
    }
    return records;
  }

  async settleDelivery(id: string, owner: string, outcome: DeliveryOutcome): Promise<boolean> {
    const current = await this.getDelivery(id);
    if (!current || current.lockOwner !== owner) return false;
    const { _id, ...next } = stored(settled(current, outcome));
    const result = await read(this.c.replaceOne(strictFilter('delivery settlement', { _id: id, lockOwner: owner }), next));
    return result.matchedCount === 1;
  }

  async getDelivery(id: string): Promise<DeliveryRecord | undefined> {
    if (typeof id !== 'string') return undefined;
    const doc = await read(this.c.findOne(strictFilter('delivery', { _id: id })));
    return doc ? toRecord(doc) : undefined;
  }

  async listDeliveries(query: { readonly state?: DeliveryFilter; readonly limit: number }): Promise<DeliveryRecord[]> {
    const docs = await read(this.c.find(FILTERS[query.state ?? 'any']).sort({ nextAttemptAt: 1, _id: 1 }).limit(query.limit).toArray());
    return docs.map(toRecord);
  }

  async countDeliveries(): Promise<DeliveryCounts> {
    const [pending, failed, dead, delivered, skipped] = await Promise.all(
      (['pending', 'failed', 'dead', 'delivered', 'skipped'] as const).map((state) => read(this.c.countDocuments(FILTERS[state]))),
    );
    return { pending: pending!, failed: failed!, dead: dead!, delivered: delivered!, skipped: skipped! };
  }

}
