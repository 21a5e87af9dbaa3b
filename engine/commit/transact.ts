import { ConflictError } from '../errors.js';
import type { CommitBatch, Store } from '../store/port.js';

/**
 * Attempts one transaction gets before its ConflictError reaches the caller (a 409): the first
 * and five retries. The only retry bound in the engine.
 */
export const MAX_ATTEMPTS = 6;

/** Anything that gathers a transaction's writes (a WriteSet, a UnitOfWork). */
export interface Batchable {
  toBatch(): CommitBatch | Promise<CommitBatch>;
}

export interface TransactOptions<T> {
  /**
   * Asked after a commit lost a race: an answer ends the transaction with it instead of a retry
   * (a concurrent repeat of an idempotent start committed first: its result is the answer).
   */
  readonly onConflict?: (error: ConflictError) => Promise<T | undefined>;
}

/**
 * load → step → commit → retry. `body` reads what it needs afresh (from the store or through
 * the unit) and stages its writes in a fresh `open()`ed unit; the unit's batch is committed
 * atomically (`committed`: that unit; none when `onConflict` answered). A commit that loses a version race (ConflictError) runs the whole body again
 * on a fresh unit, at most MAX_ATTEMPTS times in all. A ConflictError the body itself throws
 * (the task was completed meanwhile, the token moved on) is the answer, not retried.
 *
 * A body must therefore have no effect outside its unit: service-task handlers are never run
 * inside one; they run after the commit as jobs (engine/jobs/HandlerJobs.ts).
 */
export async function transact<U extends Batchable, T>(store: Store, open: () => U, body: (unit: U) => Promise<T>, options: TransactOptions<T> = {}): Promise<{ value: T; committed: U | undefined }> {
  for (let attempt = 1; ; attempt++) {
    const unit = open();
    const value = await body(unit);
    const batch = await unit.toBatch();
    if (Object.keys(batch).length === 0) return { value, committed: unit }; // nothing to write
    try {
      await store.commit(batch);
      return { value, committed: unit };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const answer = await options.onConflict?.(error);
      if (answer !== undefined) return { value: answer, committed: undefined };
      if (attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
