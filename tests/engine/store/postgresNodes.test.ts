/**
 * Two engines on one PostgreSQL database (two nodes) doing what every node does on its own
 * schedule, at the same moment: polling due timers and sweeping SLAs. Each timer fires once and
 * each crossing is flagged and audited once. Skipped with the reason where no server can start.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, manualClock, type Engine } from '../../../engine/index.js';
import { postgresStore } from '../../../engine/store/postgres/PostgresStore.js';
import { fixture, onlyTask } from '../../support/harness.js';
import { dropTestSchemas, freshSchema, postgresSkip, postgresUrl } from '../../support/postgresTestStore.js';

afterAll(dropTestSchemas);

describe.skipIf(postgresSkip !== undefined)(`two engines on one PostgreSQL database${postgresSkip ? ` (skipped: ${postgresSkip})` : ''}`, () => {
  const clock = manualClock('2026-03-02T04:00:00Z');
  let a: Engine;
  let b: Engine;
  beforeEach(async () => {
    clock.set('2026-03-02T04:00:00Z');
    const schema = freshSchema();
    a = await createEngine({ store: postgresStore({ url: postgresUrl!, schema, poolSize: 4, applicationName: 'node-a' }), clock });
    b = await createEngine({ store: postgresStore({ url: postgresUrl!, schema, poolSize: 4, applicationName: 'node-b' }), clock });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  it('should fire every due timer exactly once while both nodes poll at once', async () => {
    await a.deploy(fixture(import.meta.url, '../runtime/IntermediateCatchEvent.bpmn'));
    const ids: string[] = [];
    for (let n = 0; n < 12; n++) ids.push((await (n % 2 ? a : b).start('timer_catch')).id);
    clock.advance('P16D');
    const runs = await Promise.all([a.runDueJobs(), b.runDueJobs(), a.runDueJobs(), b.runDueJobs()]);
    expect(runs.reduce((sum, r) => sum + r.fired, 0)).toBe(12);
    for (const id of ids) {
      expect((await a.history(id)).filter((e) => e.event === 'timer')).toHaveLength(1);
      expect((await b.instance(id)).tokens.map((t) => t.elementId)).toEqual(['register']);
    }
  });

  it('should flag an SLA crossing once, audited once, while both nodes sweep at once', async () => {
    clock.set('2026-03-20T14:00:00Z');
    await a.deploy(fixture(import.meta.url, '../sla/SlaTracking.bpmn'));
    const { id } = await b.start('sla_review');
    const task = await onlyTask(a, id);
    clock.set(task.warnAt!);
    const sweeps = await Promise.all([a.sweepSla(), b.sweepSla()]);
    expect(sweeps.reduce((sum, s) => sum + s.atRisk, 0)).toBe(1);
    expect((await b.audit({ subject: task.id })).map((e) => e.action)).toEqual(['task.create', 'task.atRisk']);
  });
});
