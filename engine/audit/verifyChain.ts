import type { Store } from '../store/port.js';
import { readCheckpoints, type ForgedCheckpoint, type SignedCheckpoint } from './checkpoint.js';
import { ChainWalker, type ChainProblemCode } from './ChainWalker.js';

export interface BrokenEntry {
  readonly seq: number;
  readonly action: string;
  readonly subject: string;
  readonly at: string;
  readonly reason: string;
  readonly problem: ChainProblemCode;
}

/** What the signed checkpoints (see checkpoint.ts) say about the trail. */
export interface AnchorReport {
  /** False: no key, so no checkpoint can be trusted and none was read. */
  readonly configured: boolean;
  /** Genuine checkpoints read. */
  readonly checkpoints: number;
  readonly lastCheckpoint?: { readonly seq: number; readonly hash: string; readonly at: string };
  /** Entries after the last checkpoint: these can be removed or rewritten undetected. */
  readonly unanchored: number;
  /** Lines of the checkpoint file that are not checkpoints signed with the key. */
  readonly forged: readonly ForgedCheckpoint[];
  /** Entries a checkpoint anchors are gone: the trail ends before the last checkpoint's seq. */
  readonly truncated?: { readonly checkpointSeq: number; readonly checkpointAt: string; readonly headSeq: number; readonly reason: string };
  /** A checkpoint's hash no longer matches the entry at its seq: the trail before it was rewritten. */
  readonly rechained?: { readonly seq: number; readonly checkpointAt: string; readonly reason: string };
}

export interface ChainReport {
  readonly ok: boolean;
  /** Entries checked (up to and including the first broken one). */
  readonly checked: number;
  /** The first entry whose hash, link or stored columns do not match what they should be. */
  readonly firstBroken?: BrokenEntry;
  /** The leading run of entries in the legacy format 1 (written before format 2, see chain.ts). */
  readonly legacyEntries: number;
  /** The last entry stored (absent: an empty trail). */
  readonly head?: { readonly seq: number; readonly hash: string };
  /** Present when checkpoints were given to check against. */
  readonly anchoring?: AnchorReport;
}

export interface VerifyOptions {
  /** The lines of the checkpoint file and the key they are signed with; absent key: not configured. */
  readonly checkpoints?: { readonly lines: readonly string[]; readonly key?: Uint8Array };
}

const PAGE = 5_000;

/**
 * Walks the whole audit trail in order and recomputes every hash and compares every stored
 * column with its entry: an entry edited, removed or inserted in the store breaks the chain at
 * that entry, and the report names it. The chain alone cannot see a trail cut at its end or
 * rewritten and re-chained as a whole: the signed checkpoints can, up to the last of them.
 */
export async function verifyChain(store: Store, options: VerifyOptions = {}): Promise<ChainReport> {
  const anchors = options.checkpoints?.key ? readCheckpoints(options.checkpoints.lines, options.checkpoints.key) : undefined;
  const wanted = new Set(anchors?.valid.map((c) => c.seq));
  const stored = new Map<number, string>();
  const walker = new ChainWalker();
  let checked = 0;
  let firstBroken: BrokenEntry | undefined;
  let head: { seq: number; hash: string } | undefined;
  for (let after = 0; ; ) {
    const page = await store.auditRows({ afterSeq: after, limit: PAGE });
    for (const { entry, columns } of page) {
      // Past the first break the walk only notes the head and the anchored hashes.
      if (!firstBroken) {
        checked++;
        const problem = walker.next(entry, columns);
        if (problem) firstBroken = { seq: entry.seq, action: entry.action, subject: entry.subject, at: entry.at, ...problem };
      }
      if (wanted.has(entry.seq)) stored.set(entry.seq, entry.hash);
      head = { seq: entry.seq, hash: entry.hash };
    }
    if (page.length < PAGE) break;
    // Page by the store's own key (the seq column / _id), not by a seq the entry claims.
    const last = page.at(-1)!;
    after = typeof last.columns.seq === 'number' ? last.columns.seq : last.entry.seq;
  }
  const anchoring = options.checkpoints ? anchorReport(anchors, stored, head) : undefined;
  if (!firstBroken && anchoring?.rechained) {
    const entry = (await store.audit({ afterSeq: anchoring.rechained.seq - 1, limit: 1 }))[0]!;
    firstBroken = { seq: entry.seq, action: entry.action, subject: entry.subject, at: entry.at, problem: 'rechained', reason: anchoring.rechained.reason };
  }
  const anchorsHold = !anchoring || (!anchoring.truncated && !anchoring.rechained && anchoring.forged.length === 0);
  return {
    ok: !firstBroken && anchorsHold,
    checked,
    ...(firstBroken ? { firstBroken } : {}),
    legacyEntries: walker.legacyEntries,
    ...(head ? { head } : {}),
    ...(anchoring ? { anchoring } : {}),
  };
}

function anchorReport(
  anchors: { valid: SignedCheckpoint[]; forged: ForgedCheckpoint[] } | undefined,
  stored: ReadonlyMap<number, string>,
  head: { seq: number } | undefined,
): AnchorReport {
  const headSeq = head?.seq ?? 0;
  if (!anchors) return { configured: false, checkpoints: 0, unanchored: headSeq, forged: [] };
  const sorted = [...anchors.valid].sort((a, b) => a.seq - b.seq);
  const last = sorted.at(-1);
  let truncated: AnchorReport['truncated'];
  if (last && last.seq > headSeq) {
    const missing = last.seq - headSeq;
    truncated = {
      checkpointSeq: last.seq,
      checkpointAt: last.at,
      headSeq,
      reason: `entries ${headSeq + 1}..${last.seq} are missing (${missing}): the trail ends at seq ${headSeq}, the checkpoint signed at ${last.at} anchors seq ${last.seq}`,
    };
  }
  let rechained: AnchorReport['rechained'];
  let lastGood = 0;
  for (const checkpoint of sorted) {
    const hash = stored.get(checkpoint.seq);
    if (hash === undefined) continue; // beyond the head: the truncation above
    if (hash !== checkpoint.hash) {
      rechained = {
        seq: checkpoint.seq,
        checkpointAt: checkpoint.at,
        reason: `entry ${checkpoint.seq}'s hash differs from the checkpoint signed at ${checkpoint.at}: entries ${lastGood + 1}..${checkpoint.seq} were rewritten and re-chained`,
      };
      break;
    }
    lastGood = checkpoint.seq;
  }
  return {
    configured: true,
    checkpoints: sorted.length,
    ...(last ? { lastCheckpoint: { seq: last.seq, hash: last.hash, at: last.at } } : {}),
    unanchored: Math.max(0, headSeq - (last?.seq ?? 0)),
    forged: anchors.forged,
    ...(truncated ? { truncated } : {}),
    ...(rechained ? { rechained } : {}),
  };
}
