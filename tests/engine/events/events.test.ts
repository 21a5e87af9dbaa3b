import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommitEvent } from '../../../engine/index.js';
import { fixture, onlyTask, openHarness, type Harness } from '../../support/harness.js';

describe('engine events', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(new URL('../runtime/x', import.meta.url).href, 'UserTask.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should tell listeners what each commit changed, after it landed, and stop when unsubscribed', async () => {
    const seen: CommitEvent[] = [];
    const unsubscribe = h.engine.subscribe((event) => seen.push(event));
    const { id } = await h.engine.start('user_task');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.instancesStarted.map((i) => i.id)).toEqual([id]);
    expect(seen[0]!.tasksCreated.map((t) => t.elementId)).toEqual(['review']);
    const task = await onlyTask(h.engine, id);
    await h.engine.completeTask(task.id, { by: 'official-1' });
    expect(seen[1]!.tasksChanged).toEqual([expect.objectContaining({ id: task.id, state: 'completed', completedBy: 'official-1' })]);
    expect(seen[1]!.instancesChanged).toEqual([expect.objectContaining({ id, status: 'completed' })]);

    await expect(h.engine.completeTask(task.id, { by: 'official-1' })).rejects.toThrow();
    expect(seen).toHaveLength(2); // a refused command commits nothing and tells nothing
    unsubscribe();
    await h.engine.start('user_task');
    expect(seen).toHaveLength(2);
  });

  it('should keep the engine working when a listener throws', async () => {
    h.engine.subscribe(() => {
      throw new Error('a broken dashboard');
    });
    const seen: string[] = [];
    h.engine.subscribe((event) => seen.push(event.type));
    expect((await h.engine.start('user_task')).state).toBe('active');
    expect(seen).toEqual(['commit']);
  });
});
