/**
 * Group commit in the sqlite store: concurrent units of work (concurrent commands on one
 * engine) share one SQLite transaction, each in its own savepoint. The transactions are counted
 * through the store's `onTransaction` hook, called after each COMMIT.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open as open_ } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEngine, manualClock, sqliteStore, type Engine } from '../../../engine/index.js';
import { ConflictError } from '../../../engine/errors.js';
import type { InstanceRecord, Store } from '../../../engine/store/port.js';
import { PARALLEL } from './groupCommitProcess.js';
import { verifyChain } from '../../../engine/audit/verifyChain.js';


interface Transaction {
  readonly units: number;
  readonly failed: number;
}

let dir: string;
const opened: Engine[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tereze-group-commit-'));
});

afterEach(async () => {
  for (const engine of opened.splice(0)) await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(name: string, groupCommit: boolean): Promise<{ engine: Engine; transactions: Transaction[] }> {
  const transactions: Transaction[] = [];
  const store = sqliteStore(join(dir, `${name}.sqlite`), { groupCommit, onTransaction: (info) => transactions.push(info) });
  const engine = await createEngine({ store, clock: manualClock(new Date('2026-03-02T05:00:00.000Z')), jobs: { poll: false } });
  opened.push(engine);
  await engine.deploy(PARALLEL, { by: 'test' });
  transactions.length = 0;
  return { engine, transactions };
}

const units = (transactions: readonly Transaction[]) => transactions.reduce((n, t) => n + t.units, 0);
const openTask = async (engine: Engine, instanceId: string, elementId: string) => {
  const task = (await engine.tasks({ instanceId })).find((t) => t.elementId === elementId);
  if (!task) throw new Error(`no open ${elementId} task for ${instanceId}`);
  return task;
};

/** N applications, all driven concurrently, each step of each one a command of its own. */
async function drive(engine: Engine, n: number): Promise<string[]> {
  const ids = await Promise.all(Array.from({ length: n }, (_, i) => engine.start('group_commit', { by: 'clerk', variables: { i } }).then((s) => s.id)));
  // Both branches of one application at once: they race for the same instance version.
  await Promise.all(
    ids.flatMap((id, i) => [
      openTask(engine, id, 'left').then((t) => engine.completeTask(t.id, { by: 'left-hand', variables: { left: i } })),
      openTask(engine, id, 'right').then((t) => engine.completeTask(t.id, { by: 'right-hand', variables: { right: i } })),
    ]),
  );
  await Promise.all(ids.map((id) => openTask(engine, id, 'last').then((t) => engine.completeTask(t.id, { by: 'closer' }))));
  return ids;
}

describe('sqlite group commit', () => {
  it('commits many concurrent starts and completions in fewer transactions, each caller answered with its own result', async () => {
    const { engine, transactions } = await open('fewer', true);
    const started = await Promise.all(Array.from({ length: 40 }, (_, i) => engine.start('group_commit', { by: 'clerk', variables: { i } })));
    expect(units(transactions)).toBe(40);
    expect(transactions.length).toBeLessThan(40);
    expect(Math.max(...transactions.map((t) => t.units))).toBeGreaterThan(1);
    // Each start got its own instance, committed (read back after the answers).
    expect(new Set(started.map((s) => s.id)).size).toBe(40);
    for (const [i, s] of started.entries()) expect((await engine.instance(s.id)).variables).toMatchObject({ i });

    transactions.length = 0;
    const lefts = await Promise.all(started.map((s) => openTask(engine, s.id, 'left')));
    await Promise.all(lefts.map((t) => engine.completeTask(t.id, { by: 'official' })));
    expect(units(transactions)).toBe(40);
    expect(transactions.length).toBeLessThan(40);
    for (const s of started) expect((await engine.tasks({ instanceId: s.id })).map((t) => t.elementId)).toEqual(['right']);
  });

  it('rolls back a unit that lost its version race inside a group alone, and transact retries it: no step is lost', async () => {
    const { engine, transactions } = await open('conflict', true);
    const ids = await drive(engine, 12);
    // The two branches of an application committed in the same group: the second one's
    // instance version was stale, its savepoint rolled back, the others in the group kept.
    expect(transactions.some((t) => t.failed > 0 && t.units > t.failed)).toBe(true);
    for (const [i, id] of ids.entries()) {
      const view = await engine.instance(id);
      expect(view.state).toBe('completed');
      expect(view.variables).toMatchObject({ i, left: i, right: i });
    }
    expect((await engine.verifyAudit()).ok).toBe(true);
  });

  it('gives the same results as one transaction per unit', async () => {
    const grouped = await open('grouped', true);
    const single = await open('single', false);
    const outcome = async (engine: Engine, ids: string[]) =>
      Promise.all(
        ids.map(async (id) => {
          const view = await engine.instance(id);
          const history = (await engine.history(id)).map((h) => `${h.elementId}:${h.event}`);
          return { state: view.state, variables: view.variables, history: history.sort() };
        }),
      );
    const a = await outcome(grouped.engine, await drive(grouped.engine, 10));
    const b = await outcome(single.engine, await drive(single.engine, 10));
    expect(a).toEqual(b);
    const actions = async (engine: Engine) => (await engine.audit({ limit: 10_000 })).map((e) => e.action).sort();
    expect(await actions(grouped.engine)).toEqual(await actions(single.engine));
    expect(single.transactions.every((t) => t.units === 1)).toBe(true);
    expect(grouped.transactions.length).toBeLessThan(single.transactions.length);
  });
});

describe('sqlite group commit, at the store', () => {
  const instance = (id: string, over: Partial<InstanceRecord> = {}): InstanceRecord => ({
    id,
    key: 'p',
    definitionId: 'p:1',
    version: 1,
    status: 'active',
    variables: {},
    tokens: [],
    incidents: [],
    trackingNumber: `TN-${id}`,
    startedAt: '2026-03-02T05:00:00.000Z',
    nextToken: 1,
    ...over,
  });
  let store: Store;
  let transactions: Transaction[];

  beforeEach(async () => {
    transactions = [];
    store = sqliteStore(join(dir, 'store.sqlite'), { onTransaction: (info) => transactions.push(info) });
    await store.init();
  });

  afterEach(async () => {
    await store.close();
  });

  it('keeps the other units of a group when one throws halfway through its writes, and keeps none of that one', async () => {
    // The failing unit's instance row and audit entry are written first, then its notification
    // cannot be serialised: a crash-like failure after part of the unit was applied. (Its rows
    // and audit text are made before it joins the group; the notification is encoded in the
    // transaction itself.)
    const broken = {
      instanceInserts: [instance('broken')],
      audit: [{ at: '2026-03-02T05:00:00.000Z', actor: 't', action: 'x.y', subject: 'broken' }],
      notifications: [{ id: 'n-broken', instanceId: 'broken', at: '2026-03-02T05:00:00.000Z', data: { n: 1n } }],
    };
    const results = await Promise.allSettled([
      store.commit({ instanceInserts: [instance('a')] }),
      store.commit(broken as never),
      store.commit({ instanceInserts: [instance('b')], audit: [{ at: '2026-03-02T05:00:00.000Z', actor: 't', action: 'x.y', subject: 'b' }] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/BigInt/);
    expect(transactions).toEqual([{ units: 3, failed: 1 }]);
    expect(await store.getInstance('a')).toBeDefined();
    expect(await store.getInstance('b')).toBeDefined();
    expect(await store.getInstance('broken')).toBeUndefined();
    expect((await store.audit({})).map((e) => [e.seq, e.subject])).toEqual([[1, 'b']]);
  });

  it('refuses a unit whose records cannot be stored before it joins a group, naming the record, and commits the group without it', async () => {
    const broken = { instanceInserts: [instance('c')], history: [{ instanceId: 'c', at: '2026-03-02T05:00:00.000Z', elementId: 'x', event: 'step', data: { n: 1n } }] };
    const stale = { instanceUpdates: [{ record: instance('a', { version: 3 }), expectedVersion: 1 }] };
    const brokenAudit = { instanceInserts: [instance('d')], audit: [{ at: '2026-03-02T05:00:00.000Z', actor: 't', action: 'x.y', subject: 'task-d', data: { n: 1n } }] };
    const results = await Promise.allSettled([store.commit({ instanceInserts: [instance('a')] }), store.commit(broken as never), store.commit(stale), store.commit({ instanceInserts: [instance('b')] }), store.commit(brokenAudit as never)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'rejected']);
    expect(String((results[4] as PromiseRejectedResult).reason)).toMatch(/the audit entry of task-d cannot be stored: .*BigInt/);
    expect(await store.getInstance('d')).toBeUndefined();
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/the history of instance c cannot be stored: .*BigInt/);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/instance a: record.version 3 must be expectedVersion \+ 1 \(2\)/);
    expect(transactions).toEqual([{ units: 2, failed: 0 }]);
    expect(await store.getInstance('c')).toBeUndefined();
    expect((await store.getInstance('a'))?.version).toBe(1);
    expect(await store.getInstance('b')).toBeDefined();
  });

  it('chains a group\'s audit entries from unit to unit, from the stored tail again after a unit rolled back alone, and after another connection appended', async () => {
    const entry = (subject: string) => ({ at: '2026-03-02T05:00:00.000Z', actor: 't', action: 'x.y', subject });
    // The middle unit appends its entry, then fails (its notification cannot be serialised):
    // its entry is rolled back with it, and the unit after it chains from the first one's.
    const broken = { audit: [entry('broken')], notifications: [{ id: 'n1', instanceId: 'a', at: '2026-03-02T05:00:00.000Z', data: { n: 1n } }] };
    const results = await Promise.allSettled([
      store.commit({ audit: [entry('a'), entry('a')] }),
      store.commit(broken as never),
      store.commit({ audit: [entry('c')] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(transactions).toEqual([{ units: 3, failed: 1 }]);
    // Another connection to the file (as another process would) appends between two groups.
    const other = sqliteStore(join(dir, 'store.sqlite'));
    await other.init();
    try {
      await other.commit({ audit: [entry('other')] });
    } finally {
      await other.close();
    }
    await Promise.all([store.commit({ audit: [entry('d')] }), store.commit({ audit: [entry('e')] })]);
    expect((await store.audit({})).map((e) => [e.seq, e.subject])).toEqual([
      [1, 'a'],
      [2, 'a'],
      [3, 'c'],
      [4, 'other'],
      [5, 'd'],
      [6, 'e'],
    ]);
    const report = await verifyChain(store);
    expect(report).toMatchObject({ ok: true, checked: 6 });
  });

  it('answers a stale compare-and-set in a group with a ConflictError and commits the winner', async () => {
    await store.commit({ instanceInserts: [instance('x')] });
    transactions.length = 0;
    const next = (n: number) => ({ instanceUpdates: [{ record: instance('x', { version: 2, variables: { n } }), expectedVersion: 1 }] });
    const [first, second] = await Promise.allSettled([store.commit(next(1)), store.commit(next(2))]);
    expect(first.status).toBe('fulfilled');
    expect((second as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(transactions).toEqual([{ units: 2, failed: 1 }]);
    expect((await store.getInstance('x'))?.variables).toEqual({ n: 1 });
  });

  it('answers the units already handed to commit when the store is closed', async () => {
    const pending = store.commit({ instanceInserts: [instance('late')] });
    await store.close();
    await expect(pending).resolves.toBeUndefined();
    await store.init();
    expect(await store.getInstance('late')).toBeDefined();
  });
});

describe('sqlite store: a commit is answered once its WAL is on the disk', () => {
  it('holds every unit of a group until the sync of the WAL returns, with synchronous full (the default)', async () => {
    const store = sqliteStore(join(dir, 'synced.sqlite'), { walSyncDelayMs: 400 }); // a slow disk
    await store.init();
    try {
      let answered = 0;
      const units = ['a', 'b', 'c'].map((id) => store.commit({ instanceInserts: [instanceRecord(id)] }).then(() => answered++));
      await new Promise((resolve) => setTimeout(resolve, 50));
      // committed (a read sees them), but nobody told so before the disk has them
      expect(await store.getInstance('b')).toBeDefined();
      expect(answered).toBe(0);
      await Promise.all(units);
      expect(answered).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('does not wait for a sync with synchronous normal', async () => {
    const store = sqliteStore(join(dir, 'normal.sqlite'), { synchronous: 'normal', walSyncDelayMs: 60_000 });
    await store.init();
    try {
      // with a sync in the way this would wait a minute; normal answers once SQLite committed
      const answered = await Promise.race([store.commit({ instanceInserts: [instanceRecord('n')] }).then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 5000))]);
      expect(answered).toBe(true);
    } finally {
      await store.close();
    }
  });
});

function instanceRecord(id: string): InstanceRecord {
  return { id, key: 'p', definitionId: 'p:1', version: 1, status: 'active', variables: {}, tokens: [], incidents: [], trackingNumber: `TN-${id}`, startedAt: '2026-03-02T05:00:00.000Z', nextToken: 1 };
}
