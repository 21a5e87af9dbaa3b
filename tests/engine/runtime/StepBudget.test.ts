import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, openHarness, type Harness } from '../../support/harness.js';

describe('the step budget', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness({ stepBudget: 200 });
    await h.engine.deploy(fixture(import.meta.url, 'StepBudget.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should park a token that loops without a wait state as an incident instead of hanging', async () => {
    const { id, state } = await h.engine.start('loops_at_runtime');
    expect(state).toBe('incident');
    const view = await h.engine.instance(id);
    expect(view.incidents).toHaveLength(1);
    expect(view.incidents[0]!.message).toMatch(/more than 200 elements without reaching a wait state/);
    expect(view.tokens).toEqual([expect.objectContaining({ state: 'incident' })]);
    expect((await h.engine.history(id)).filter((e) => e.event === 'enter').length).toBeLessThanOrEqual(200);
  });

  it('should leave a loop that has a way out alone when the way out is taken', async () => {
    const { state } = await h.engine.start('loops_at_runtime', { variables: { stop: true } });
    expect(state).toBe('completed');
  });
});
