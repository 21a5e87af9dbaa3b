import type Database from 'better-sqlite3';
import type { CommitBatch } from '../port.js';
import { applyBatch } from './applyBatch.js';
import { applyIdempotencyKeys, type IdempotencyStatements } from './idempotencyKeys.js';
import type { SqliteOutbox } from './notificationOutbox.js';
import type { Statements } from './statements.js';

/**
 * The transactions a commit runs, on whichever connection writes (the store's own, or the
 * writer thread's): one unit's batch, and a group of units, each in its own SAVEPOINT
 * (better-sqlite3 nests transactions so) — a unit that throws is rolled back alone, and its
 * error is given back in its place; an error that ended the whole transaction (SQLite rolls back
 * by itself on a full disk or an I/O error) fails the group: no unit of it was kept.
 */
export interface WriteTransactions {
  readonly apply: Database.Transaction<(batch: CommitBatch) => void>;
  /** Per unit: undefined (kept) or the error it was rolled back alone for. */
  readonly group: Database.Transaction<(batches: readonly CommitBatch[]) => unknown[]>;
}

export function writeTransactions(db: Database.Database, statements: Statements, keys: IdempotencyStatements, outbox: SqliteOutbox): WriteTransactions {
  const apply = db.transaction((batch: CommitBatch) => {
    applyIdempotencyKeys(keys, batch);
    applyBatch(statements, batch);
    outbox.applyBatch(batch);
  });
  const group = db.transaction((batches: readonly CommitBatch[]): unknown[] =>
    batches.map((batch) => {
      try {
        apply(batch);
        return undefined;
      } catch (error) {
        if (!db.inTransaction) throw error;
        return error;
      }
    }),
  );
  return { apply, group };
}
