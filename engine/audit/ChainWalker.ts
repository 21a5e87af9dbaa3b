import type { AuditEntry, StoredAuditRow } from '../store/port.js';
import { AUDIT_FORMAT, expectedHash, formatOf, GENESIS } from './chain.js';

/** What is wrong with an entry, as a code a client can match and a reason a person can read. */
export type ChainProblemCode = 'missing' | 'column' | 'format' | 'link' | 'edited' | 'rechained';

export interface ChainProblem {
  readonly problem: ChainProblemCode;
  readonly reason: string;
}

/** Where a walk starts: after the entry `seq` whose hash is `hash` (0 and GENESIS: the beginning). */
export interface ChainPosition {
  readonly seq: number;
  readonly hash: string;
  /** Whether a format 2 entry was seen before: from then on format 1 is refused. */
  readonly sawCurrentFormat: boolean;
}

/**
 * Checks entries one after the other, in seq order, against the one before: the rules of the
 * chain in one place, for the full verification and for the checkpoint writer, which only signs
 * a head that extends its last checkpoint.
 */
export class ChainWalker {
  private position: ChainPosition;
  /** The leading run of format 1 entries walked (see chain.ts). */
  legacyEntries = 0;

  constructor(from: ChainPosition = { seq: 0, hash: GENESIS, sawCurrentFormat: false }) {
    this.position = from;
  }

  get seq(): number {
    return this.position.seq;
  }

  get hash(): string {
    return this.position.hash;
  }

  get at(): ChainPosition {
    return this.position;
  }

  /** The problem with the next entry, or undefined (and the walk moves past it) when it holds. */
  next(entry: AuditEntry, columns: StoredAuditRow['columns'] = {}): ChainProblem | undefined {
    const problem = this.problem(entry, columns);
    if (problem) return problem;
    const current = formatOf(entry) === AUDIT_FORMAT;
    if (!current) this.legacyEntries++;
    this.position = { seq: entry.seq, hash: entry.hash, sawCurrentFormat: this.position.sawCurrentFormat || current };
    return undefined;
  }

  private problem(entry: AuditEntry, columns: StoredAuditRow['columns']): ChainProblem | undefined {
    for (const [field, stored] of Object.entries(columns)) {
      const hashed = entry[field as keyof typeof columns];
      if (stored !== hashed) {
        return { problem: 'column', reason: `its stored ${field} column (${JSON.stringify(stored)}) differs from the hashed entry (${JSON.stringify(hashed)})` };
      }
    }
    const expectedSeq = this.position.seq + 1;
    if (entry.seq !== expectedSeq) return { problem: 'missing', reason: `entry ${expectedSeq} is missing (found ${entry.seq} next)` };
    const format = formatOf(entry);
    if (format !== AUDIT_FORMAT && this.position.sawCurrentFormat) {
      return { problem: 'format', reason: `a legacy v1 entry after v${AUDIT_FORMAT} entries: v1 is accepted only as the leading run written before the upgrade` };
    }
    if (entry.prev !== this.position.hash) return { problem: 'link', reason: 'its link to the previous entry does not match' };
    const expected = expectedHash(entry);
    if (expected === undefined) return { problem: 'format', reason: `unknown hash format ${JSON.stringify(entry.format)}` };
    if (expected !== entry.hash) return { problem: 'edited', reason: 'its content does not match its hash (edited)' };
    return undefined;
  }
}
