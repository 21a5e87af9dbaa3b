import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../engine/index.js';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

describe('StartEvent', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'StartEvent.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should enter at the start event of the channel and record the channel', async () => {
    const { id } = await h.engine.start('start_channels', { channel: 'portal' });
    expect(await path(h.engine, id)).toEqual(['on_portal', 'intake', 'review']);
    expect((await h.engine.instance(id)).channel).toBe('portal');
    await expect(h.engine.start('start_channels', { channel: 'agency' })).rejects.toThrow(/does not accept the 'agency' channel/);
    await expect(h.engine.start('start_channels')).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("should give the model the channel as the variable 'channel', and refuse a caller's other one", async () => {
    const { id } = await h.engine.start('start_channels', { channel: 'portal', variables: { note: 'x' } });
    expect((await h.engine.instance(id)).variables).toMatchObject({ channel: 'portal', note: 'x' });
    await expect(h.engine.start('start_channels', { channel: 'portal', variables: { channel: 'centre' } })).rejects.toThrow(/variables\.channel.*'portal'.*'centre'/);
    expect((await h.engine.instance((await h.engine.start('start_channels', { channel: 'portal', variables: { channel: 'portal' } })).id)).variables['channel']).toBe('portal');
  });

  it('should start an instance when its start message is correlated', async () => {
    const result = await h.engine.correlate('applicationReceived', { variables: { service: 'birth' } });
    expect(result.started).toBe(true);
    const engine = await h.restart();
    const task = await onlyTask(engine, result.instanceId);
    await engine.completeTask(task.id, { by: 'clerk' });
    expect(await path(engine, result.instanceId)).toEqual(['received', 'register', 'done']);
  });

  it('should start an instance each time a start timer cycle falls due, also after a restart', async () => {
    expect((await h.engine.runDueJobs()).fired).toBe(0);
    h.clock.advance('PT1H');
    expect((await h.engine.runDueJobs()).fired).toBe(1);
    const engine = await h.restart();
    h.clock.advance('PT5H'); // the second (last) repetition fell due while "down"
    expect((await engine.runDueJobs()).fired).toBe(1);
    h.clock.advance('PT5H');
    expect((await engine.runDueJobs()).fired).toBe(0);
    const tasks = await engine.tasks({});
    expect(tasks.filter((t) => t.key === 'start_timer')).toHaveLength(2);
  });
});
