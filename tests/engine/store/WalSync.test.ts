/**
 * The WAL's sync thread (WalSync.ts, walSyncThread.mjs): a caller is answered only by a sync
 * that began after its ticket was taken, a failed sync refuses every caller from then on, and
 * tickets keep their order when the counter wraps. A slow disk is simulated by the thread's pause
 * before each sync (`delayMs`); the margins are wide, so only a wrong order can fail them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WalSync } from '../../../engine/store/sqlite/WalSync.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a promise has settled, seen within the microtasks that follow (no turn of the event loop). */
async function settledNow(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return settled;
}

describe('WalSync', () => {
  let dir: string | undefined;
  const opened: WalSync[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((wal) => wal.close().catch(() => undefined)));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const walFile = () => {
    dir = mkdtempSync(join(tmpdir(), 'tereze-walsync-'));
    const path = join(dir, 'store.sqlite-wal');
    writeFileSync(path, 'frames');
    return path;
  };
  const walSync = (path: string, delayMs = 0) => {
    const wal = new WalSync(path, delayMs);
    opened.push(wal);
    return wal;
  };

  it('should answer a caller only after a sync that began after its call, and cover every caller that came meanwhile with the next', async () => {
    const wal = walSync(walFile(), 600);
    const first = wal.sync();
    await sleep(250); // the thread has taken the first ticket and is in its pause before the sync
    const later = [wal.sync(), wal.sync(), wal.sync()];
    await first;
    // The running sync may have begun before their frames were written: it cannot answer them.
    expect(await settledNow(Promise.any(later))).toBe(false);
    await expect(Promise.all(later)).resolves.toHaveLength(3);
  });

  it('should refuse the caller, and every later one, once a sync has failed', async () => {
    const wal = walSync(join(walFile(), '..', 'no-such.sqlite-wal'));
    await expect(wal.sync()).rejects.toThrow(/the sync of .*no-such\.sqlite-wal failed: ENOENT/);
    // A sync that succeeded after a failed one would prove nothing: the pages may have been dropped.
    await expect(wal.sync()).rejects.toThrow(/ENOENT/);
  });

  it('should wait for a running sync at close, and refuse syncs after it', async () => {
    const wal = walSync(walFile(), 300);
    const running = wal.sync();
    const closing = wal.close();
    expect(await settledNow(closing)).toBe(false);
    await running;
    await closing;
    await expect(wal.sync()).rejects.toThrow(/closed/);
  });

  it('should keep the tickets in order when the counter wraps past 2³¹', async () => {
    const wal = walSync(walFile());
    const state = new Int32Array(wal.shared);
    Atomics.store(state, WalSync.SLOTS.asked, 0x7ffffffe); // the thread syncs from here on its next wake
    await expect(Promise.all([wal.sync(), wal.sync(), wal.sync()])).resolves.toHaveLength(3);
    expect(Atomics.load(state, WalSync.SLOTS.asked)).toBe(-0x7fffffff); // wrapped
    await expect(wal.sync()).resolves.toBeUndefined();
  });

  it('should answer a ticket taken elsewhere (a writer thread) once the sync covering it returned', async () => {
    const wal = walSync(walFile(), 300);
    const ticket = WalSync.takeTicket(new Int32Array(wal.shared));
    const waiting = wal.wait(ticket);
    expect(await settledNow(waiting)).toBe(false);
    await expect(waiting).resolves.toBeUndefined();
    await expect(wal.wait(ticket)).resolves.toBeUndefined(); // covered already: at once
  });
});
