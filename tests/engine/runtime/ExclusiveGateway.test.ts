import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

describe('ExclusiveGateway', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'ExclusiveGateway.bpmn'));
  });
  afterEach(() => h.dispose());

  it.each([
    ['approve', 'approved'],
    ['refuse', 'refused'],
    ['request documents', 'docs_requested'],
  ])('should follow the FEEL condition for the outcome %s (the default flow when none holds)', async (outcome, end) => {
    const { id } = await h.engine.start('exclusive');
    const engine = await h.restart();
    await engine.completeTask((await onlyTask(engine, id)).id, { by: 'official', outcome });
    expect(await path(engine, id)).toEqual(['start', 'decide', 'outcome_q', end]);
  });

  it('should raise an incident naming the gateway when no condition holds and there is no default', async () => {
    const { id, state } = await h.engine.start('exclusive_no_default', { variables: { amount: 50 } });
    expect(state).toBe('incident');
    const view = await h.engine.instance(id);
    expect(view.incidents).toEqual([expect.objectContaining({ elementId: 'amount_q', message: expect.stringContaining('no outgoing flow of amount_q matches') })]);
    expect(view.tokens).toEqual([expect.objectContaining({ elementId: 'amount_q', state: 'incident' })]);
  });

  it('should let an operator retry the incident with corrected variables', async () => {
    const { id } = await h.engine.start('exclusive_no_default', { variables: { amount: 50 } });
    const engine = await h.restart();
    await expect(engine.retryIncidents(id, { by: 'operator' })).resolves.toMatchObject({ state: 'incident' }); // same data, same incident
    const fixed = await engine.retryIncidents(id, { by: 'operator', variables: { amount: 500 } });
    expect(fixed.state).toBe('completed');
    expect(fixed.incidents).toEqual([]);
    expect(await path(engine, id)).toEqual(['n_start', 'amount_q', 'amount_q', 'amount_q', 'big']);
    expect((await engine.audit({ subject: id })).filter((a) => a.action === 'incident.retry')).toHaveLength(2);
    await expect(engine.retryIncidents(id, { by: 'operator' })).rejects.toThrow(/no incident/);
  });
});
