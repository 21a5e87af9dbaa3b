import { EventEmitter } from 'node:events';
import { MongoNetworkError, MongoServerError } from 'mongodb';
import type { Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../../engine/errors.js';
import { isResumableChangeStreamError, openChangeFeed } from '../../../../engine/store/mongo/changeFeed.js';
import type { ChangeSource } from '../../../../engine/store/mongo/changeFeed.js';

/** A change stream the test drives by hand: which token it was opened after, and its events. */
class ControlledStream extends EventEmitter implements ChangeSource {
  closed = false;
  constructor(readonly resumeAfter: unknown) {
    super();
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  /** The server's first answer: the driver caches its postBatchResumeToken. */
  openOnServer(token: unknown = { _data: 'start' }): void {
    this.emit('resumeTokenChanged', token);
  }
  deliver(n: number): void {
    this.emit('change', { _id: { _data: `t${n}` }, n });
  }
}

function harness() {
  const streams: ControlledStream[] = [];
  const seen: number[] = [];
  const errors: unknown[] = [];
  const feed = openChangeFeed(
    (resumeAfter) => {
      const stream = new ControlledStream(resumeAfter);
      streams.push(stream);
      return stream;
    },
    (change: Document) => seen.push(change['n'] as number),
    (error) => errors.push(error),
    { openTimeoutMs: 200, maxReopens: 2 },
  );
  return { feed, streams, seen, errors, latest: () => streams[streams.length - 1]! };
}

const network = () => new MongoNetworkError('connection 4 to db-1:27017 closed');

describe('openChangeFeed', () => {
  it('should resolve only once the stream is open on the server', async () => {
    const h = harness();
    let resolved = false;
    void h.feed.then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(resolved).toBe(false);
    h.latest().openOnServer();
    await h.feed;
    expect(resolved).toBe(true);
    expect(h.streams).toHaveLength(1);
    expect(h.streams[0]!.resumeAfter).toBeUndefined();
  });

  it('should reopen after the last delivered event on a resumable error, so no event is lost', async () => {
    const h = harness();
    h.latest().openOnServer();
    await h.feed;
    h.latest().deliver(1);
    h.latest().deliver(2);
    h.latest().emit('error', network());
    expect(h.streams[0]!.closed).toBe(true);
    expect(h.streams).toHaveLength(2);
    expect(h.latest().resumeAfter).toEqual({ _data: 't2' });
    // the server replays from after t2; the old stream's late events are ignored
    h.streams[0]!.deliver(99);
    h.latest().deliver(3);
    expect(h.seen).toEqual([1, 2, 3]);
    expect(h.errors).toEqual([]);
  });

  it('should resume after the token of an empty batch when no event came yet', async () => {
    const h = harness();
    h.latest().openOnServer({ _data: 'pbrt-1' });
    await h.feed;
    h.latest().emit('resumeTokenChanged', { _data: 'pbrt-2' });
    h.latest().emit('error', new MongoServerError({ ok: 0, code: 10107, errmsg: 'not primary' }));
    expect(h.latest().resumeAfter).toEqual({ _data: 'pbrt-2' });
  });

  it('should report a non-resumable error, and give up after too many failed reopens', async () => {
    const h = harness();
    h.latest().openOnServer();
    await h.feed;
    h.latest().emit('error', new MongoServerError({ ok: 0, code: 286, codeName: 'ChangeStreamHistoryLost', errmsg: 'history lost' }));
    expect(h.streams).toHaveLength(1);
    expect(h.errors).toHaveLength(1);

    const g = harness();
    g.latest().openOnServer();
    await g.feed;
    for (let i = 0; i < 3; i++) g.latest().emit('error', network());
    expect(g.streams).toHaveLength(3); // two reopens, then the error is reported
    expect(g.errors[0]).toBeInstanceOf(StoreUnavailableError);
  });

  it('should reject when the stream fails or does not open in time', async () => {
    const failing = harness();
    failing.latest().emit('error', network());
    await expect(failing.feed).rejects.toBeInstanceOf(StoreUnavailableError);
    const silent = harness();
    await expect(silent.feed).rejects.toThrow(/change feed did not open/);
    expect(silent.latest().closed).toBe(true);
  });

  it('should close the stream it holds', async () => {
    const h = harness();
    h.latest().openOnServer();
    const watch = await h.feed;
    await watch.close();
    expect(h.latest().closed).toBe(true);
    h.latest().deliver(5);
    expect(h.seen).toEqual([]);
  });
});

describe('isResumableChangeStreamError', () => {
  it('should follow the driver: network, elections and the resumable label resume; a lost history does not', () => {
    expect(isResumableChangeStreamError(network())).toBe(true);
    expect(isResumableChangeStreamError(new MongoServerError({ ok: 0, code: 189, errmsg: 'stepped down' }))).toBe(true);
    expect(isResumableChangeStreamError(new MongoServerError({ ok: 0, code: 1, errmsg: 'x', errorLabels: ['ResumableChangeStreamError'] }))).toBe(true);
    expect(isResumableChangeStreamError(new MongoServerError({ ok: 0, code: 286, errmsg: 'history lost' }))).toBe(false);
    expect(isResumableChangeStreamError(new Error('boom'))).toBe(false);
  });
});
