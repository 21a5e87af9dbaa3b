import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, openHarness, path, type Harness } from '../../support/harness.js';

describe('EndEvent', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'EndEvent.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should complete the whole instance at a terminate end event and cancel the other branch', async () => {
    const { id } = await h.engine.start('end_terminate');
    const engine = await h.restart();
    const withdraw = (await engine.tasks({ instanceId: id })).find((t) => t.elementId === 'withdraw')!;
    const view = await engine.completeTask(withdraw.id, { by: 'clerk' });
    expect(view.state).toBe('completed'); // a modelled end, not an operator's cancellation
    expect(view.tokens).toEqual([]);
    expect(await engine.tasks({ instanceId: id })).toEqual([]);
    const cancelled = await engine.tasks({ instanceId: id, state: 'cancelled' });
    expect(cancelled.map((t) => t.elementId)).toEqual(['review']);
  });

  it('should raise a BPMN error at an error end event, caught by the sub-process boundary', async () => {
    const refused = await h.engine.start('end_error', { variables: { documents: 1 } });
    expect(refused.state).toBe('completed');
    expect(await path(h.engine, refused.id)).toEqual(['e_start', 'check', 'check_start', 'complete_q', 'incomplete', 'on_incomplete', 'refused']);
    const accepted = await h.engine.start('end_error', { variables: { documents: 5 } });
    expect(await path(h.engine, accepted.id)).toEqual(['e_start', 'check', 'check_start', 'complete_q', 'check_end', 'accepted']);
  });

  it('should record an outgoing notification at a message end event', async () => {
    const { id, state } = await h.engine.start('end_message', { variables: { result: 'certificate' } });
    expect(state).toBe('completed');
    const [sent] = await h.engine.notifications(id);
    expect(sent).toMatchObject({ messageName: 'resultReady', elementId: 'm_end', payload: { result: 'certificate' } });
  });
});
