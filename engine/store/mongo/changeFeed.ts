/**
 * The store's change feed over a MongoDB change stream, opened eagerly and never losing an
 * event on reopen:
 *  - `openChangeFeed` resolves once the stream is open on the server (its first response: the
 *    driver then caches the response's resume token and says `resumeTokenChanged`; a stream that
 *    says `init` counts too), so a change committed after `watch()` returns is seen. A stream
 *    that fails or does not open in time rejects the call instead.
 *  - the resume token of every event (and every token the driver caches from an empty batch) is
 *    kept; on a resumable error (network, election, cursor lost: the driver's own list) the
 *    stream is closed and opened again with `resumeAfter` that token, so the server replays what
 *    came after the last event delivered. Other errors, or too many failed reopens in a row,
 *    go to `onError`.
 * The driver resumes by itself once on some errors; this covers what it gives up on.
 */
import { MongoError, MongoNetworkError, MongoServerSelectionError } from 'mongodb';
import type { Document } from 'mongodb';
import { StoreUnavailableError } from '../../errors.js';
import type { StoreWatch } from '../port.js';
import { mongoUnavailable } from './mongoUnavailable.js';

/** What the feed needs of a change stream (the driver's ChangeStream has all of it). */
export interface ChangeSource {
  on(event: 'change', listener: (change: Document) => void): unknown;
  on(event: 'resumeTokenChanged' | 'init', listener: (token?: unknown) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  close(): Promise<void>;
}

/** Opens a stream, after the event with this token when one is given. */
export type OpenChangeSource = (resumeAfter: unknown) => ChangeSource;

export interface ChangeFeedOptions {
  /** How long the first open may take. */
  readonly openTimeoutMs?: number;
  /** Reopens in a row that fail before the feed gives up and reports the error. */
  readonly maxReopens?: number;
}

/** The driver's resumable getMore codes (error.ts GET_MORE_RESUMABLE_CODES, not exported). */
const RESUMABLE_CODES = new Set([6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436, 63, 150, 13388, 234, 133, 43]);

export function isResumableChangeStreamError(error: unknown): boolean {
  if (error instanceof MongoNetworkError || error instanceof MongoServerSelectionError) return true;
  if (!(error instanceof MongoError)) return false;
  return error.hasErrorLabel('ResumableChangeStreamError') || RESUMABLE_CODES.has(Number(error.code));
}

export function openChangeFeed(
  open: OpenChangeSource,
  onEvent: (change: Document) => void,
  onError: (error: unknown) => void,
  options: ChangeFeedOptions = {},
): Promise<StoreWatch> {
  const openTimeoutMs = options.openTimeoutMs ?? 10_000;
  const maxReopens = options.maxReopens ?? 5;
  let token: unknown;
  let current: ChangeSource | undefined;
  let opened = false;
  let closed = false;
  let failedReopens = 0;

  return new Promise<StoreWatch>((resolve, reject) => {
    const watch: StoreWatch = {
      close: async () => {
        closed = true;
        await current?.close();
      },
    };
    const timer = setTimeout(() => {
      closed = true;
      void current?.close().catch(() => {});
      reject(new StoreUnavailableError({ reason: 'the database change feed did not open', detail: `no answer within ${openTimeoutMs} ms`, retryAfterSeconds: 10 }));
    }, openTimeoutMs);

    const start = (): void => {
      const source = open(token);
      current = source;
      const isOpen = (): void => {
        if (source !== current) return;
        failedReopens = 0;
        if (!opened) {
          opened = true;
          clearTimeout(timer);
          resolve(watch);
        }
      };
      source.on('resumeTokenChanged', (next) => {
        if (source !== current) return;
        if (next != null) token = next;
        isOpen();
      });
      source.on('init', isOpen);
      source.on('change', (change) => {
        if (source !== current || closed) return;
        if (change['_id'] != null) token = change['_id'];
        isOpen();
        try {
          onEvent(change);
        } catch (error) {
          onError(error);
        }
      });
      source.on('error', (error) => {
        if (source !== current || closed) return;
        if (!opened) {
          closed = true;
          clearTimeout(timer);
          void source.close().catch(() => {});
          reject(mongoUnavailable(error) ?? error);
          return;
        }
        void source.close().catch(() => {});
        if (isResumableChangeStreamError(error) && failedReopens < maxReopens) {
          failedReopens++;
          start();
          return;
        }
        closed = true;
        onError(mongoUnavailable(error) ?? error);
      });
    };
    start();
  });
}
