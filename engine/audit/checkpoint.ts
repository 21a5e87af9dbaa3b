import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonical } from './chain.js';

/**
 * A checkpoint anchors the chain outside the store: "entry `seq` had hash `hash` at `at`",
 * signed with HMAC-SHA256 under a key the store does not hold. Whoever can rewrite the store
 * but not read the key can neither move an anchor nor make a new one.
 *
 * The signature is over the canonical JSON of `{ at, hash, seq, v }` (keys sorted), `v` being
 * this format's version, so a line cannot be re-read with other fields.
 */
export const CHECKPOINT_VERSION = 1;

export interface Checkpoint {
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
}

export interface SignedCheckpoint extends Checkpoint {
  readonly v: typeof CHECKPOINT_VERSION;
  readonly sig: string;
}

/** A line of the checkpoint file that is not a checkpoint signed with the key. */
export interface ForgedCheckpoint {
  /** 1-based line number in the checkpoint file. */
  readonly line: number;
  readonly reason: string;
}

export function signCheckpoint(checkpoint: Checkpoint, key: Uint8Array): SignedCheckpoint {
  const { seq, hash, at } = checkpoint;
  return { v: CHECKPOINT_VERSION, seq, hash, at, sig: mac({ seq, hash, at }, key) };
}

/** Splits the lines of a checkpoint file into genuine checkpoints and the lines that are not. */
export function readCheckpoints(lines: readonly string[], key: Uint8Array): { valid: SignedCheckpoint[]; forged: ForgedCheckpoint[] } {
  const valid: SignedCheckpoint[] = [];
  const forged: ForgedCheckpoint[] = [];
  lines.forEach((text, index) => {
    if (text.trim() === '') return;
    const line = index + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Also what a line cut short by a crash mid-write looks like: named, never trusted.
      forged.push({ line, reason: 'not JSON' });
      return;
    }
    if (!isSigned(parsed)) {
      forged.push({ line, reason: `not a version ${CHECKPOINT_VERSION} checkpoint (v, seq, hash, at, sig)` });
      return;
    }
    const expected = Buffer.from(mac(parsed, key), 'hex');
    const given = Buffer.from(parsed.sig, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      forged.push({ line, reason: 'its signature does not match: forged, or signed with another key' });
      return;
    }
    valid.push({ v: CHECKPOINT_VERSION, seq: parsed.seq, hash: parsed.hash, at: parsed.at, sig: parsed.sig });
  });
  return { valid, forged };
}

function mac({ seq, hash, at }: Checkpoint, key: Uint8Array): string {
  return createHmac('sha256', key).update(canonical({ at, hash, seq, v: CHECKPOINT_VERSION })).digest('hex');
}

function isSigned(value: unknown): value is SignedCheckpoint {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    c['v'] === CHECKPOINT_VERSION &&
    Number.isSafeInteger(c['seq']) &&
    (c['seq'] as number) > 0 &&
    typeof c['hash'] === 'string' &&
    typeof c['at'] === 'string' &&
    typeof c['sig'] === 'string' &&
    /^[0-9a-f]{64}$/.test(c['sig'])
  );
}
