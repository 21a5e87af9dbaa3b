/**
 * The store's guards that act before any I/O, and its read errors, with the real driver and no
 * server: the URI points at a closed port, so anything that reaches the network fails fast.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError, StoreUnavailableError } from '../../../../engine/errors.js';
import { mongoStore } from '../../../../engine/store/mongo/MongoStore.js';

const store = mongoStore('mongodb://127.0.0.1:1/tereze_guards?serverSelectionTimeoutMS=300&directConnection=true');
afterAll(() => store.close());
const missing = undefined as unknown as string;

describe('MongoStore without a server', () => {
  it('should find nothing for an undefined id instead of asking for "any document"', async () => {
    expect(await store.getTask(missing)).toBeUndefined();
    expect(await store.getInstance(missing)).toBeUndefined();
    expect(await store.getDefinition(missing)).toBeUndefined();
    expect(await store.getInstanceByTrackingNumber(missing)).toBeUndefined();
    expect(await store.history(missing)).toEqual([]);
    expect(await store.notifications(missing)).toEqual([]);
  });

  it('should refuse to release a job with no id or owner, naming the field', async () => {
    const retry = { dueAt: '2026-01-01T00:00:00.000Z', error: 'boom' };
    await expect(store.releaseJob(missing, 'node-1', retry)).rejects.toThrow(InvalidArgumentError);
    await expect(store.releaseJob('j1', missing, retry)).rejects.toThrow(/job release\.lockOwner: is undefined/);
  });

  it('should refuse a record holding a BigInt with a 400 naming the field, before writing anything', async () => {
    const task = { id: 't-1', instanceId: 'i1', tokenId: 't', key: 'p', elementId: 'review', trackingNumber: 'KZ-1', assignee: null, state: 'open' as const, createdAt: '2026-01-01T00:00:00.000Z', version: 1, variables: { fee: 5n } };
    await expect(store.commit({ taskInserts: [task] })).rejects.toThrow(/task t-1\.variables\.fee: is a BigInt/);
  });

  it('should report a read against an unreachable database as StoreUnavailableError, not a raw driver error', async () => {
    const attempt = store.getTask('t-1');
    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.getTask('t-1')).rejects.toMatchObject({ reason: 'the database server cannot be reached' });
  });
});
