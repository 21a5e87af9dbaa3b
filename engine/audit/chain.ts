import { createHash } from 'node:crypto';
import type { AuditEntry, AuditInput } from '../store/port.js';

/** The hash of the (empty) link before the first entry. */
export const GENESIS = '0'.repeat(64);

/**
 * Chains one audit entry to the previous one: hash = sha256(prev | seq | canonical entry).
 * Editing any field of any entry breaks every hash from there on.
 */
export function chainEntry(input: AuditInput, seq: number, prev: string): AuditEntry {
  // Fixed field order, so no generic canonicalisation is needed but for the free-form data.
  const text = `${prev}|${seq}|${input.at}|${input.actor}|${input.action}|${input.subject}|${input.data === undefined ? '' : canonical(input.data)}`;
  const hash = createHash('sha256').update(text).digest('hex');
  return { ...input, seq, prev, hash };
}

/** The first entry whose hash or link does not match, or undefined when the chain holds. */
export function findBrokenLink(entries: Iterable<AuditEntry>, startPrev = GENESIS): AuditEntry | undefined {
  let prev = startPrev;
  for (const entry of entries) {
    const { seq, prev: _p, hash: _h, ...input } = entry;
    const expected = chainEntry(input, seq, prev);
    if (entry.prev !== prev || entry.hash !== expected.hash) return entry;
    prev = entry.hash;
  }
  return undefined;
}

/** JSON with keys sorted at every level, so the hash does not depend on key order. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}
