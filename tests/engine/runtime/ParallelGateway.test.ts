import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

describe('ParallelGateway', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'ParallelGateway.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should fork to both checks and join only when both are done, across a restart', async () => {
    const { id } = await h.engine.start('parallel');
    const tasks = await h.engine.tasks({ instanceId: id });
    expect(tasks.map((t) => t.elementId).sort()).toEqual(['check_police', 'check_tax']);
    await h.engine.completeTask(tasks.find((t) => t.elementId === 'check_tax')!.id, { by: 'a' });
    expect((await h.engine.instance(id)).tokens.map((t) => [t.elementId, t.state]).sort()).toEqual([
      ['check_police', 'waiting'],
      ['join', 'joining'],
    ]);
    const engine = await h.restart();
    await engine.completeTask(tasks.find((t) => t.elementId === 'check_police')!.id, { by: 'b' });
    const decide = await onlyTask(engine, id);
    expect(decide.elementId).toBe('decide');
    await engine.completeTask(decide.id, { by: 'c' });
    const entered = await path(engine, id);
    expect(entered.filter((e) => e === 'join')).toHaveLength(2);
    expect(entered.filter((e) => e === 'decide')).toHaveLength(1);
    expect((await engine.instance(id)).state).toBe('completed');
  });
});
