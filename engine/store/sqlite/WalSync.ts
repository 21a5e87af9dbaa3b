import { open, type FileHandle } from 'node:fs/promises';

/**
 * Makes committed transactions survive a power cut without holding the event loop in fsync.
 *
 * With `synchronous = FULL`, SQLite syncs the WAL inside COMMIT: better-sqlite3 is synchronous,
 * so the whole process waits for the disk at every group (measured on the national day: 29 % of
 * the main thread's time). Instead the store commits with NORMAL (the WAL frames reach the OS)
 * and asks this for a sync of the WAL file, run on libuv's thread pool, before it answers any
 * caller: an acknowledged step is on the disk exactly as with FULL, and meanwhile the engine
 * goes on stepping (the next group forms while the disk works).
 *
 * The WAL is one file, appended in commit order, so a sync started after a commit's frames were
 * written covers that commit and every one before it. One sync runs at a time; callers that come
 * while it runs share the single sync queued after it.
 */
export class WalSync {
  private handle: Promise<FileHandle> | undefined;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly walPath: string,
    /** The sync itself (a test counts or delays it). */
    private readonly datasyncFile: (handle: FileHandle) => Promise<void> = (handle) => handle.datasync(),
  ) {}

  /** Resolves once everything this process wrote to the WAL before the call is on the disk. */
  sync(): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`sqlite store: ${this.walPath} is closed`));
    if (this.queued) return this.queued;
    if (!this.running) return this.start();
    this.queued = this.running.then(
      () => this.afterRunning(),
      () => this.afterRunning(),
    );
    return this.queued;
  }

  /** Waits for the syncs asked for, then lets the file go. */
  async close(): Promise<void> {
    await Promise.allSettled([this.running, this.queued]);
    this.closed = true;
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await (await handle.catch(() => undefined))?.close();
  }

  private afterRunning(): Promise<void> {
    this.queued = undefined;
    return this.start();
  }

  private start(): Promise<void> {
    const run = this.datasync();
    const running = run.finally(() => {
      if (this.running === running) this.running = undefined;
    });
    this.running = running;
    return running;
  }

  private async datasync(): Promise<void> {
    // The WAL exists once the first transaction is committed, and stays the same file while a
    // connection is open (SQLite rewinds it after a checkpoint rather than replacing it).
    this.handle ??= open(this.walPath, 'r+');
    let handle: FileHandle;
    try {
      handle = await this.handle;
    } catch (error) {
      this.handle = undefined; // try to open it again next time
      throw error;
    }
    await this.datasyncFile(handle);
  }
}
