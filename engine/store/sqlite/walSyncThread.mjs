// The sqlite store's sync of the WAL, on a thread of its own (WalSync.ts starts it). Plain
// JavaScript with no imports of the project, so it starts the same from the sources and from a
// build (`npm run build` copies it beside WalSync.js).
//
// The loop sleeps in Atomics.wait until a writer takes a ticket (an Atomics.add on the `asked`
// slot, made after its COMMIT returned), then syncs the WAL with fdatasync: every ticket taken
// before the sync began is covered by it, so it publishes the highest one it saw in the `synced`
// slot and posts it, to wake the main thread if it is idle. A sync that fails ends the loop: the
// pages that did not reach the disk may already be dropped from the page cache, so a later sync
// that succeeds would prove nothing (PostgreSQL's fsync lesson of 2018); the store refuses
// writes from then on.
import { closeSync, fdatasyncSync, openSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

const { walPath, shared, slots, delayMs, port } = workerData;
const state = new Int32Array(shared);
/** Only for Atomics.wait's timeout: the pause a slow disk is simulated with (delayMs). */
const pause = new Int32Array(new SharedArrayBuffer(4));
let fd;
let synced = 0;
try {
  for (;;) {
    Atomics.wait(state, slots.asked, synced);
    if (Atomics.load(state, slots.stop) === 1) break;
    const asked = Atomics.load(state, slots.asked);
    if (asked === synced) continue;
    if (delayMs > 0) Atomics.wait(pause, 0, 0, delayMs);
    // The WAL exists once the first transaction is committed, and stays the same file while a
    // connection is open (SQLite rewinds it after a checkpoint rather than replacing it).
    fd ??= openSync(walPath, 'r+');
    fdatasyncSync(fd);
    synced = asked;
    Atomics.store(state, slots.synced, synced);
    port.postMessage(synced);
  }
} catch (error) {
  // posted before the flag is set, so a poll that sees the flag finds the message waiting
  port.postMessage({ failed: { message: error instanceof Error ? error.message : String(error), code: typeof error?.code === 'string' ? error.code : undefined } });
  Atomics.store(state, slots.failed, 1);
} finally {
  if (fd !== undefined) closeSync(fd);
  port.close();
}
