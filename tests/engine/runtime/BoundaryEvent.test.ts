import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

describe('BoundaryEvent', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'BoundaryEvent.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should remind twice with a non-interrupting timer cycle, then archive with the interrupting timer', async () => {
    const { id } = await h.engine.start('boundary');
    const collect = await onlyTask(h.engine, id);
    h.clock.advance('P7D');
    expect((await h.engine.runDueJobs()).fired).toBe(1);
    expect((await onlyTask(h.engine, id)).id).toBe(collect.id); // the activity goes on
    const engine = await h.restart();
    h.clock.advance('P7D');
    expect((await engine.runDueJobs()).fired).toBe(1);
    h.clock.advance('P7D');
    expect((await engine.runDueJobs()).fired).toBe(0); // R2: only two reminders
    h.clock.advance('P9D');
    expect((await engine.runDueJobs()).fired).toBe(1);
    const view = await engine.instance(id);
    expect(view.state).toBe('completed');
    expect(await engine.notifications(id)).toHaveLength(2);
    const entered = await path(engine, id);
    expect(entered.filter((e) => e === 'remind')).toHaveLength(2);
    expect(entered.at(-1)).toBe('archived');
    expect((await engine.tasks({ instanceId: id, state: 'cancelled' })).map((t) => t.id)).toEqual([collect.id]);
  });

  it('should cancel the timers when the task is completed first', async () => {
    const { id } = await h.engine.start('boundary');
    await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'clerk' });
    h.clock.advance('P60D');
    expect((await h.engine.runDueJobs()).fired).toBe(0);
    expect(await path(h.engine, id)).toEqual(['start', 'collect', 'handed_over']);
  });

  it('should interrupt the task when its boundary message arrives', async () => {
    const { id, trackingNumber } = await h.engine.start('boundary');
    const engine = await h.restart();
    await engine.correlate('withdrawn', { trackingNumber });
    expect(await path(engine, id)).toEqual(['start', 'collect', 'on_withdrawn', 'withdrawn_end']);
    expect(await engine.tasks({ instanceId: id })).toEqual([]);
    h.clock.advance('P60D');
    expect((await engine.runDueJobs()).fired).toBe(0);
  });
});
