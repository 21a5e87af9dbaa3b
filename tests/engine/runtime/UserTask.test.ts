import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, createEngine, sqliteStore } from '../../../engine/index.js';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

describe('UserTask', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'UserTask.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should wait in the inbox of its group, survive a restart and finish when completed', async () => {
    const { id, state } = await h.engine.start('user_task', { variables: { applicant: 'Aigerim' } });
    expect(state).toBe('active');
    const task = await onlyTask(h.engine, id);
    expect(task).toMatchObject({ elementId: 'review', name: 'Review the application', office: 'back', candidateGroup: 'mj-registration', state: 'open', assignee: null });
    expect((await h.engine.tasks({ group: 'mj-registration' })).map((t) => t.id)).toEqual([task.id]);

    const engine = await h.restart();
    const resumed = await onlyTask(engine, id);
    expect(resumed.id).toBe(task.id);
    const view = await engine.completeTask(task.id, { by: 'official-1', outcome: 'approve', variables: { decision: 'ok' } });

    expect(view.state).toBe('completed');
    expect(view.variables).toEqual({ applicant: 'Aigerim', decision: 'ok', outcome: 'approve' });
    expect(await path(engine, id)).toEqual(['start', 'review', 'end']);
    expect(await engine.tasks({ instanceId: id })).toEqual([]);
    const [done] = await engine.tasks({ instanceId: id, state: 'completed' });
    expect(done).toMatchObject({ completedBy: 'official-1', outcome: 'approve', state: 'completed' });
  });

  it('should let exactly one of two simultaneous completions win and answer the other with a conflict', async () => {
    const { id } = await h.engine.start('user_task');
    const task = await onlyTask(h.engine, id);
    const results = await Promise.allSettled([
      h.engine.completeTask(task.id, { by: 'official-1' }),
      h.engine.completeTask(task.id, { by: 'official-2' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(ConflictError);
    expect((await h.engine.history(id)).filter((e) => e.elementId === 'end' && e.event === 'enter')).toHaveLength(1);
  });

  it('should let exactly one of two engines on the same store complete a task', async () => {
    const { id } = await h.engine.start('user_task');
    const task = await onlyTask(h.engine, id);
    const other = await createEngine({ store: sqliteStore(h.file), clock: h.clock });
    try {
      const results = await Promise.allSettled([
        h.engine.completeTask(task.id, { by: 'official-1' }),
        other.completeTask(task.id, { by: 'official-2' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const loser = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
      expect(loser.reason).toBeInstanceOf(ConflictError);
      expect((await other.task(task.id)).state).toBe('completed');
    } finally {
      await other.close();
    }
  });

  it('should let one official claim a task and refuse a second claim', async () => {
    const { id } = await h.engine.start('user_task');
    const task = await onlyTask(h.engine, id);
    await h.engine.claimTask(task.id, { by: 'official-1' });
    await expect(h.engine.claimTask(task.id, { by: 'official-2' })).rejects.toBeInstanceOf(ConflictError);
    expect((await h.engine.tasks({ assignee: 'official-1' })).map((t) => t.id)).toEqual([task.id]);
    await h.engine.directory.putUser({ id: 'official-3', name: 'Official 3', roles: ['official'], groups: ['mj-registration'], agency: 'mj' });
    const moved = await h.engine.reassignTask(task.id, { to: 'official-3', by: 'supervisor', reason: 'official-1 is on leave' });
    expect(moved.assignee).toBe('official-3');
    const audit = await h.engine.audit({ subject: task.id });
    expect(audit.map((a) => a.action)).toEqual(['task.create', 'task.claim', 'task.reassign']);
  });
});
