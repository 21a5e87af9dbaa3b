/**
 * What the main thread and the sqlite writer thread (writerThread.ts) say to each other, and the
 * thread's start: a worker runs JavaScript, so from the TypeScript sources (tsx, vitest) it is
 * started through writerBoot.mjs, which registers tsx's loader first.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { ConflictError } from '../../errors.js';
import type { PreparedBatch } from './preparedBatch.js';

export interface WriterSetup {
  readonly path: string;
  /**
   * Commit with SQLite's FULL: only where the main thread cannot sync the WAL itself (the file
   * is not in WAL mode). Otherwise NORMAL, and the main thread answers a group once the WAL's
   * sync thread (WalSync) covered it, so this thread goes on to the next group while the disk works.
   */
  readonly full: boolean;
  readonly busyTimeoutMs: number;
  /** SQLite's `wal_autocheckpoint`, as on the main connection (SqliteStoreOptions.walCheckpointPages). */
  readonly checkpointPages: number;
  /** The WAL's sync (WalSync.shared): the thread takes a ticket after each COMMIT and names it in its reply. */
  readonly walSync?: SharedArrayBuffer;
}

/** What the thread is started with: the setup, and the port it answers groups on (`WriterReply`). */
export interface WriterData extends WriterSetup {
  readonly replies: MessagePort;
}

export type WriterRequest = { readonly type: 'group'; readonly seq: number; readonly batches: readonly PreparedBatch[] } | { readonly type: 'close' };

/**
 * Per unit null (kept) or why it was rolled back alone, and the WAL sync's ticket taken after the
 * COMMIT (absent when nothing syncs the WAL here); or the whole group failed.
 */
export type WriterReply =
  | {
      readonly seq: number;
      readonly errors: readonly (WrittenError | null)[];
      readonly ticket?: number;
      /** When the thread took the group and when its COMMIT returned (performance.timeOrigin + now: a wall clock all threads share). */
      readonly took: number;
      readonly wrote: number;
    }
  | { readonly seq: number; readonly failed: WrittenError };

export interface WrittenError {
  readonly name: string;
  readonly message: string;
  /** SQLite's code (SQLITE_FULL, SQLITE_IOERR…), which the store turns into StoreUnavailableError. */
  readonly code?: string;
  readonly subject?: string;
}

/** The error again, as the store's callers know it: a ConflictError stays one. */
export function revived(error: WrittenError): Error {
  if (error.name === 'ConflictError') return new ConflictError(error.message, error.subject);
  const revived = new Error(error.message) as Error & { code?: string };
  revived.name = error.name;
  if (error.code) revived.code = error.code;
  return revived;
}

/**
 * Starts the writer thread and resolves once its connection is open, with the port its answers
 * come on: a port of its own, not the worker's, so the store can also take them synchronously
 * (receiveMessageOnPort) while this thread is busy stepping, instead of only when the event loop
 * comes round to them.
 */
export async function startWriter(setup: WriterSetup): Promise<{ readonly worker: Worker; readonly replies: MessagePort }> {
  const compiled = new URL('./writerThread.js', import.meta.url);
  const { port1: replies, port2 } = new MessageChannel();
  const data: WriterData = { ...setup, replies: port2 };
  const worker = existsSync(fileURLToPath(compiled))
    ? new Worker(compiled, { workerData: data, transferList: [port2] })
    : new Worker(new URL('./writerBoot.mjs', import.meta.url), { workerData: { ...data, module: new URL('./writerThread.ts', import.meta.url).href }, transferList: [port2] });
  await new Promise<void>((resolve, reject) => {
    const failed = (error: unknown) => {
      replies.close();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    worker.once('error', failed);
    worker.once('exit', (code) => failed(new Error(`the sqlite writer thread stopped (exit ${code}) before it opened ${setup.path}`)));
    worker.once('message', (message: { type?: string }) => {
      worker.removeAllListeners('error');
      worker.removeAllListeners('exit');
      if (message.type === 'ready') resolve();
      else failed(new Error('the sqlite writer thread answered before it was ready'));
    });
  });
  return { worker, replies };
}
