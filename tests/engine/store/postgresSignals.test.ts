/**
 * Signals on two engines sharing one PostgreSQL database (two nodes): a broadcast on one node
 * reaches, through the `signals` index (migration 5), the instances the other node started; a
 * gateway waiting for a signal and a timer is won once when both come at once; a throw on one
 * node is broadcast once. Skipped with the reason where no server can start.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, manualClock, type Engine } from '../../../engine/index.js';
import { postgresStore } from '../../../engine/store/postgres/PostgresStore.js';
import { fixture } from '../../support/harness.js';
import { dropTestSchemas, freshSchema, postgresSkip, postgresUrl } from '../../support/postgresTestStore.js';

afterAll(dropTestSchemas);

describe.skipIf(postgresSkip !== undefined)(`signals on two PostgreSQL nodes${postgresSkip ? ` (skipped: ${postgresSkip})` : ''}`, () => {
  const clock = manualClock('2026-03-02T04:00:00Z');
  let a: Engine;
  let b: Engine;
  beforeEach(async () => {
    const schema = freshSchema();
    a = await createEngine({ store: postgresStore({ url: postgresUrl!, schema, poolSize: 4, applicationName: 'node-a' }), clock });
    b = await createEngine({ store: postgresStore({ url: postgresUrl!, schema, poolSize: 4, applicationName: 'node-b' }), clock });
    await a.deploy(fixture(import.meta.url, '../runtime/Signal.bpmn'));
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  const at = async (engine: Engine, id: string) => (await engine.instance(id)).tokens.map((t) => t.elementId).sort();

  it('should reach from one node the catches and boundaries of instances the other node started, and nothing twice', async () => {
    const waiting = await Promise.all([b.start('signal_catch'), b.start('signal_catch'), a.start('signal_catch')]);
    const reviewed = await b.start('signal_boundary');
    const [first, second] = await Promise.all([a.signal('registryRestored'), b.signal('registryRestored')]);
    // Each waiting catch went on exactly once, whichever node's broadcast reached it.
    expect([...first.reached, ...second.reached].map((r) => r.instanceId).sort()).toEqual(waiting.map((w) => w.id).sort());
    for (const { id } of waiting) expect(await at(a, id)).toEqual(['check']);
    expect((await a.signal('rulesChanged')).reached).toEqual([{ instanceId: reviewed.id, elements: ['rules_changed'] }]);
    expect(await at(b, reviewed.id)).toEqual(['recheck', 'review']);
    expect((await b.signal('registryRestored')).reached).toEqual([]);
  });

  it('should let a gateway be won once when its signal and its timer come at once on two nodes', async () => {
    for (let round = 0; round < 3; round++) {
      const { id } = await a.start('signal_or_timer');
      clock.advance('P5D');
      await Promise.all([a.signal('registryRestored'), b.runDueJobs()]);
      const path = (await a.history(id)).filter((e) => e.event === 'enter').map((e) => e.elementId);
      // One of the two won; the other left nothing behind.
      expect([['g_start', 'g_gateway', 'g_registry', 'g_check'], ['g_start', 'g_gateway', 'g_five_days', 'g_end']]).toContainEqual(path);
      clock.advance('P10D');
      expect((await a.runDueJobs()).fired).toBe(0);
      expect((await b.signal('registryRestored')).reached).toEqual([]);
    }
  });

  it('should broadcast a throw committed on one node once, to instances of both', async () => {
    const waiting = await Promise.all([a.start('signal_catch'), b.start('signal_catch')]);
    const thrower = await b.start('signal_throw');
    expect((await a.instance(thrower.id)).state).toBe('completed');
    for (const { id } of waiting) expect(await at(a, id)).toEqual(['check']);
    expect((await a.runDueJobs()).fired + (await b.runDueJobs()).fired).toBe(0);
    const broadcasts = (await a.audit()).filter((e) => e.action === 'signal.broadcast' && e.data?.signalName === 'registryRestored');
    expect(broadcasts).toHaveLength(1);
  });
});
