import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, createEngine, manualClock, sqliteStore, type CommitBatch, type Engine, type Store } from '../../../engine/index.js';
import { fixture, path } from '../../support/harness.js';

/**
 * A service-task handler runs after the commit of the step that reached it, as a job
 * (engine/jobs/HandlerJobs.ts), so a commit that loses a version race and is retried never
 * runs it twice. Two engines share one sqlite file (two nodes); the race is real: just before
 * engine A commits, engine B completes the other branch's task, so A's commit conflicts.
 */
describe('a ps:handler and version conflicts', () => {
  let dir: string;
  const open: Engine[] = [];
  afterEach(async () => {
    for (const engine of open.splice(0)) await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Engine A on a store that lets `race` run (once, through engine B) before the commit `when` picks; counts A's lost races. */
  async function twoNodes(when: (batch: CommitBatch) => boolean) {
    dir = mkdtempSync(join(tmpdir(), 'tereze-handler-once-'));
    const file = join(dir, 'engine.db');
    const clock = manualClock('2026-03-02T04:00:00Z');
    const calls: { instanceId: string; storedAtCharge: boolean }[] = [];
    const race = { armed: false, ran: false, conflicts: 0, crash: false, run: async () => undefined as unknown };
    const real = sqliteStore(file);
    const store = new Proxy(real, {
      get(target, prop) {
        if (prop === 'commit') {
          return async (batch: CommitBatch) => {
            const now = race.armed && !race.ran && when(batch);
            if (now && !race.crash) {
              race.ran = true;
              await race.run();
            }
            try {
              await target.commit(batch);
            } catch (error) {
              if (error instanceof ConflictError) race.conflicts++;
              throw error;
            }
            if (now && race.crash) {
              race.ran = true;
              throw new Error('node A died right after its commit'); // the commit landed; nothing after it ran
            }
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as Store;
    let b: Engine | undefined;
    const charge = async ({ instanceId }: { instanceId: string }) => {
      // The side effect (a fee charged once) — and proof that the step reaching it was committed first.
      const stored = await b!.instance(instanceId);
      calls.push({ instanceId, storedAtCharge: stored.tokens.some((t) => t.elementId === 'charge') });
      return { feeCharged: true };
    };
    const a = await createEngine({ store, clock, handlers: { charge } });
    b = await createEngine({ store: sqliteStore(file), clock, handlers: { charge } });
    open.push(a, b);
    await a.deploy(fixture(import.meta.url, 'HandlerOnce.bpmn'));
    const { id } = await a.start('handler_once');
    const taskAt = async (elementId: string) => (await a.tasks({ instanceId: id })).find((t) => t.elementId === elementId)!;
    race.run = async () => b!.completeTask((await taskAt('second')).id, { by: 'second-official' });
    return { a, b, id, calls, race, taskAt, clock };
  }

  it('should run the handler once when the commit of the step that reaches it loses a race and is retried', async () => {
    const { a, id, calls, race, taskAt } = await twoNodes((batch) => (batch.taskUpdates ?? []).some((u) => u.record.elementId === 'review'));
    const review = await taskAt('review');
    race.armed = true;
    const view = await a.completeTask(review.id, { by: 'official' });
    expect(race.conflicts).toBe(1); // the first attempt lost to engine B's completion of 'second'
    expect(calls).toEqual([{ instanceId: id, storedAtCharge: true }]);
    expect(view.state).toBe('completed');
    expect(view.variables.feeCharged).toBe(true);
    expect((await path(a, id)).filter((e) => e === 'charge')).toEqual(['charge']);
    expect(await a.runDueJobs()).toEqual({ fired: 0, failed: 0 }); // no handler job left behind
  });

  it('should run the handler once when the commit of its answer loses a race and is retried', async () => {
    const { a, id, calls, race, taskAt } = await twoNodes((batch) => (batch.jobCompletions ?? []).length > 0);
    race.armed = true;
    const view = await a.completeTask((await taskAt('review')).id, { by: 'official' });
    expect(race.conflicts).toBe(1); // the answer's first commit lost to engine B
    expect(calls).toHaveLength(1);
    expect(view.state).toBe('completed');
    expect(view.variables.feeCharged).toBe(true);
    expect(await a.runDueJobs()).toEqual({ fired: 0, failed: 0 });
  });

  it("should step a handler's answer on the instance as the commit that reached it left it, read once, and answer the version it committed", async () => {
    dir = mkdtempSync(join(tmpdir(), 'tereze-handler-once-'));
    const real = sqliteStore(join(dir, 'engine.db'));
    const reads: string[] = [];
    const store = new Proxy(real, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (prop === 'getInstance') return (id: string) => (reads.push(id), real.getInstance(id));
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as Store;
    const engine = await createEngine({ store, clock: manualClock('2026-03-02T04:00:00Z'), handlers: { charge: () => ({ feeCharged: true }) } });
    open.push(engine);
    await engine.deploy(fixture(import.meta.url, 'HandlerOnce.bpmn'));
    const { id } = await engine.start('handler_once');
    const tasks = await engine.tasks({ instanceId: id });
    await engine.completeTask(tasks.find((t) => t.elementId === 'second')!.id, { by: 'second-official' });
    reads.length = 0;
    const view = await engine.completeTask(tasks.find((t) => t.elementId === 'review')!.id, { by: 'official' });
    // The completion loads the instance; the handler's answer, one commit later, reads it no more.
    expect(reads).toEqual([id]);
    expect(view).toMatchObject({ state: 'completed', variables: { feeCharged: true } });
    expect(view.version).toBe((await engine.instance(id)).version);
  });

  it('should let any node run, once, a handler job whose node died right after committing it (at least once across a crash)', async () => {
    const { a, b, id, calls, race, taskAt, clock } = await twoNodes((batch) => (batch.jobInserts ?? []).some((j) => j.type === 'continuation'));
    await b.completeTask((await taskAt('second')).id, { by: 'second-official' });
    race.armed = true;
    race.crash = true;
    await expect(a.completeTask((await taskAt('review')).id, { by: 'official' })).rejects.toThrow('node A died');
    expect(calls).toHaveLength(0);
    expect((await b.instance(id)).tokens.map((t) => t.elementId)).toEqual(['join', 'charge']);
    // Nobody else takes the job while its own node's lease on it holds (60 s by default).
    expect(await b.runDueJobs()).toEqual({ fired: 0, failed: 0 });
    clock.advance(61_000);
    expect(await b.runDueJobs()).toEqual({ fired: 1, failed: 0 });
    expect(calls).toEqual([{ instanceId: id, storedAtCharge: true }]);
    expect((await b.instance(id)).state).toBe('completed');
    expect(await b.runDueJobs()).toEqual({ fired: 0, failed: 0 });
  });
});
