import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

describe('Conditions that are neither true nor false', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'ConditionIncident.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should raise an incident at the gateway naming the flow, the expression and the missing variable, not take the default flow; a retry with the variable goes on, across a restart', async () => {
    const { id } = await h.engine.start('condition_gateway');
    const view = await h.engine.instance(id);
    expect(view.state).toBe('incident');
    expect(await h.engine.tasks({ instanceId: id })).toEqual([]); // the default flow (review) was not taken
    expect(view.incidents).toEqual([
      expect.objectContaining({ elementId: 'decide', message: expect.stringMatching(/sequence flow f_low \('income < 100000'\).*null.*Variable 'income' not found/) }),
    ]);
    const engine = await h.restart();
    const retried = await engine.retryIncidents(id, { by: 'operator', variables: { income: 80_000 } });
    expect(retried.state).toBe('completed');
    expect((await path(engine, id)).at(-1)).toBe('benefit_granted');
  });

  it('should raise an incident, not take a branch, when a condition orders values of different types ("" < 100000), naming both; a retry with a number goes on', async () => {
    const { id } = await h.engine.start('condition_gateway', { variables: { income: '' } });
    const view = await h.engine.instance(id);
    expect(view.state).toBe('incident');
    expect(await h.engine.tasks({ instanceId: id })).toEqual([]);
    expect(view.incidents).toEqual([
      expect.objectContaining({ elementId: 'decide', message: expect.stringMatching(/f_low \('income < 100000'\).*"" < 100000: a string and a number are not ordered/) }),
    ]);
    const engine = await h.restart();
    const retried = await engine.retryIncidents(id, { by: 'operator', variables: { income: 80_000 } });
    expect(retried.state).toBe('completed');
    expect((await path(engine, id)).at(-1)).toBe('benefit_granted');
  });

  it('should raise an incident when a condition returns a value that is not a boolean', async () => {
    const { id } = await h.engine.start('condition_gateway', { variables: { income: 200_000, category: 'large family' } });
    const view = await h.engine.instance(id);
    expect(view.incidents).toEqual([expect.objectContaining({ elementId: 'decide', message: expect.stringMatching(/f_category \('category'\).*returned "large family", not a boolean/) })]);
    const retried = await h.engine.retryIncidents(id, { by: 'operator', variables: { category: false } });
    expect(retried.state).toBe('active');
    expect((await onlyTask(h.engine, id)).elementId).toBe('review'); // now both are false: the default flow
  });

  it('should keep a conditional flow out of a task inside a sub-process in its scope: the sub-process waits at the incident, and a retry leaves the task once, across a restart', async () => {
    const { id } = await h.engine.start('condition_in_subprocess');
    await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'clerk' });
    const stuck = await h.engine.instance(id);
    expect(stuck.state).toBe('incident');
    expect(stuck.incidents).toEqual([expect.objectContaining({ elementId: 'assess', message: expect.stringContaining('a_low') })]);
    expect(stuck.tokens.map((t) => t.elementId).sort()).toEqual(['assess', 'assessment']); // the sub-process did not complete past it
    expect(await h.engine.tasks({ instanceId: id })).toEqual([]);

    const engine = await h.restart();
    await engine.retryIncidents(id, { by: 'operator', variables: { income: 150_000 } });
    const decision = await onlyTask(engine, id);
    expect(decision.elementId).toBe('decision');
    const entered = await path(engine, id);
    expect(entered.filter((e) => e === 'assess')).toHaveLength(1); // no second task in a phantom scope
    expect(entered).toContain('a_high_end');
    expect(entered.filter((e) => e === 'decision')).toHaveLength(1);
    await engine.completeTask(decision.id, { by: 'clerk' });
    expect((await engine.instance(id)).state).toBe('completed');
  });
});
