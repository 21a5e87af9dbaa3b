/**
 * Idempotency keys in sqlite: one row per (scope, key), written in the commit's transaction, so
 * of two racing starts under one key (in one process or several on the file) the second's
 * insert hits the primary key and its whole batch rolls back as a ConflictError.
 */
import type { Database, Statement } from 'better-sqlite3';
import { keyTaken } from '../shared/batchRules.js';
import type { CommitBatch, IdempotencyRecord } from '../port.js';

export interface IdempotencyStatements {
  readonly insert: Statement<[string, string, string, string]>;
  readonly prune: Statement<[string]>;
  readonly get: Statement<[string, string], string>;
}

export function prepareIdempotencyKeys(db: Database): IdempotencyStatements {
  return {
    insert: db.prepare('INSERT INTO idempotency_keys (scope, key, expires_at, doc) VALUES (?, ?, ?, ?)'),
    // Expired keys go before the insert: one that has lapsed may be used again, and the table
    // holds no more than a retention period's worth of starts.
    prune: db.prepare('DELETE FROM idempotency_keys WHERE expires_at <= ?'),
    get: db.prepare<[string, string], string>('SELECT doc FROM idempotency_keys WHERE scope = ? AND key = ?').pluck(),
  };
}

/** Runs inside the commit's transaction, before the rest of the batch (a taken key writes nothing). */
export function applyIdempotencyKeys(s: IdempotencyStatements, batch: CommitBatch): void {
  for (const record of batch.idempotencyKeys ?? []) {
    s.prune.run(record.at);
    try {
      s.insert.run(record.scope, record.key, record.expiresAt, JSON.stringify(record));
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw keyTaken(record.key);
      }
      throw err;
    }
  }
}

export function readIdempotencyKey(s: IdempotencyStatements, scope: string, key: string): IdempotencyRecord | undefined {
  const doc = s.get.get(scope, key);
  return doc === undefined ? undefined : (JSON.parse(doc) as IdempotencyRecord);
}
