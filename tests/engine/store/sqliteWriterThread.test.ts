/**
 * The sqlite store with its writer on a thread of its own (`writer: 'thread'`): the same store
 * contract as the writer on the event loop, the same answers under racing units (a lost version
 * race comes back as a ConflictError, retried by transact), and a file the main thread reads.
 */
import { mkdirSync, mkdtempSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { WorkerPerformance } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createEngine, manualClock, sqliteStore } from '../../../engine/index.js';
import { ConflictError, StoreUnavailableError } from '../../../engine/errors.js';
import type { InstanceRecord } from '../../../engine/store/port.js';
import type { GroupPhases } from '../../../engine/store/sqlite/SqliteStore.js';
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

  const record = (id: string, n: number) =>
    ({ id, key: 'k', definitionId: 'k:1', version: 1, status: 'active', trackingNumber: `0000-0000-000${n}`, variables: {}, tokens: [], startedAt: '2026-03-02T05:00:00.000Z' }) as unknown as InstanceRecord;

  it("should answer a group the thread committed only once the WAL's sync covering it returned", async () => {
    const path = file();
    const store = sqliteStore(path, { writer: 'thread', walSyncDelayMs: 400 }); // a slow disk
    await store.init();
    const reader = new Database(path, { readonly: true });
    try {
      let answered = false;
      const unit = store.commit({ instanceInserts: [record('a', 1)] }).then(() => (answered = true));
      // the thread committed it (another connection reads it), yet nobody is told before the disk has it
      const seen = reader.prepare('SELECT count(*) AS n FROM instances WHERE id = ?');
      await vi.waitFor(() => expect((seen.get('a') as { n: number }).n).toBe(1));
      expect(answered).toBe(false);
      await unit;
      expect(answered).toBe(true);
    } finally {
      reader.close();
      await store.close();
    }
  });

  it('should answer a group the WAL sync covered at the next commit, while this thread is still busy, not only when the event loop comes round', async () => {
    const store = sqliteStore(file(), { writer: 'thread' });
    await store.init();
    try {
      await store.commit({ instanceInserts: [record('first', 1)] });
      let answered = false;
      const a = store.commit({ instanceInserts: [record('a', 2)] }).then(() => (answered = true));
      await new Promise((resolve) => setImmediate(resolve)); // the group has gone to the thread
      // From here no turn of the event loop: only microtasks between commits. The thread's answer
      // and the sync thread's are taken at a commit, so the first group's caller hears there.
      const later: Promise<void>[] = [];
      for (let n = 0, until = Date.now() + 5000; !answered && Date.now() < until; n++) {
        for (const busy = Date.now() + 5; Date.now() < busy; );
        later.push(store.commit({ instanceInserts: [record(`b${n}`, 3 + n)] }));
        for (let i = 0; i < 10; i++) await Promise.resolve();
      }
      expect(answered).toBe(true);
      await Promise.all([a, ...later]);
    } finally {
      await store.close();
    }
  });

  it("should refuse a group's callers, and every later commit, once the WAL's sync failed", async () => {
    const path = file();
    const store = sqliteStore(path, { writer: 'thread', walSyncDelayMs: 400 });
    await store.init();
    try {
      const unit = store.commit({ instanceInserts: [record('a', 1)] });
      // While the sync thread pauses before its first sync, a directory stands where the WAL was:
      // its open fails as a disk gone away fails a sync (the connections keep their own handles).
      await new Promise((resolve) => setTimeout(resolve, 100));
      renameSync(`${path}-wal`, `${path}-wal.kept`);
      mkdirSync(`${path}-wal`);
      await expect(unit).rejects.toBeInstanceOf(StoreUnavailableError);
      rmdirSync(`${path}-wal`);
      renameSync(`${path}-wal.kept`, `${path}-wal`);
      // A later sync that succeeds would prove nothing: the store acknowledges nothing more.
      await expect(store.commit({ instanceInserts: [record('b', 2)] })).rejects.toThrow(/the sync of .*-wal failed: EISDIR/);
    } finally {
      await store.close();
    }
  });

  it("should hand a probe the writer thread's measures once it runs, to tell how busy it is", async () => {
    let writer: WorkerPerformance | undefined;
    const store = sqliteStore(file(), { writer: 'thread', onWriterThread: (w) => (writer = w) });
    await store.init();
    try {
      expect(writer).toBeDefined();
      const before = writer!.eventLoopUtilization();
      await Promise.all(Array.from({ length: 50 }, (_, n) => store.commit({ instanceInserts: [record(`u${n}`, 10 + n)] })));
      const during = writer!.eventLoopUtilization(before);
      expect(during.active).toBeGreaterThan(0); // the groups were applied there, not on this thread
      expect(during.utilization).toBeLessThanOrEqual(1);
    } finally {
      await store.close();
    }
  });

  for (const writer of ['main', 'thread'] as const) {
    it(`should copy the WAL back into the file every walCheckpointPages pages, with the writer on ${writer === 'main' ? 'the event loop' : 'its thread'}, so the WAL stays bounded`, async () => {
      const walPages = async (checkpointPages: number) => {
        const path = file();
        const store = sqliteStore(path, { writer, walCheckpointPages: checkpointPages });
        await store.init();
        try {
          // 200 commits of a 20 KB instance each: about 1,200 pages in all, a few a commit
          const big = { ...record('x', 0), variables: { note: 'n'.repeat(20_000) } };
          for (let n = 1; n <= 200; n += 1) await store.commit({ instanceInserts: [{ ...big, id: `big-${n}`, trackingNumber: `0000-1000-${String(n).padStart(4, '0')}` }] });
          return statSync(`${path}-wal`).size / 4096;
        } finally {
          await store.close();
        }
      };
      // SQLite rewinds the WAL after a checkpoint: it holds at most about the interval (and a commit's pages past it)
      expect(await walPages(100)).toBeLessThan(130);
      expect(await walPages(100_000)).toBeGreaterThan(1000);
    });
  }

  for (const writer of ['main', 'thread'] as const) {
    it(`should tell where a group's time went once its callers are answered, with the writer on ${writer === 'main' ? 'the event loop' : 'its thread'}: a slow disk shows in the sync`, async () => {
      const phases: GroupPhases[] = [];
      const store = sqliteStore(file(), { writer, walSyncDelayMs: 300, onGroupPhases: (p) => phases.push(p) });
      await store.init();
      try {
        let answered = 0;
        await Promise.all([1, 2, 3].map((n) => store.commit({ instanceInserts: [record(`p${n}`, n)] }).then(() => (answered = phases.length))));
        expect(answered, 'told before its callers went on').toBe(1);
        expect(phases).toHaveLength(1);
        const [group] = phases;
        expect(group!.units).toBe(3);
        expect(group!.syncingMs).toBeGreaterThanOrEqual(250);
        for (const ms of [group!.formingMs, group!.waitingMs, group!.writingMs]) expect(ms).toBeGreaterThanOrEqual(0);
        expect(group!.formingMs + group!.waitingMs + group!.writingMs).toBeLessThan(250);
      } finally {
        await store.close();
      }
    });
  }

  it('should refuse a checkpoint interval that is not a whole number of pages from 1, naming the option', async () => {
    await expect(sqliteStore(file(), { walCheckpointPages: 0 }).init()).rejects.toThrow(/walCheckpointPages must be a whole number of pages from 1, not 0/);
  });

  it('should refuse a writer thread for :memory:, which another connection cannot open', async () => {
    await expect(sqliteStore(':memory:', { writer: 'thread' }).init()).rejects.toThrow(/writer 'thread' needs a file with group commit \(:memory:\)/);
  });
});
