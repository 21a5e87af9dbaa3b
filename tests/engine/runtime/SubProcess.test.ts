import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

describe('SubProcess (embedded)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'SubProcess.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should complete when every inner token has ended, then continue after it', async () => {
    const { id } = await h.engine.start('sub_process');
    const inner = await h.engine.tasks({ instanceId: id });
    expect(inner.map((t) => t.elementId).sort()).toEqual(['quick_exit', 'review']);
    const engine = await h.restart();
    await engine.completeTask(inner.find((t) => t.elementId === 'review')!.id, { by: 'a' });
    expect((await onlyTask(engine, id)).elementId).toBe('quick_exit');
    await engine.completeTask(inner.find((t) => t.elementId === 'quick_exit')!.id, { by: 'a' });
    const handBack = await onlyTask(engine, id);
    expect(handBack.elementId).toBe('hand_back');
    await engine.completeTask(handBack.id, { by: 'clerk' });
    expect((await engine.instance(id)).state).toBe('completed');
  });

  it('should end only the sub-process at an inner terminate end event', async () => {
    const { id } = await h.engine.start('sub_process');
    const quick = (await h.engine.tasks({ instanceId: id })).find((t) => t.elementId === 'quick_exit')!;
    await h.engine.completeTask(quick.id, { by: 'a' });
    expect((await onlyTask(h.engine, id)).elementId).toBe('hand_back');
    expect((await h.engine.tasks({ instanceId: id, state: 'cancelled' })).map((t) => t.elementId)).toEqual(['review']);
    expect(await path(h.engine, id)).toEqual(['start', 'back_office', 'bo_start', 'bo_fork', 'review', 'quick_exit', 'bo_terminate', 'hand_back']);
  });
});
