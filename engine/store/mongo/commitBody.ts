/**
 * One commit's writes, in the order they must happen inside the transaction: the audit tail
 * claimed first (auditTail.ts), then the idempotency keys (a taken key aborts before the rest is
 * written), then the records (applyBatch.ts).
 */
import type { ClientSession } from 'mongodb';
import type { CommitBatch } from '../port.js';
import { applyBatch } from './applyBatch.js';
import type { Collections } from './applyBatch.js';
import { claimAuditTail } from './auditTail.js';
import { recordIdempotencyKeys } from './idempotencyKeys.js';
import { applyOutbox } from './notificationOutbox.js';

export async function commitBody(c: Collections, batch: CommitBatch, session: ClientSession): Promise<void> {
  if (batch.audit?.length) await claimAuditTail(c.audit, batch.audit, session);
  if (batch.idempotencyKeys?.length) await recordIdempotencyKeys(c.idempotency, batch.idempotencyKeys, session);
  await applyBatch(c, batch, session);
  await applyOutbox(c.notificationOutbox, batch, session);
}
