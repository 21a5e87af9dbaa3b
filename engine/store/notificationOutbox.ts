/**
 * The delivery state of the notifications an applicant is told (the outbox). A notification
 * with a `kind` gets its delivery record in the same commit as the notification itself, so a
 * step that told the applicant is never lost between the engine and the delivery worker.
 *
 * Leasing works like the jobs' (engine/store/port.ts `acquireJobs`): a worker holds a record
 * until `lockedUntil`; another worker on the same store takes it only after that, so two
 * server nodes never deliver one notification at once. The record's id is the notification's:
 * the idempotency key the e-mail's Message-ID and the SMS gateway carry.
 */
import { ConflictError } from '../errors.js';
import type { NotificationRecord } from '../records/index.js';

/** `skipped`: the applicant gave no phone or e-mail, so there was nobody to send it to. */
export const DELIVERY_STATES = ['pending', 'delivered', 'dead', 'skipped'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const DELIVERY_CHANNELS = ['email', 'sms'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export interface DeliveryRecord {
  /** The notification's id: the idempotency key of every send. */
  readonly id: string;
  readonly notification: NotificationRecord;
  readonly state: DeliveryState;
  /** Failed attempts since it was queued (or requeued). */
  readonly attempts: number;
  /** Not tried again before this instant. */
  readonly nextAttemptAt: string;
  readonly lastAttemptAt?: string;
  /** The last failure, in words (a gateway's answer, an SMTP error): for operators. */
  readonly lastError?: string;
  readonly deliveredAt?: string;
  /** Channels already delivered, with when: a retry sends only the others. */
  readonly sent: Readonly<Partial<Record<DeliveryChannel, string>>>;
  /** How often an operator put it back from the dead letters. */
  readonly requeued?: number;
  readonly lockedUntil?: string | null;
  readonly lockOwner?: string | null;
}

export interface AcquireDeliveries {
  /** Records due at or before this instant. */
  readonly now: string;
  readonly lockedUntil: string;
  readonly owner: string;
  readonly limit: number;
}

/** The outcome of one attempt. */
export interface DeliveryOutcome {
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastAttemptAt: string;
  readonly lastError?: string;
  readonly deliveredAt?: string;
  readonly sent: Readonly<Partial<Record<DeliveryChannel, string>>>;
}

/** `failed`: pending after at least one failed attempt (being retried). */
export type DeliveryFilter = DeliveryState | 'failed';

export interface DeliveryCounts {
  readonly pending: number;
  readonly failed: number;
  readonly dead: number;
  readonly delivered: number;
  readonly skipped: number;
}

export interface NotificationOutbox {
  /** Leases pending records due now whose lease is free or expired, earliest first. */
  acquireDeliveries(request: AcquireDeliveries): Promise<DeliveryRecord[]>;
  /** Records an attempt and frees the lease; false (nothing written) when `owner` no longer holds it. */
  settleDelivery(id: string, owner: string, outcome: DeliveryOutcome): Promise<boolean>;
  getDelivery(id: string): Promise<DeliveryRecord | undefined>;
  /** Ordered by nextAttemptAt, then id; `failed` is pending with attempts. */
  listDeliveries(query: { readonly state?: DeliveryFilter; readonly limit: number }): Promise<DeliveryRecord[]>;
  countDeliveries(): Promise<DeliveryCounts>;
}

/** A dead letter put back (CommitBatch.deliveryRequeues), in the commit that audits it. */
export interface DeliveryRequeue {
  readonly id: string;
  readonly at: string;
}

export function notDead(id: string): ConflictError {
  return new ConflictError(`notification ${id} is not a dead letter (any more)`, id);
}

/** The record a new notification gets in its commit; undefined when it is not for the applicant. */
export function newDelivery(n: NotificationRecord): DeliveryRecord | undefined {
  if (!n.kind) return undefined;
  return { id: n.id, notification: n, state: 'pending', attempts: 0, nextAttemptAt: n.at, sent: {} };
}

/** The stored document without the lease (the adapters keep the lease in their own columns). */
export function deliveryDoc(record: DeliveryRecord): Omit<DeliveryRecord, 'lockedUntil' | 'lockOwner'> {
  const { lockedUntil: _l, lockOwner: _o, ...doc } = record;
  return doc;
}

export function settled(record: DeliveryRecord, outcome: DeliveryOutcome): DeliveryRecord {
  const { lastError: _e, deliveredAt: _d, lockedUntil: _l, lockOwner: _o, ...rest } = record;
  return { ...rest, ...outcome };
}

export function requeued(record: DeliveryRecord, at: string): DeliveryRecord {
  const { lockedUntil: _l, lockOwner: _o, ...rest } = record;
  return { ...rest, state: 'pending', attempts: 0, nextAttemptAt: at, requeued: (record.requeued ?? 0) + 1 };
}
