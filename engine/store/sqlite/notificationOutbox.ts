/**
 * The notification outbox in sqlite (engine/store/notificationOutbox.ts): one row per
 * notification for the applicant, inserted in the commit's transaction; the lease in columns,
 * taken inside an IMMEDIATE transaction so two processes on the file never hold one row.
 */
import type { Database, Statement } from 'better-sqlite3';
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

// A new table: files made before it gain it at the next open.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS notification_outbox (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at TEXT NOT NULL,
  locked_until TEXT,
  lock_owner TEXT,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS notification_outbox_due ON notification_outbox (state, next_attempt_at, id);
`;

interface OutboxRow {
  readonly id: string;
  readonly state: string;
  readonly attempts: number;
  readonly next_attempt_at: string;
  readonly locked_until: string | null;
  readonly lock_owner: string | null;
  readonly doc: string;
}

const FILTERS: Record<DeliveryFilter | 'any', string> = {
  any: '1 = 1',
  pending: "state = 'pending'",
  failed: "state = 'pending' AND attempts > 0",
  dead: "state = 'dead'",
  delivered: "state = 'delivered'",
  skipped: "state = 'skipped'",
};

export class SqliteOutbox {
  private readonly insert: Statement<[string, string, number, string, string]>;
  private readonly due: Statement<[string, string, number], OutboxRow>;
  private readonly lock: Statement<[string, string, string]>;
  private readonly settle: Statement<[string, number, string, string, string, string]>;
  private readonly get: Statement<[string], OutboxRow>;
  private readonly requeue: Statement<[number, string, string, string]>;
  private readonly counts: Statement<[], { state: string; failed: number; n: number }>;
  private readonly lists = new Map<string, Statement<[number], OutboxRow>>();
  readonly acquire: (request: AcquireDeliveries) => DeliveryRecord[];

  constructor(private readonly db: Database) {
    db.exec(SCHEMA);
    this.insert = db.prepare('INSERT INTO notification_outbox (id, state, attempts, next_attempt_at, doc) VALUES (?, ?, ?, ?, ?)');
    this.due = db.prepare(
      `SELECT * FROM notification_outbox WHERE state = 'pending' AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until < ?)
       ORDER BY next_attempt_at, id LIMIT ?`,
    );
    this.lock = db.prepare('UPDATE notification_outbox SET lock_owner = ?, locked_until = ? WHERE id = ?');
    this.settle = db.prepare(
      'UPDATE notification_outbox SET state = ?, attempts = ?, next_attempt_at = ?, doc = ?, lock_owner = NULL, locked_until = NULL WHERE id = ? AND lock_owner = ?',
    );
    this.get = db.prepare('SELECT * FROM notification_outbox WHERE id = ?');
    this.requeue = db.prepare(
      "UPDATE notification_outbox SET state = 'pending', attempts = ?, next_attempt_at = ?, doc = ?, lock_owner = NULL, locked_until = NULL WHERE id = ? AND state = 'dead'",
    );
    this.counts = db.prepare("SELECT state, SUM(CASE WHEN state = 'pending' AND attempts > 0 THEN 1 ELSE 0 END) AS failed, COUNT(*) AS n FROM notification_outbox GROUP BY state");
    const acquire = db.transaction((request: AcquireDeliveries) => {
      const rows = this.due.all(request.now, request.now, request.limit);
      for (const row of rows) this.lock.run(request.owner, request.lockedUntil, row.id);
      return rows.map((row) => ({ ...toRecord(row), lockOwner: request.owner, lockedUntil: request.lockedUntil }));
    });
    this.acquire = (request) => acquire.immediate(request);
  }

  /** Inside the commit's transaction: a row for every notification the applicant is told. */
  applyBatch(batch: CommitBatch): void {
    for (const n of batch.notifications ?? []) {
      const record = newDelivery(n);
      if (record) this.insert.run(record.id, record.state, record.attempts, record.nextAttemptAt, JSON.stringify(deliveryDoc(record)));
    }
    for (const { id, at } of batch.deliveryRequeues ?? []) {
      const row = this.get.get(id);
      if (!row || row.state !== 'dead') throw notDead(id);
      const next = requeued(toRecord(row), at);
      this.requeue.run(next.attempts, next.nextAttemptAt, JSON.stringify(deliveryDoc(next)), id);
    }
  }

  settleDelivery(id: string, owner: string, outcome: DeliveryOutcome): boolean {
    const row = this.get.get(id);
    if (!row || row.lock_owner !== owner) return false;
    const next = deliveryDoc(settled(toRecord(row), outcome));
    return this.settle.run(next.state, next.attempts, next.nextAttemptAt, JSON.stringify(next), id, owner).changes === 1;
  }

  getDelivery(id: string): DeliveryRecord | undefined {
    const row = this.get.get(id);
    return row ? toRecord(row) : undefined;
  }

  listDeliveries(query: { readonly state?: DeliveryFilter; readonly limit: number }): DeliveryRecord[] {
    const where = FILTERS[query.state ?? 'any'];
    let statement = this.lists.get(where);
    if (!statement) {
      statement = this.db.prepare<[number], OutboxRow>(`SELECT * FROM notification_outbox WHERE ${where} ORDER BY next_attempt_at, id LIMIT ?`);
      this.lists.set(where, statement);
    }
    return statement.all(query.limit).map(toRecord);
  }

  countDeliveries(): DeliveryCounts {
    const counts = { pending: 0, failed: 0, dead: 0, delivered: 0, skipped: 0 };
    for (const row of this.counts.all()) {
      if (row.state === 'pending' || row.state === 'dead' || row.state === 'delivered' || row.state === 'skipped') counts[row.state] = row.n;
      counts.failed += row.failed;
    }
    return counts;
  }

}

function toRecord(row: OutboxRow): DeliveryRecord {
  const doc = JSON.parse(row.doc) as DeliveryRecord;
  return { ...doc, lockedUntil: row.locked_until, lockOwner: row.lock_owner };
}
