/**
 * Group commit in the PostgreSQL store (the throwaway cluster of tests/support/postgresCluster.ts):
 * the units waiting on one node share one transaction, a SAVEPOINT each. Transactions are
 * counted through the store's `onTransaction` hook, called after each COMMIT. Reported skipped
 * with the reason where no server can start.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../engine/audit/index.js';
import { createEngine, manualClock, type Engine } from '../../../engine/index.js';
import { ConflictError } from '../../../engine/errors.js';
import type { InstanceRecord, Store } from '../../../engine/store/port.js';
import { postgresStore } from '../../../engine/store/postgres/PostgresStore.js';
import { dropTestSchemas, freshSchema, postgresSkip, postgresUrl } from '../../support/postgresTestStore.js';
import { PARALLEL } from './groupCommitProcess.js';

afterAll(dropTestSchemas);


interface Transaction {
  readonly units: number;
  readonly failed: number;
}

const opened: Engine[] = [];
afterEach(async () => {
  for (const engine of opened.splice(0)) await engine.close();
});

async function open(groupCommit: boolean): Promise<{ engine: Engine; transactions: Transaction[] }> {
  const transactions: Transaction[] = [];
  const store = postgresStore({ url: postgresUrl!, schema: freshSchema(), poolSize: 6, groupCommit, onTransaction: (info) => transactions.push(info) });
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

describe.skipIf(postgresSkip !== undefined)(`postgres group commit${postgresSkip ? ` (skipped: ${postgresSkip})` : ''}`, () => {
  it('commits many concurrent starts in fewer transactions, each caller answered with its own committed instance', async () => {
    const { engine, transactions } = await open(true);
    const started = await Promise.all(Array.from({ length: 40 }, (_, i) => engine.start('group_commit', { by: 'clerk', variables: { i } })));
    expect(units(transactions)).toBe(40);
    expect(transactions.length).toBeLessThan(40);
    for (const [i, s] of started.entries()) expect((await engine.instance(s.id)).variables).toMatchObject({ i });
  });

  it('rolls back a unit that lost its version race inside a group alone, and transact retries it; same results as one transaction per unit', async () => {
    const grouped = await open(true);
    const single = await open(false);
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
    expect(a.every((o) => o.state === 'completed')).toBe(true);
    expect(a).toEqual(b);
    expect(grouped.transactions.some((t) => t.failed > 0 && t.units > t.failed)).toBe(true);
    expect(single.transactions.every((t) => t.units === 1)).toBe(true);
    expect((await grouped.engine.verifyAudit()).ok).toBe(true);
  });

  it('keeps the other units of a group when one throws halfway through its writes, and keeps none of that one', async () => {
    const transactions: Transaction[] = [];
    const store: Store = postgresStore({ url: postgresUrl!, schema: freshSchema(), poolSize: 3, onTransaction: (info) => transactions.push(info) });
    await store.init();
    try {
      // Written first in its savepoint, then a history entry that cannot be serialised.
      const broken = { instanceInserts: [instance('broken')], history: [{ instanceId: 'broken', at: '2026-03-02T05:00:00.000Z', elementId: 'x', event: 'step', data: { n: 1n } }] };
      const stale = { instanceUpdates: [{ record: instance('x', { version: 2 }), expectedVersion: 1 }] };
      const results = await Promise.allSettled([
        store.commit({ instanceInserts: [instance('a')], audit: [{ at: '2026-03-02T05:00:00.000Z', actor: 't', action: 'x.y', subject: 'a' }] }),
        store.commit(broken as never),
        store.commit(stale),
        store.commit({ instanceInserts: [instance('b')], audit: [{ at: '2026-03-02T05:00:00.000Z', actor: 't', action: 'x.y', subject: 'b' }] }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/BigInt/);
      expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
      expect(transactions).toEqual([{ units: 4, failed: 2 }]);
      expect(await store.getInstance('a')).toBeDefined();
      expect(await store.getInstance('b')).toBeDefined();
      expect(await store.getInstance('broken')).toBeUndefined();
      const audit = await store.audit({});
      expect(audit.map((e) => [e.seq, e.subject])).toEqual([[1, 'a'], [2, 'b']]);
      expect(await verifyChain(store)).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  });
});
