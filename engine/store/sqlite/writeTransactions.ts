import type Database from 'better-sqlite3';
import type { PreparedBatch } from './preparedBatch.js';
import { applyBatch, AuditTailCursor } from './applyBatch.js';
import { applyIdempotencyKeys, type IdempotencyStatements } from './idempotencyKeys.js';
import type { SqliteOutbox } from './notificationOutbox.js';
import type { Statements } from './statements.js';

/**
 * The transactions a commit runs, on whichever connection writes (the store's own, or the
 * writer thread's): one unit's batch, and a group of units.
 *
 * A group first runs as one IMMEDIATE transaction with no savepoints: nearly always every unit
 * holds (units of one group are mostly different instances' steps). Only when a unit throws is
 * that transaction rolled back whole and the group run again with each unit in its own SAVEPOINT
 * (better-sqlite3 nests transactions so): the unit that throws is rolled back alone and its error
 * given back in its place, the others kept. An error that ends the whole transaction (SQLite
 * rolls back by itself on a full disk or an I/O error) fails the group: no unit of it was kept.
 * After a group that needed savepoints the next one starts with them, so a run of conflicts
 * (racing branches of one instance) is not applied twice each time. Measured on the national day
 * (5,000 applications, 50 workers): the SAVEPOINT and RELEASE of every unit cost 5–8 % of the
 * throughput, with either writer.
 */
export interface WriteTransactions {
  readonly apply: Database.Transaction<(batch: PreparedBatch) => void>;
  /** Applies a group in one IMMEDIATE transaction. Per unit: undefined (kept) or the error it was rolled back alone for. */
  readonly group: (batches: readonly PreparedBatch[]) => unknown[];
}

/** Thrown out of the group's transaction without savepoints when one of its units failed. */
const UNIT_FAILED = new Error('a unit of the group failed');

export function writeTransactions(db: Database.Database, statements: Statements, keys: IdempotencyStatements, outbox: SqliteOutbox): WriteTransactions {
  // Carried through a transaction's units; forgotten wherever rows may have been rolled back.
  const auditTail = new AuditTailCursor();
  const body = (batch: PreparedBatch) => {
    applyIdempotencyKeys(keys, batch);
    applyBatch(statements, batch, auditTail);
    outbox.applyBatch(batch);
  };
  // One unit: alone, or in its SAVEPOINT within a group (then it reads the tail again, as a
  // unit before it in the group may have been rolled back).
  const apply = db.transaction((batch: PreparedBatch) => {
    auditTail.forget();
    body(batch);
  });
  const together = db.transaction((batches: readonly PreparedBatch[]) => {
    auditTail.forget();
    for (const batch of batches) {
      try {
        body(batch);
      } catch {
        throw UNIT_FAILED;
      }
    }
  });
  const eachAlone = db.transaction((batches: readonly PreparedBatch[]): unknown[] =>
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
  let savepoints = false;
  const group = (batches: readonly PreparedBatch[]): unknown[] => {
    if (!savepoints) {
      try {
        together.immediate(batches);
        return batches.map(() => undefined);
      } catch (error) {
        // A unit failed: rolled back whole, the group again, each unit alone, tells which and
        // why. The transaction's own failure (the lock not had in time, the COMMIT) is the group's.
        if (error !== UNIT_FAILED) throw error;
      }
    }
    const errors = eachAlone.immediate(batches);
    savepoints = errors.some((error) => error !== undefined);
    return errors;
  };
  return { apply, group };
}
