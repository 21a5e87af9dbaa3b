import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ChainWalker, formatOf, readCheckpoints, signCheckpoint, type Engine, type SignedCheckpoint } from '../../engine/index.js';
import type { Logger } from '../logger.js';

export interface AuditCheckpointsOptions {
  readonly engine: Engine;
  readonly key: Buffer;
  /** Append-only JSON lines; created (mode 0600) when absent. */
  readonly file: string;
  readonly logger: Logger;
  /** How often to look for growth; 60 s by default ("at least every minute"). */
  readonly intervalMs?: number;
  /** The instant written into a checkpoint (`at`). */
  readonly now?: () => Date;
}

const PAGE = 1_000;

/** The lines of a checkpoint file; none when it does not exist yet. */
export function checkpointLines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
}

/**
 * Anchors the audit chain outside the store: every interval when the trail has grown, and at
 * close (a clean shutdown), signs `(seq, head hash, at)` with the key and appends it to the
 * checkpoint file and to the log (two witnesses: the log usually leaves the machine).
 *
 * It signs a head only after walking every entry since its last checkpoint and finding that
 * they extend it: a trail rewritten in the store is never anchored. Once the trail fails to
 * extend it, it writes no more checkpoints (logged as an error) until someone has looked.
 */
export class AuditCheckpoints {
  private readonly timer: NodeJS.Timeout;
  /** Checkpoints are made one at a time, in order (the timer and close may overlap). */
  private queue: Promise<unknown> = Promise.resolve();
  private walker: ChainWalker | undefined;
  private signedSeq = 0;
  private refused = false;

  private constructor(
    private readonly options: AuditCheckpointsOptions,
    private readonly handle: FileHandle,
  ) {
    this.timer = setInterval(() => void this.checkpoint(), options.intervalMs ?? 60_000);
    this.timer.unref();
  }

  /** Opens the file for appending ('a') and starts the schedule; a first checkpoint follows at once. */
  static async start(options: AuditCheckpointsOptions): Promise<AuditCheckpoints> {
    mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
    const lines = checkpointLines(options.file);
    const handle = await open(options.file, 'a', 0o600);
    const checkpoints = new AuditCheckpoints(options, handle);
    const { valid } = readCheckpoints(lines, options.key);
    const last = valid.reduce<SignedCheckpoint | undefined>((a, b) => (a && a.seq >= b.seq ? a : b), undefined);
    // Queued now, so a close() that follows at once still comes after them.
    void checkpoints.enqueue(() => checkpoints.resume(last));
    void checkpoints.checkpoint();
    return checkpoints;
  }

  /** Signs the head when the trail grew since the last checkpoint; the checkpoint written, if any. */
  checkpoint(): Promise<SignedCheckpoint | undefined> {
    return this.enqueue(() => this.signHead());
  }

  /** A last checkpoint of the head, then the file is closed. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.checkpoint();
    await this.queue;
    await this.handle.close();
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T | undefined> {
    const next = this.queue.then(task).catch((error: unknown) => {
      this.options.logger.error('audit checkpoint failed', { error: (error as Error).message });
      return undefined;
    });
    this.queue = next;
    return next;
  }

  /** Positions the walk at the last genuine checkpoint, after checking the store still has it. */
  private async resume(last: SignedCheckpoint | undefined): Promise<void> {
    if (!last) {
      this.walker = new ChainWalker();
      return;
    }
    const [entry] = await this.options.engine.audit({ afterSeq: last.seq - 1, limit: 1 });
    if (!entry || entry.seq !== last.seq || entry.hash !== last.hash) {
      return this.refuse(`the trail no longer holds the entry of the last checkpoint (seq ${last.seq}, signed at ${last.at})`);
    }
    this.walker = new ChainWalker({ seq: entry.seq, hash: entry.hash, sawCurrentFormat: formatOf(entry) === 2 });
    this.signedSeq = last.seq;
  }

  private async signHead(): Promise<SignedCheckpoint | undefined> {
    const walker = this.walker;
    if (this.refused || !walker) return undefined;
    for (;;) {
      const page = await this.options.engine.audit({ afterSeq: walker.seq, limit: PAGE });
      for (const entry of page) {
        const problem = walker.next(entry);
        if (problem) return this.refuse(`entry ${entry.seq} does not extend the chain: ${problem.reason}`);
      }
      if (page.length < PAGE) break;
    }
    if (walker.seq === this.signedSeq) return undefined;
    const signed = signCheckpoint({ seq: walker.seq, hash: walker.hash, at: (this.options.now?.() ?? new Date()).toISOString() }, this.options.key);
    await this.handle.appendFile(`${JSON.stringify(signed)}\n`);
    await this.handle.sync();
    this.signedSeq = signed.seq;
    this.options.logger.info('audit checkpoint', { ...signed });
    return signed;
  }

  private refuse(why: string): undefined {
    this.refused = true;
    this.options.logger.error('audit checkpoints stopped', { reason: `${why}: nothing more is signed until this is looked into (npm run audit:verify)` });
    return undefined;
  }
}
