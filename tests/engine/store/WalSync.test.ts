import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WalSync } from '../../../engine/store/sqlite/WalSync.js';

/** A sync the test lets finish (or fail) when it says, counting how many were started. */
function heldSyncs() {
  const waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  return {
    started: () => waiting.length,
    datasync: () => new Promise<void>((resolve, reject) => waiting.push({ resolve, reject })),
    finish: (n: number, error?: Error) => (error ? waiting[n]!.reject(error) : waiting[n]!.resolve()),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('WalSync', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const walFile = () => {
    dir = mkdtempSync(join(tmpdir(), 'tereze-walsync-'));
    const path = join(dir, 'store.sqlite-wal');
    writeFileSync(path, 'frames');
    return path;
  };

  it('should answer a caller only after a sync that started after its call, and cover every caller that came meanwhile with one more sync', async () => {
    const syncs = heldSyncs();
    const wal = new WalSync(walFile(), syncs.datasync);
    const done: string[] = [];
    const first = wal.sync().then(() => done.push('first'));
    await settle();
    expect(syncs.started()).toBe(1);
    // Three commits while the first sync runs: their frames may be after its start, so it cannot answer them.
    const later = [wal.sync(), wal.sync(), wal.sync()].map((p, i) => p.then(() => done.push(`later ${i}`)));
    await settle();
    expect(syncs.started()).toBe(1);
    syncs.finish(0);
    await first;
    expect(done).toEqual(['first']);
    await settle();
    expect(syncs.started()).toBe(2); // one sync for the three
    expect(done).toEqual(['first']);
    syncs.finish(1);
    await Promise.all(later);
    expect(done).toEqual(['first', 'later 0', 'later 1', 'later 2']);
    await wal.close();
  });

  it('should fail the callers a sync covered when the disk refuses it, and sync again for the next', async () => {
    const syncs = heldSyncs();
    const wal = new WalSync(walFile(), syncs.datasync);
    const first = wal.sync();
    await settle();
    const second = wal.sync();
    syncs.finish(0, Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    await expect(first).rejects.toThrow(/EIO/);
    await settle();
    syncs.finish(1);
    await expect(second).resolves.toBeUndefined();
    await wal.close();
  });

  it('should wait for a running sync at close, and refuse syncs after it', async () => {
    const syncs = heldSyncs();
    const wal = new WalSync(walFile(), syncs.datasync);
    const running = wal.sync();
    await settle();
    let closed = false;
    const closing = wal.close().then(() => (closed = true));
    await settle();
    expect(closed).toBe(false);
    syncs.finish(0);
    await running;
    await closing;
    await expect(wal.sync()).rejects.toThrow(/closed/);
  });

  it('should sync the real file through the operating system', async () => {
    const wal = new WalSync(walFile());
    await expect(wal.sync()).resolves.toBeUndefined();
    await wal.close();
  });
});
