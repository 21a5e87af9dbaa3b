import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, onlyTask, openHarness, type Harness } from '../../support/harness.js';

describe('InclusiveGateway', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'InclusiveGateway.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should fork on every true condition and join only the branches that were taken', async () => {
    const { id } = await h.engine.start('inclusive', { variables: { checks: { police: true, tax: true } } });
    const tasks = await h.engine.tasks({ instanceId: id });
    expect(tasks.map((t) => t.elementId).sort()).toEqual(['check_police', 'check_tax']);
    await h.engine.completeTask(tasks[0]!.id, { by: 'a' });
    expect((await h.engine.tasks({ instanceId: id })).map((t) => t.elementId)).toEqual([tasks[1]!.elementId]);
    const engine = await h.restart();
    await engine.completeTask(tasks[1]!.id, { by: 'b' });
    const decide = await onlyTask(engine, id);
    expect(decide.elementId).toBe('decide');
  });

  it('should take the default flow when no condition holds and pass the join with one token', async () => {
    const { id } = await h.engine.start('inclusive', { variables: { checks: { police: false, tax: false } } });
    const archive = await onlyTask(h.engine, id);
    expect(archive.elementId).toBe('check_archive');
    await h.engine.completeTask(archive.id, { by: 'a' });
    expect((await onlyTask(h.engine, id)).elementId).toBe('decide');
  });
});
