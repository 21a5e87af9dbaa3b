/**
 * The audit trail's next entries, appended first in the commit's transaction: the tail is
 * claimed (read and written) at the start, so a concurrent appender conflicts at once and a
 * long batch (a 500-update sweep chunk) does not read the tail at its end and lose to every
 * short audit commit that landed meanwhile. `_id` is the seq: two writers of one seq collide.
 */
import type { ClientSession, Collection } from 'mongodb';
import type { AuditInput } from '../port.js';
import { chainAudit } from '../shared/batchRules.js';
import type { StoredDoc } from './applyBatch.js';
import { isDuplicateKey } from './applyBatch.js';
import { toJsonValue, toStoredJson } from './jsonRecord.js';
import { AuditRace } from './storeErrors.js';

export async function claimAuditTail(audit: Collection<StoredDoc>, inputs: readonly AuditInput[], session: ClientSession): Promise<void> {
  const last = await audit.findOne({}, { session, sort: { _id: -1 }, projection: { hash: 1 } });
  const tail = typeof last?._id === 'number' && typeof last['hash'] === 'string' ? { seq: last._id, hash: last['hash'] } : undefined;
  // normalised before hashing, so the hash covers exactly what is read back (keys unescaped)
  const first = (tail?.seq ?? 0) + 1;
  const normalised = inputs.map((input, i) => toJsonValue(input, `audit entry ${first + i}`));
  const docs: StoredDoc[] = chainAudit(normalised, tail).map((entry) => ({ ...toStoredJson(entry, `audit entry ${entry.seq}`), _id: entry.seq }));
  try {
    await audit.insertMany(docs, { session });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AuditRace();
    throw err;
  }
}
