import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

const childOf = async (h: Harness, id: string) => ((await h.engine.instance(id)).tokens[0]!.wait as { childId: string }).childId;

describe('Call activities two levels deep', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'CallChain.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should let the top caller catch an error the middle one does not, cancelling both called instances, across a restart', async () => {
    const { id } = await h.engine.start('chain_top');
    const middle = await childOf(h, id);
    const bottom = await childOf(h, middle);
    const engine = await h.restart();
    await engine.completeTask((await onlyTask(engine, bottom)).id, { by: 'official' });
    expect(await path(engine, id)).toEqual(['top_start', 'call_middle', 'top_refused', 'top_refusal']);
    expect((await engine.instance(id)).state).toBe('completed');
    expect((await engine.instance(middle)).state).toBe('terminated');
    const child = await engine.instance(bottom);
    expect(child.state).toBe('terminated');
    expect(child.incidents).toEqual([]);
  });
});
