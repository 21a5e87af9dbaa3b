import { hash } from 'node:crypto';
import type { AuditEntry, AuditInput } from '../store/port.js';

/** The hash of the (empty) link before the first entry. */
export const GENESIS = '0'.repeat(64);

/**
 * The encodings an entry's hash can have, marked in the entry as `format`:
 *  - 1 (no `format` field): `prev|seq|at|actor|action|subject|data`, written before issue 9.
 *    Ambiguous (`x|y`+`z` and `x`+`y|z` hash alike), so it is only *verified*, never written,
 *    and only as the leading run of a trail: stores from before the upgrade keep their entries
 *    and their hashes (re-chaining them would destroy the very evidence the chain is for).
 *  - 2: sha256 of the canonical JSON (keys sorted, data canonical) of every field but the hash,
 *    `format` included, so an entry cannot be re-read as another format or another split of
 *    its strings. Every new entry is format 2; a format 1 entry after a format 2 one is refused.
 */
export const AUDIT_FORMAT = 2;
export type AuditFormat = 1 | 2;

/**
 * The fields before the chain's own in canonical (sorted) order — `prev` and `seq` sort between
 * `format` and `subject`: known, so not sorted per entry.
 */
const HEAD_ORDER = ['action', 'actor', 'at', 'data', 'format'] as const;

/**
 * An entry's canonical text made before its place in the chain is known, split where the chain's
 * fields go: `head` is `{"action":…,"actor":…,"at":…,"data":…,"format":2` and `tail` is
 * `,"subject":…}`. Made where the entry is (the thread that stepped it), chained where the tail
 * is (chainText, on a writer thread), so no object crosses between them or is encoded again
 * there.
 */
export interface AuditText {
  readonly subject: string;
  readonly head: string;
  readonly tail: string;
}

export function auditText(input: AuditInput): AuditText {
  const { at, actor, action, subject, data } = input;
  const head = canonicalInOrder({ action, actor, at, data, format: AUDIT_FORMAT }, HEAD_ORDER);
  return { subject, head: head.slice(0, -1), tail: subject === undefined ? '}' : `,${quotedKey('subject')}${canonical(subject)}}` };
}

/**
 * Chains an entry's text after `prev` at `seq` (format 2): its hash, and its stored JSON — the
 * hashed canonical text with the hash as its last field, which parses to the entry chainEntry
 * makes.
 */
export function chainText(text: AuditText, seq: number, prev: string): { readonly hash: string; readonly doc: string } {
  const hashed = hashedText(text, seq, prev);
  const hash = sha256(hashed);
  return { hash, doc: `${hashed.slice(0, -1)},"hash":"${hash}"}` };
}

/** The canonical text a format 2 hash is taken of: the entry's text with the chain's fields in their sorted place. */
function hashedText(text: AuditText, seq: number, prev: string): string {
  return `${text.head},"prev":${JSON.stringify(prev)},"seq":${seq}${text.tail}`;
}

/** Chains one audit entry to the previous one (format 2): editing any field breaks its hash. */
export function chainEntry(input: AuditInput, seq: number, prev: string): AuditEntry {
  const { at, actor, action, subject, data } = input;
  // the hash alone (every verification recomputes it): no stored JSON made to be dropped
  const hash = sha256(hashedText(auditText(input), seq, prev));
  return data === undefined ? { format: AUDIT_FORMAT, seq, prev, at, actor, action, subject, hash } : { format: AUDIT_FORMAT, seq, prev, at, actor, action, subject, data, hash };
}

/**
 * `canonical(record)` for a record whose keys are all among `sortedKeys` (sorted as canonical
 * sorts them): the same text without sorting the keys of every entry (5.2 → 4.3 µs a chained
 * entry with the one-shot hash below; every step writes one to three).
 */
function canonicalInOrder(record: Readonly<Record<string, unknown>>, sortedKeys: readonly string[]): string {
  let text = '{';
  let first = true;
  for (const key of sortedKeys) {
    const item = record[key];
    if (item === undefined) continue;
    text += `${first ? '' : ','}${quotedKey(key)}${canonical(item)}`;
    first = false;
  }
  return `${text}}`;
}

/**
 * `"key":` of the keys already seen (the entry's own fields, the data's few dozen names): quoting
 * a key with JSON.stringify at every entry was a third of canonical's time (1.65 → 1.15 µs for a
 * task.assign entry's data). Bounded, since data keys are variable names that users choose.
 */
const QUOTED_KEYS = 1000;
const quoted = new Map<string, string>();

function quotedKey(key: string): string {
  let text = quoted.get(key);
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`;
    if (quoted.size < QUOTED_KEYS) quoted.set(key, text);
  }
  return text;
}

/** The format an entry says it has: no marker is the legacy format 1. */
export function formatOf(entry: AuditEntry): number {
  return entry.format ?? 1;
}

/** The hash an entry should have under its own format, or undefined for an unknown format. */
export function expectedHash(entry: AuditEntry): string | undefined {
  const { seq, prev, hash: _hash, format, ...input } = entry;
  if (format === undefined) return legacyHash(input, seq, prev);
  if (format === AUDIT_FORMAT) return chainEntry(input, seq, prev).hash;
  return undefined;
}

/** Format 1, exactly as it was written: kept to verify old trails only. */
function legacyHash(input: AuditInput, seq: number, prev: string): string {
  return sha256(`${prev}|${seq}|${input.at}|${input.actor}|${input.action}|${input.subject}|${input.data === undefined ? '' : canonical(input.data)}`);
}

/** The first entry whose hash or link does not match, or undefined when the chain holds. */
export function findBrokenLink(entries: Iterable<AuditEntry>, startPrev = GENESIS): AuditEntry | undefined {
  let prev = startPrev;
  for (const entry of entries) {
    if (entry.prev !== prev || entry.hash !== expectedHash(entry)) return entry;
    prev = entry.hash;
  }
  return undefined;
}

/**
 * JSON with keys sorted at every level, so the hash does not depend on key order. Written as
 * loops over one string (each audit entry is hashed once when written, 11 per application on
 * the national day, and again by every verification): a third faster than entries/filter/sort/map.
 */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + canonical(value[i]);
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  return canonicalInOrder(record, Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** One-shot `crypto.hash` (Node ≥ 20.12): no Hash object per entry, half the time of createHash for these short texts. */
function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}
