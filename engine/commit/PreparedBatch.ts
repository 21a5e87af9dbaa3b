import type { CommitBatch } from '../store/port.js';
import type { Batchable } from './transact.js';

/**
 * A transaction's writes stated as one batch by a command that computes them itself (a
 * withdrawal, documents brought, a give-back): `transact` commits it and, on a lost version
 * race, runs the command's body again on a fresh one.
 */
export class PreparedBatch implements Batchable {
  private batch: CommitBatch = {};

  set(batch: CommitBatch): void {
    this.batch = batch;
  }

  toBatch(): CommitBatch {
    return this.batch;
  }
}
