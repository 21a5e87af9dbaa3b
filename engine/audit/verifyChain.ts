import type { AuditEntry, Store } from '../store/port.js';
import { chainEntry, GENESIS } from './chain.js';

export interface ChainReport {
  readonly ok: boolean;
  /** Entries checked (up to and including the first broken one). */
  readonly checked: number;
  /** The first entry whose hash or link does not match what it should be. */
  readonly firstBroken?: { readonly seq: number; readonly action: string; readonly subject: string; readonly at: string; readonly reason: string };
}

const PAGE = 5_000;

/**
 * Walks the whole audit trail in order and recomputes every hash: an entry edited, removed or
 * inserted in the store breaks the chain at that entry, and the report names it.
 */
export async function verifyChain(store: Store): Promise<ChainReport> {
  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (let after = 0; ; ) {
    const page = await store.audit({ afterSeq: after, limit: PAGE });
    for (const entry of page) {
      checked++;
      const reason = problem(entry, prev, expectedSeq);
      if (reason) return { ok: false, checked, firstBroken: { seq: entry.seq, action: entry.action, subject: entry.subject, at: entry.at, reason } };
      prev = entry.hash;
      expectedSeq = entry.seq + 1;
    }
    if (page.length < PAGE) return { ok: true, checked };
    after = page.at(-1)!.seq;
  }
}

function problem(entry: AuditEntry, prev: string, expectedSeq: number): string | undefined {
  if (entry.seq !== expectedSeq) return `entry ${expectedSeq} is missing (found ${entry.seq} next)`;
  if (entry.prev !== prev) return 'its link to the previous entry does not match';
  const { seq, prev: _p, hash, ...input } = entry;
  if (chainEntry(input, seq, prev).hash !== hash) return 'its content does not match its hash (edited)';
  return undefined;
}
