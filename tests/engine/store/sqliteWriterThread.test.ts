/**
 * The sqlite store with its writer on a thread of its own (`writer: 'thread'`): the same store
 * contract as the writer on the event loop, the same answers under racing units (a lost version
 * race comes back as a ConflictError, retried by transact), and a file the main thread reads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createEngine, manualClock, sqliteStore } from '../../../engine/index.js';
import { ConflictError } from '../../../engine/errors.js';
import type { InstanceRecord } from '../../../engine/store/port.js';
import { describeStoreContract } from './storeContract.js';
import { PARALLEL } from './groupCommitProcess.js';

const dir = mkdtempSync(join(tmpdir(), 'tereze-writer-thread-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = () => join(dir, `writer-${++files}.sqlite`);

describeStoreContract('sqlite file, writer thread', async () => sqliteStore(file(), { writer: 'thread' }));


describe('sqlite store, writer thread', () => {
  it('should finish every racing application, once, with a whole audit chain, in groups committed by the thread', async () => {
    const transactions: number[] = [];
    const path = file();
    const engine = await createEngine({ store: sqliteStore(path, { writer: 'thread', onTransaction: (t) => transactions.push(t.units) }), clock: manualClock(new Date('2026-03-02T05:00:00.000Z')), jobs: { poll: false } });
    try {
      await engine.deploy(PARALLEL, { by: 'test' });
      const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => engine.start('group_commit', { by: 'clerk', variables: { i } }).then((s) => s.id)));
      const tasks = await engine.tasks({ limit: 1000 });
      expect(tasks).toHaveLength(80);
      // Both branches of each application at once: one of each pair loses the race in its group and is retried.
      await Promise.all(tasks.map((t) => engine.completeTask(t.id, { by: `${t.elementId}-hand` })));
      const last = await engine.tasks({ limit: 1000 });
      expect(last.map((t) => t.elementId)).toEqual(Array(40).fill('last'));
      await Promise.all(last.map((t) => engine.completeTask(t.id, { by: 'closer' })));
      for (const id of ids) expect((await engine.instance(id)).state).toBe('completed');
      expect(Math.max(...transactions), 'units shared a transaction').toBeGreaterThan(1);
      expect((await engine.verifyAudit()).ok).toBe(true);
    } finally {
      await engine.close();
    }
    // Everything the thread acknowledged is in the file for the next opener.
    const again = sqliteStore(path);
    await again.init();
    expect((await again.listInstances({ limit: 100 })).filter((i) => i.status === 'completed')).toHaveLength(40);
    await again.close();
  });

  it("should answer a stale unit with a ConflictError and keep the rest of its group", async () => {
    const store = sqliteStore(file(), { writer: 'thread' });
    await store.init();
    try {
      const record = { id: 'a', key: 'k', definitionId: 'k:1', version: 1, status: 'active', trackingNumber: '0000-0000-0001', variables: {}, tokens: [], startedAt: '2026-03-02T05:00:00.000Z' } as unknown as InstanceRecord;
      await store.commit({ instanceInserts: [record] });
      const results = await Promise.allSettled([
        store.commit({ instanceUpdates: [{ record: { ...record, version: 2 }, expectedVersion: 1 }] }),
        store.commit({ instanceUpdates: [{ record: { ...record, version: 2 }, expectedVersion: 1 }] }),
        store.commit({ instanceInserts: [{ ...record, id: 'b', trackingNumber: '0000-0000-0002' }] }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
      expect((await store.getInstance('a'))?.version).toBe(2);
      expect(await store.getInstance('b')).toBeDefined();
    } finally {
      await store.close();
    }
  });

  it("should answer a group the thread committed only once this thread's sync of the WAL returns", async () => {
    // The FileHandle prototype, from a handle of our own: the store's sync of the WAL goes through it.
    const probe = await open(join(dir, 'probe'), 'w');
    const prototype = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
    await probe.close();
    const held: (() => void)[] = [];
    const datasync = vi.spyOn(prototype, 'datasync').mockImplementation(() => new Promise<void>((resolve) => held.push(resolve)));
    const store = sqliteStore(file(), { writer: 'thread' });
    await store.init();
    try {
      const record = { id: 'a', key: 'k', definitionId: 'k:1', version: 1, status: 'active', trackingNumber: '0000-0000-0001', variables: {}, tokens: [], startedAt: '2026-03-02T05:00:00.000Z' } as unknown as InstanceRecord;
      let answered = false;
      const unit = store.commit({ instanceInserts: [record] }).then(() => (answered = true));
      await vi.waitFor(() => expect(datasync).toHaveBeenCalledTimes(1));
      // the thread committed it (the main connection reads it), yet nobody is told before the disk has it
      expect(await store.getInstance('a')).toBeDefined();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(answered).toBe(false);
      held.shift()!();
      await unit;
      expect(answered).toBe(true);
    } finally {
      datasync.mockRestore();
      for (const release of held) release();
      await store.close();
    }
  });

  it('should start the sync of a group the thread committed at the next commit, while this thread is still busy, not only when the event loop comes round', async () => {
    const probe = await open(join(dir, 'probe'), 'w');
    const prototype = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
    await probe.close();
    const datasync = vi.spyOn(prototype, 'datasync').mockResolvedValue(undefined);
    const path = file();
    const store = sqliteStore(path, { writer: 'thread' });
    await store.init();
    const reader = new Database(path, { readonly: true });
    try {
      const record = (id: string, n: number) => ({ id, key: 'k', definitionId: 'k:1', version: 1, status: 'active', trackingNumber: `0000-0000-000${n}`, variables: {}, tokens: [], startedAt: '2026-03-02T05:00:00.000Z' }) as unknown as InstanceRecord;
      await store.commit({ instanceInserts: [record('first', 1)] }); // the WAL's handle is open from here on
      const syncs = datasync.mock.calls.length;
      const a = store.commit({ instanceInserts: [record('a', 2)] });
      await new Promise((resolve) => setImmediate(resolve)); // the group has gone to the thread
      // This thread stays busy (no turn of the event loop) until the thread has committed it...
      const seen = reader.prepare('SELECT count(*) AS n FROM instances WHERE id = ?');
      const until = Date.now() + 5000;
      while ((seen.get('a') as { n: number }).n === 0 && Date.now() < until);
      expect((seen.get('a') as { n: number }).n).toBe(1);
      for (const posted = Date.now() + 20; Date.now() < posted; ); // and has posted its answer
      // ...then commits again: the thread's answer is taken there and the WAL's sync started,
      // within the microtasks that follow, before any turn of the event loop.
      const b = store.commit({ instanceInserts: [record('b', 3)] });
      for (let i = 0; i < 20; i++) await Promise.resolve();
      expect(datasync.mock.calls.length).toBe(syncs + 1);
      await Promise.all([a, b]);
    } finally {
      reader.close();
      datasync.mockRestore();
      await store.close();
    }
  });

  it('should refuse a writer thread for :memory:, which another connection cannot open', async () => {
    await expect(sqliteStore(':memory:', { writer: 'thread' }).init()).rejects.toThrow(/writer 'thread' needs a file with group commit \(:memory:\)/);
  });
});
