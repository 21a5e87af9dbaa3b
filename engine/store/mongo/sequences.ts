/**
 * Commit order for history and notifications: a counter per instance, advanced inside the
 * commit's transaction. Two commits touching one instance's counter conflict (the second waits
 * for or retries after the first), so the numbers follow the order the commits took effect in,
 * on every server, unlike an ObjectId made in some process before its commit.
 */
import type { ClientSession, Collection } from 'mongodb';
import type { StoredDoc } from './storedDoc.js';

export type SequenceKind = 'history' | 'notifications';

export function sequenceId(kind: SequenceKind, instanceId: string): string {
  return `${kind}:${instanceId}`;
}

/** Reserves `count` numbers for the instance; returns the first (numbers start at 1). */
export async function reserveSequence(sequences: Collection<StoredDoc>, kind: SequenceKind, instanceId: string, count: number, session: ClientSession): Promise<number> {
  const after = await sequences.findOneAndUpdate(
    { _id: sequenceId(kind, instanceId) },
    { $inc: { n: count } },
    { upsert: true, returnDocument: 'after', session, projection: { n: 1 } },
  );
  const n = typeof after?.['n'] === 'number' ? after['n'] : count;
  return n - count + 1;
}

/** Each entry with its number, in batch order within each instance. */
export async function numberByInstance<T extends { readonly instanceId: string }>(
  sequences: Collection<StoredDoc>,
  kind: SequenceKind,
  entries: readonly T[],
  session: ClientSession,
): Promise<Array<{ entry: T; seq: number }>> {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.instanceId, (counts.get(e.instanceId) ?? 0) + 1);
  const next = new Map<string, number>();
  for (const [instanceId, count] of counts) next.set(instanceId, await reserveSequence(sequences, kind, instanceId, count, session));
  return entries.map((entry) => {
    const seq = next.get(entry.instanceId)!;
    next.set(entry.instanceId, seq + 1);
    return { entry, seq };
  });
}
