/**
 * The notification outbox in PostgreSQL (engine/store/notificationOutbox.ts): a row per
 * notification for the applicant, inserted in the commit's transaction; leases taken with
 * `FOR UPDATE SKIP LOCKED`, as the jobs', so nodes sharing the database never hold one row.
 */
import type { PoolClient, QueryResultRow } from 'pg';
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

export const OUTBOX_MIGRATION = {
  version: 3,
  name: 'notification outbox',
  sql: `
CREATE TABLE notification_outbox (
  id text COLLATE "C" PRIMARY KEY,
  state text COLLATE "C" NOT NULL,
  attempts integer NOT NULL,
  next_attempt_at text COLLATE "C" NOT NULL,
  locked_until text COLLATE "C",
  lock_owner text COLLATE "C",
  doc jsonb NOT NULL
);
CREATE INDEX notification_outbox_due ON notification_outbox (state, next_attempt_at, id);
`,
} as const;

interface OutboxRow {
  readonly id: string;
  readonly state: string;
  readonly attempts: number;
  readonly locked_until: string | null;
  readonly lock_owner: string | null;
  readonly doc: DeliveryRecord;
}

const FILTERS: Record<DeliveryFilter | 'any', string> = {
  any: 'TRUE',
  pending: "state = 'pending'",
  failed: "state = 'pending' AND attempts > 0",
  dead: "state = 'dead'",
  delivered: "state = 'delivered'",
  skipped: "state = 'skipped'",
};

type Query = <R extends QueryResultRow>(sql: string, params?: unknown[]) => Promise<R[]>;

/** Inside the commit's transaction. */
export async function applyOutbox(c: PoolClient, batch: CommitBatch): Promise<void> {
  for (const n of batch.notifications ?? []) {
    const record = newDelivery(n);
    if (record) {
      await c.query('INSERT INTO notification_outbox (id, state, attempts, next_attempt_at, doc) VALUES ($1, $2, $3, $4, $5)', [
        record.id,
        record.state,
        record.attempts,
        record.nextAttemptAt,
        JSON.stringify(deliveryDoc(record)),
      ]);
    }
  }
  for (const { id, at } of batch.deliveryRequeues ?? []) {
    const { rows } = await c.query<OutboxRow>('SELECT * FROM notification_outbox WHERE id = $1 FOR UPDATE', [id]);
    const row = rows[0];
    if (!row || row.state !== 'dead') throw notDead(id);
    const next = requeued(toRecord(row), at);
    await c.query(
      `UPDATE notification_outbox SET state = 'pending', attempts = $1, next_attempt_at = $2, doc = $3, lock_owner = NULL, locked_until = NULL WHERE id = $4`,
      [next.attempts, next.nextAttemptAt, JSON.stringify(deliveryDoc(next)), id],
    );
  }
}

export class PostgresOutbox {
  constructor(private readonly rows: Query) {}

  async acquireDeliveries(request: AcquireDeliveries): Promise<DeliveryRecord[]> {
    if (request.limit <= 0) return [];
    const rows = await this.rows<OutboxRow>(
      `UPDATE notification_outbox SET lock_owner = $3, locked_until = $4
       WHERE id IN (SELECT id FROM notification_outbox
                    WHERE state = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until < $1)
                    ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [request.now, request.limit, request.owner, request.lockedUntil],
    );
    return rows.map(toRecord).sort((a, b) => (a.nextAttemptAt < b.nextAttemptAt ? -1 : a.nextAttemptAt > b.nextAttemptAt ? 1 : a.id < b.id ? -1 : 1));
  }

  async settleDelivery(id: string, owner: string, outcome: DeliveryOutcome): Promise<boolean> {
    const current = await this.getDelivery(id);
    if (!current || current.lockOwner !== owner) return false;
    const next = deliveryDoc(settled(current, outcome));
    const rows = await this.rows(
      `UPDATE notification_outbox SET state = $1, attempts = $2, next_attempt_at = $3, doc = $4, lock_owner = NULL, locked_until = NULL
       WHERE id = $5 AND lock_owner = $6 RETURNING id`,
      [next.state, next.attempts, next.nextAttemptAt, JSON.stringify(next), id, owner],
    );
    return rows.length === 1;
  }

  async getDelivery(id: string): Promise<DeliveryRecord | undefined> {
    const [row] = await this.rows<OutboxRow>('SELECT * FROM notification_outbox WHERE id = $1', [id]);
    return row ? toRecord(row) : undefined;
  }

  async listDeliveries(query: { readonly state?: DeliveryFilter; readonly limit: number }): Promise<DeliveryRecord[]> {
    const rows = await this.rows<OutboxRow>(`SELECT * FROM notification_outbox WHERE ${FILTERS[query.state ?? 'any']} ORDER BY next_attempt_at, id LIMIT $1`, [query.limit]);
    return rows.map(toRecord);
  }

  async countDeliveries(): Promise<DeliveryCounts> {
    const rows = await this.rows<{ state: string; failed: string; n: string }>(
      "SELECT state, SUM(CASE WHEN state = 'pending' AND attempts > 0 THEN 1 ELSE 0 END) AS failed, COUNT(*) AS n FROM notification_outbox GROUP BY state",
    );
    const counts = { pending: 0, failed: 0, dead: 0, delivered: 0, skipped: 0 };
    for (const row of rows) {
      if (row.state === 'pending' || row.state === 'dead' || row.state === 'delivered' || row.state === 'skipped') counts[row.state] = Number(row.n);
      counts.failed += Number(row.failed);
    }
    return counts;
  }

}

function toRecord(row: OutboxRow): DeliveryRecord {
  return { ...row.doc, lockedUntil: row.locked_until, lockOwner: row.lock_owner };
}
