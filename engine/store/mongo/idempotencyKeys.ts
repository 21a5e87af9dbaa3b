/**
 * Idempotency keys in MongoDB: one document per (scope, key) under a unique `_id`, inserted in
 * the commit's transaction. Of two racing starts under one key (on any server of the replica
 * set) the second gets a write conflict or a duplicate key: its transaction aborts, and the
 * engine, retrying, finds the first start's record.
 */
import type { ClientSession, Collection, Document } from 'mongodb';
import { keyTaken } from '../shared/batchRules.js';
import type { IdempotencyRecord } from '../port.js';
import { isDuplicateKey, type StoredDoc } from './applyBatch.js';
import { strictFilter } from './filters.js';
import { fromStoredJson, toStoredJson } from './jsonRecord.js';

/** Unambiguous whatever the scope and key hold. */
function idOf(scope: string, key: string): string {
  return JSON.stringify([scope, key]);
}

export async function recordIdempotencyKeys(keys: Collection<StoredDoc>, records: readonly IdempotencyRecord[], session: ClientSession): Promise<void> {
  for (const record of records) {
    const _id = idOf(record.scope, record.key);
    // A lapsed key may be used again; the TTL index (indexes.ts) removes the rest in the background.
    await keys.deleteOne(strictFilter('idempotency key', { _id, expiresAt: { $lte: record.at } }), { session });
    try {
      // `_expires` is a Date for the TTL index, added after the normaliser (which makes dates strings)
      await keys.insertOne({ ...toStoredJson(record, `idempotency key ${record.key}`), _id, _expires: new Date(record.expiresAt) }, { session });
    } catch (err) {
      if (isDuplicateKey(err)) throw keyTaken(record.key);
      throw err;
    }
  }
}

export async function readIdempotencyKey(keys: Collection<StoredDoc>, scope: string, key: string): Promise<IdempotencyRecord | undefined> {
  const doc: Document | null = await keys.findOne({ _id: idOf(scope, key) }, { projection: { _id: 0, _expires: 0 } });
  return doc ? fromStoredJson<IdempotencyRecord>(doc) : undefined;
}
