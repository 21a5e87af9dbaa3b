import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, openHarness, path, type Harness } from '../../support/harness.js';

describe('Task and ManualTask', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
  });
  afterEach(() => h.dispose());

  it('should pass straight through and complete the instance in one step', async () => {
    await h.engine.deploy(fixture(import.meta.url, 'Task.bpmn'));
    const { id, state } = await h.engine.start('plain_tasks');
    expect(state).toBe('completed');
    expect(await path(h.engine, id)).toEqual(['start', 'consult', 'scan', 'end']);
    const engine = await h.restart();
    expect((await engine.instance(id)).state).toBe('completed');
  });
});
