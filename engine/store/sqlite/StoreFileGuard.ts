/**
 * Watches the files a sqlite store writes to, because SQLite itself does not notice when they
 * go: a deleted (or replaced) database or -wal file stays open, writes keep succeeding into the
 * unlinked inode, and everything is gone at restart. So the guard remembers the device and
 * inode of each file at open and compares them with what the path holds now, after every
 * write (before the write is acknowledged: a stat costs microseconds, a lost change costs a
 * case) and in the health check. It also probes whether the folder takes a few more bytes
 * (a full or read-only disk) and remembers the last write that failed for want of the disk.
 */
import { accessSync, constants, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreUnavailableError } from '../../errors.js';
import { sqliteUnavailable } from './sqliteUnavailable.js';

interface Identity {
  readonly file: string;
  readonly dev: number;
  readonly ino: number;
}

/** Enough to need fresh blocks on any file system; small enough to cost nothing. */
const PROBE_BYTES = 64 * 1024;
/** A health check polled many times a second probes the disk at most this often. */
const PROBE_EVERY_MS = 1_000;

export class StoreFileGuard {
  private readonly path: string;
  private readonly watched: Identity[] = [];
  /** Set once a file is found gone: there is no coming back from it without a restart. */
  private lost: StoreUnavailableError | undefined;
  /** The last write refused for want of the disk, until a write or a probe succeeds. */
  private failure: StoreUnavailableError | undefined;
  private probed: { readonly at: number; readonly problem: StoreUnavailableError | undefined } | undefined;

  constructor(
    path: string,
    private readonly now: () => number = Date.now,
  ) {
    this.path = resolve(path);
  }

  /** Remembers the files as they are now: call right after the database is opened (and its -wal created). */
  watch(): void {
    for (const file of [this.path, `${this.path}-wal`]) {
      const stat = statSync(file, { throwIfNoEntry: false });
      if (stat) this.watched.push({ file, dev: stat.dev, ino: stat.ino });
    }
  }

  /** Throws once a watched file is known to be gone (reads included: they would show changes a restart loses). */
  assertNotLost(): void {
    if (this.lost) throw this.lost;
  }

  /** Checks the files; throws when one is gone or replaced. */
  assertFilesInPlace(): void {
    this.assertNotLost();
    for (const { file, dev, ino } of this.watched) {
      let stat;
      try {
        stat = statSync(file, { throwIfNoEntry: false });
      } catch (error) {
        throw sqliteUnavailable(error, this.path) ?? error;
      }
      if (stat && stat.dev === dev && stat.ino === ino) continue;
      const what = stat ? `was replaced by another file (inode ${stat.ino}, opened as ${ino})` : 'was deleted';
      this.lost = new StoreUnavailableError({
        reason: 'the database file was deleted or replaced while the server ran, so changes would be lost at restart',
        detail:
          `${file} ${what} at about ${new Date(this.now()).toISOString()}; no change is accepted since. ` +
          `Before restarting, copy the deleted file back from /proc/${process.pid}/fd/ (the link marked '(deleted)') or restore a backup`,
      });
      throw this.lost;
    }
  }

  /** A write succeeded: whatever failed before is over. */
  wrote(): void {
    this.failure = undefined;
  }

  /** A write failed: the error to throw (ours, in words, when the disk is the cause). */
  failed(error: unknown): unknown {
    const unavailable = error instanceof StoreUnavailableError ? error : sqliteUnavailable(error, this.path);
    if (!unavailable) return error;
    if (unavailable !== this.lost) this.failure = unavailable;
    this.probed = undefined; // the next health check looks again rather than trusting an old probe
    return unavailable;
  }

  /** Why the store cannot keep a change now, or undefined when it can. */
  problem(): StoreUnavailableError | undefined {
    try {
      this.assertFilesInPlace();
    } catch (error) {
      if (error instanceof StoreUnavailableError) return error;
      throw error;
    }
    const probed = this.probe();
    if (probed) return probed;
    // A disk that took the probe has room again; a failure only an operator fixes (no retry
    // hint: read-only, damaged) stays reported until a write succeeds.
    if (this.failure && this.failure.retryAfterSeconds === undefined) return this.failure;
    this.failure = undefined;
    return undefined;
  }

  /**
   * Writes and removes a small file beside the database, and checks the database's files are
   * writable: what a commit will need. At most once a second; the verdict is kept meanwhile.
   */
  probe(): StoreUnavailableError | undefined {
    const at = this.now();
    if (this.probed && at - this.probed.at < PROBE_EVERY_MS) return this.probed.problem;
    const problem = probeFolder(this.path);
    this.probed = { at, problem };
    return problem;
  }
}

function probeFolder(path: string): StoreUnavailableError | undefined {
  const probe = resolve(dirname(path), `.${process.pid}.tereze-probe`);
  try {
    writeFileSync(probe, Buffer.alloc(PROBE_BYTES));
    for (const file of [path, `${path}-wal`]) {
      try {
        accessSync(file, constants.W_OK);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') continue;
        // The folder took the probe, so it is this file that refuses writes.
        if (code === 'EACCES' || code === 'EPERM') return sqliteUnavailable({ code: 'SQLITE_READONLY', cause: error }, file);
        throw error;
      }
    }
    return undefined;
  } catch (error) {
    const unavailable = sqliteUnavailable(error, path);
    if (unavailable) return unavailable;
    throw error;
  } finally {
    try {
      unlinkSync(probe);
    } catch {
      // Never written (a read-only folder), or already gone: nothing to clean up.
    }
  }
}
