/**
 * The store contract on PostgreSQL (the throwaway cluster of tests/support/postgresCluster.ts),
 * then what only several nodes on one database can show: one audit chain, one holder per job,
 * live updates from another node. Reported skipped with the reason where no server can start.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../engine/audit/index.js';
import { ConflictError, InvalidArgumentError, StoreUnavailableError } from '../../../engine/errors.js';
import type { JobRecord, Store, StoreChange, TaskRecord } from '../../../engine/store/port.js';
import { postgresStore } from '../../../engine/store/postgres/PostgresStore.js';
import { payloadsOf } from '../../../engine/store/postgres/changeFeed.js';
import { dropTestSchemas, freshSchema, postgresSkip, postgresUrl } from '../../support/postgresTestStore.js';
import { describeStoreContract } from './storeContract.js';
import { describeOutboxContract } from './notificationOutboxContract.js';

afterAll(dropTestSchemas);

describeStoreContract('postgres', async () => postgresStore({ url: postgresUrl!, schema: freshSchema(), poolSize: 6 }), postgresSkip);
describeOutboxContract('postgres', async () => postgresStore({ url: postgresUrl!, schema: freshSchema(), poolSize: 6 }), postgresSkip);

const T0 = '2026-03-20T04:00:00.000Z';
const task = (id: string): TaskRecord => ({ id, instanceId: 'i1', tokenId: 't1', key: 'p', elementId: 'review', trackingNumber: 'TN-1', assignee: 'ana', state: 'open', createdAt: T0, version: 1 });
const job = (id: string): JobRecord => ({ id, type: 'timer', dueAt: T0, instanceId: 'i1', tokenId: 't1', elementId: 'timer1', payload: {}, lockedUntil: null, lockOwner: null, attempts: 0 });

/** Two stores, two pools: two nodes on one database. */
async function twoNodes(): Promise<[Store, Store, () => Promise<void>]> {
  const schema = freshSchema();
  const a = postgresStore({ url: postgresUrl!, schema, poolSize: 5 });
  const b = postgresStore({ url: postgresUrl!, schema, poolSize: 5 });
  await Promise.all([a.init(), b.init()]);
  return [a, b, async () => void (await Promise.all([a.close(), b.close()]))];
}

describe.skipIf(postgresSkip !== undefined)(`postgres: several nodes on one database${postgresSkip ? ` (skipped: ${postgresSkip})` : ''}`, () => {
  it('should keep one audit chain that verifies when two nodes commit concurrently', async () => {
    const [a, b, close] = await twoNodes();
    try {
      const commits = Array.from({ length: 40 }, (_, n) =>
        (n % 2 ? a : b).commit({ audit: [{ at: T0, actor: `node${n % 2}`, action: 'a', subject: `s${n}` }, { at: T0, actor: `node${n % 2}`, action: 'b', subject: `s${n}` }] }),
      );
      await Promise.all(commits);
      const all = await a.audit({ limit: 1000 });
      expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
      const report = await verifyChain(b);
      expect(report.ok).toBe(true);
      expect(report.checked).toBe(80);
    } finally {
      await close();
    }
  });

  it('should never lease one job to two nodes polling at once', async () => {
    const [a, b, close] = await twoNodes();
    try {
      const ids = Array.from({ length: 60 }, (_, n) => `j${String(n).padStart(2, '0')}`);
      await a.commit({ jobInserts: ids.map(job) });
      const lease = { now: T0, lockedUntil: '2026-03-20T04:05:00.000Z', limit: 7 };
      const rounds = await Promise.all(Array.from({ length: 12 }, (_, n) => (n % 2 ? a : b).acquireJobs({ ...lease, owner: `node${n}` })));
      const taken = rounds.flat().map((j) => j.id);
      expect(new Set(taken).size).toBe(taken.length);
      expect(taken.sort()).toEqual(ids);
      // and each lease holds: only its owner can complete the job
      const first = rounds.find((r) => r.length > 0)![0]!;
      await expect(b.commit({ jobCompletions: [{ id: first.id, owner: 'someone-else' }] })).rejects.toBeInstanceOf(ConflictError);
    } finally {
      await close();
    }
  });

  it('should let only one of two nodes flag the same SLA crossing', async () => {
    const [a, b, close] = await twoNodes();
    try {
      const t = { ...task('sla'), warnAt: T0, dueAt: '2026-03-21T04:00:00.000Z' };
      await a.commit({ taskInserts: [t] });
      const [seenA, seenB] = await Promise.all([a.findSlaCrossings({ now: T0, limit: 10 }), b.findSlaCrossings({ now: T0, limit: 10 })]);
      const flag = (s: Store, found: TaskRecord[]) => s.commit({ taskUpdates: found.map((f) => ({ record: { ...f, atRisk: true, version: f.version + 1 }, expectedVersion: f.version })) });
      const results = await Promise.allSettled([flag(a, seenA), flag(b, seenB)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')?.reason).toBeInstanceOf(ConflictError);
      expect(await a.findSlaCrossings({ now: T0, limit: 10 })).toEqual([]);
    } finally {
      await close();
    }
  });

  it('should show a watcher on one node a task created and then changed on another', async () => {
    const [a, b, close] = await twoNodes();
    const seen: StoreChange[] = [];
    const errors: unknown[] = [];
    const feed = await a.watch!((change) => seen.push(change), (error) => errors.push(error));
    try {
      const t = task(randomUUID());
      const waitFor = async (n: number) => {
        for (let i = 0; i < 50 && seen.length < n; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      };
      await b.commit({ taskInserts: [t] });
      // the feed reads the rows as they are when it hears of them: let it hear of the insert first
      await waitFor(1);
      await b.commit({ taskUpdates: [{ record: { ...t, assignee: 'bob', version: 2 }, expectedVersion: 1 }] });
      // a rolled-back commit tells nobody
      await expect(b.commit({ taskInserts: [task('never')], taskUpdates: [{ record: { ...t, version: 2 }, expectedVersion: 1 }] })).rejects.toBeInstanceOf(ConflictError);
      await waitFor(2);
      expect(seen[0]?.tasksCreated).toEqual([t]);
      expect(seen[1]?.tasksChanged).toEqual([{ ...t, assignee: 'bob', version: 2 }]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seen).toHaveLength(2);
      expect(errors).toEqual([]);
    } finally {
      await feed.close();
      await close();
    }
  });

  it('should split the ids of a large commit over notifications the server accepts', () => {
    const ids = Array.from({ length: 2000 }, () => randomUUID());
    const payloads = payloadsOf({ tasksCreated: ids, tasksChanged: [], instancesStarted: ids.slice(0, 10), instancesChanged: [] });
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    const back = payloads.map((p) => JSON.parse(p) as { tasksCreated?: string[]; instancesStarted?: string[] });
    expect(back.flatMap((p) => p.tasksCreated ?? [])).toEqual(ids);
    expect(back.flatMap((p) => p.instancesStarted ?? [])).toEqual(ids.slice(0, 10));
  });

  it('should migrate once when two nodes start together, and again find nothing to do', async () => {
    const schema = freshSchema();
    const nodes = [1, 2, 3].map(() => postgresStore({ url: postgresUrl!, schema, poolSize: 2 }));
    try {
      await Promise.all(nodes.map((n) => n.init()));
      await nodes[0]!.commit({ taskInserts: [task('t1')] });
      const again = postgresStore({ url: postgresUrl!, schema, poolSize: 2 });
      await again.init();
      expect(await again.getTask('t1')).toEqual(task('t1'));
      await again.close();
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
    }
  });
});

describe.skipIf(postgresSkip !== undefined)(`postgres: connections lost under the store${postgresSkip ? ` (skipped: ${postgresSkip})` : ''}`, () => {
  /** What a server restart does to every connection of one node. */
  const terminate = async (applicationName: string): Promise<number> => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      const r = await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
      return r.rowCount ?? 0;
    } finally {
      await client.end();
    }
  };

  it('should go on with fresh connections after its connections were cut, losing nothing committed', async () => {
    const name = `node-${randomUUID().slice(0, 8)}`;
    const store = postgresStore({ url: postgresUrl!, schema: freshSchema(), poolSize: 3, applicationName: name });
    await store.init();
    try {
      await store.commit({ taskInserts: [task('before')], audit: [{ at: T0, actor: 'a', action: 'x', subject: 'before' }] });
      expect(await terminate(name)).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      // the pool drops the dead connections and opens new ones; at most one call sees the cut
      let after: unknown;
      for (let i = 0; i < 3; i++) {
        after = await store.commit({ taskInserts: [task(`after${i}`)], audit: [{ at: T0, actor: 'a', action: 'x', subject: `after${i}` }] }).then(() => undefined, (e: unknown) => e);
        if (after === undefined) break;
        expect(after).toBeInstanceOf(StoreUnavailableError);
      }
      expect(after).toBeUndefined();
      expect(await store.getTask('before')).toEqual(task('before'));
      expect(await verifyChain(store)).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  });

  it('should tell the watcher its feed was lost, so it can reopen it', async () => {
    const name = `node-${randomUUID().slice(0, 8)}`;
    const store = postgresStore({ url: postgresUrl!, schema: freshSchema(), poolSize: 1, applicationName: name });
    await store.init();
    const errors: unknown[] = [];
    const feed = await store.watch!(() => {}, (error) => errors.push(error));
    try {
      await terminate(name);
      for (let i = 0; i < 40 && errors.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(errors).toHaveLength(1);
    } finally {
      await feed.close();
      await store.close();
    }
  });
});

describe.skipIf(postgresSkip !== undefined)(`postgres: what it cannot keep${postgresSkip ? ` (skipped: ${postgresSkip})` : ''}`, () => {
  it('should refuse a NUL character in a text with a 400-kind error naming it, and keep nothing of the batch', async () => {
    const store = postgresStore({ url: postgresUrl!, schema: freshSchema(), poolSize: 2 });
    await store.init();
    try {
      const batch = { taskInserts: [{ ...task('nul'), name: 'Check\u0000completeness' }], audit: [{ at: T0, actor: 'a', action: 'x', subject: 'nul' }] };
      const refused = await store.commit(batch).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(InvalidArgumentError);
      expect(String((refused as Error).message)).toContain('NUL character');
      expect(await store.getTask('nul')).toBeUndefined();
      expect(await store.audit({ subject: 'nul' })).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('postgres: an unreachable server', () => {
  it('should name the problem as StoreUnavailableError at init, not a raw socket error', async () => {
    const store = postgresStore({ url: 'postgres://nobody@127.0.0.1:1/none' });
    const error = await store.init().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).reason).toBe('the database server cannot be reached');
  });
});
