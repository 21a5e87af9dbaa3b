/**
 * The rules of a commit batch, once, as pure functions: the adapters do only the I/O around them.
 *
 *  - Order: idempotency keys first (a taken key writes nothing else), then
 *    definitions, instances, tasks, job deletes and completions before job inserts (a step may
 *    re-arm a job under the same id), history, audit, policies, notifications (postgres
 *    appends the audit last, to hold its chain lock for the shortest time; the result is the same).
 *  - Version guards: `checkNextVersion` refuses a caller bug (record.version must be expected + 1)
 *    before any write; `staleVersion` / `jobNotHeld` are the ConflictErrors of a lost race.
 *  - Audit chaining: `chainAudit` turns the inputs into entries after the stored tail (read
 *    under the adapter's write lock: sqlite's IMMEDIATE transaction, postgres' advisory lock).
 *  - Policy guards: `checkPolicyVersion` (n needs n - 1 to be the latest), `dropsPrevious`.
 *  - Idempotency keys: `keyTaken` is the ConflictError of a held key; an expired key (expiresAt
 *    <= the new record's `at`) is pruned first, so it may be used again.
 *
 * Used by all three adapters. The mongo adapter (applyBatch.ts, auditTail.ts, idempotencyKeys.ts)
 * calls `checkNextVersion` before each replaceOne and throws `staleVersion` on matchedCount 0,
 * `jobNotHeld` on deletedCount 0, `alreadyExists` / `keyTaken` on a duplicate `_id`; it chains
 * the audit with `chainAudit` from the tail it claims first, and checks policies with
 * `checkPolicyVersion` / `dropsPrevious` after its findOne of the latest version.
 */
import { chainEntry, chainText, GENESIS, type AuditText } from '../../audit/chain.js';
import { ConflictError } from '../../errors.js';
import type { AuditEntry, AuditInput, CommitBatch, HistoryEntry, PolicyWrite } from '../port.js';

/** A caller bug, not a race: say so rather than store a version that breaks the next CAS. */
export function checkNextVersion(what: 'instance' | 'task', id: string, version: number, expected: number): void {
  if (version !== expected + 1) {
    throw new Error(`${what} ${id}: record.version ${version} must be expectedVersion + 1 (${expected + 1})`);
  }
}

export function staleVersion(what: 'instance' | 'task', id: string, expected: number): ConflictError {
  return new ConflictError(`${what} ${id} is no longer at version ${expected}`, id);
}

export function jobNotHeld(id: string, owner: string): ConflictError {
  return new ConflictError(`job ${id} is no longer held by ${owner}`, id);
}

/** A kept message another step consumed first (or that was never stored). */
export function messageGone(id: string): ConflictError {
  return new ConflictError(`message ${id} was already consumed`, id);
}

/** A unique-key violation on insert: a lost race or a repeated request. */
export function alreadyExists(what: string, subject: string, detail?: string): ConflictError {
  return new ConflictError(`${what} already exists${detail ? ` (${detail})` : ''}`, subject);
}

/** The stored end of the chain: no entry yet is seq 0 after GENESIS. */
export interface AuditTail {
  readonly seq: number;
  readonly hash: string;
}

/** The entries to append after `tail`, chained in order. */
export function chainAudit(inputs: readonly AuditInput[], tail: AuditTail | undefined): AuditEntry[] {
  return chainAfter(inputs, tail, chainEntry);
}

/** The same from the entries' canonical text (chain.ts#auditText): each its seq, subject, hash and stored JSON. */
export function chainAuditText(texts: readonly AuditText[], tail: AuditTail | undefined): { readonly seq: number; readonly subject: string; readonly hash: string; readonly doc: string }[] {
  return chainAfter(texts, tail, (text, seq, prev) => ({ seq, subject: text.subject, ...chainText(text, seq, prev) }));
}

/** Links each item after the one before it, the first after `tail` (or the genesis). */
function chainAfter<T, E extends { readonly hash: string }>(items: readonly T[], tail: AuditTail | undefined, link: (item: T, seq: number, prev: string) => E): E[] {
  let seq = tail?.seq ?? 0;
  let prev = tail?.hash ?? GENESIS;
  return items.map((item) => {
    const entry = link(item, ++seq, prev);
    prev = entry.hash;
    return entry;
  });
}

/** Version n of a policy document needs n - 1 to be the latest stored (0: none yet). */
export function checkPolicyVersion(p: PolicyWrite, latest: number): void {
  if (p.version !== latest + 1) {
    throw new ConflictError(`${p.kind} ${p.id} is at version ${latest}, not ${p.version - 1}: someone changed it meanwhile`, p.id);
  }
}

/** Whether writing `p` removes the version before it (`keepHistory: false`). */
export function dropsPrevious(p: PolicyWrite, latest: number): boolean {
  return !p.keepHistory && latest > 0;
}

export function keyTaken(key: string): ConflictError {
  return new ConflictError(`idempotency key '${key}' is already held by another start`, key);
}

/** History entries grouped per instance, in writing order: one stored row per instance and commit. */
export function historyByInstance(history: readonly HistoryEntry[]): Map<string, HistoryEntry[]> {
  const byInstance = new Map<string, HistoryEntry[]>();
  for (const h of history) {
    const list = byInstance.get(h.instanceId);
    if (list) list.push(h);
    else byInstance.set(h.instanceId, [h]);
  }
  return byInstance;
}

/** At most this many expired kept messages are deleted by one commit that keeps new ones: pruning as it goes stays bounded. */
export const PRUNE_PER_COMMIT = 100;

/**
 * The moment a batch keeps its messages (the latest publication among them), or undefined when
 * it keeps none: messages expired by then are pruned in the same commit, by the engine's clock.
 */
export function latestPublication(batch: CommitBatch): string | undefined {
  let latest: string | undefined;
  for (const m of batch.messageInserts ?? []) if (latest === undefined || m.publishedAt > latest) latest = m.publishedAt;
  return latest;
}
