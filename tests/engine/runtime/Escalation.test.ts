import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

describe('Escalation (throw events, boundary events, event sub-processes)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'Escalation.bpmn'));
  });
  afterEach(() => h.dispose());

  async function openTasks(id: string) {
    return (await h.engine.tasks({ instanceId: id })).map((t) => t.elementId).sort();
  }

  async function completeAll(id: string) {
    for (const task of await h.engine.tasks({ instanceId: id })) await h.engine.completeTask(task.id, { by: 'clerk' });
  }

  it('should inform the head through a non-interrupting escalation boundary while the case goes on', async () => {
    const { id } = await h.engine.start('escalation_boundaries');
    await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'clerk', variables: { level: 'minor' } });
    await h.restart();
    expect(await openTasks(id)).toEqual(['finish', 'inform_head']);
    expect((await h.engine.history(id)).filter((e) => e.event === 'escalation')).toEqual([expect.objectContaining({ elementId: 'on_minor', data: { escalationCode: 'MINOR' } })]);
    await completeAll(id);
    expect((await h.engine.instance(id)).state).toBe('completed');
    const entered = await path(h.engine, id);
    expect(entered).toContain('done');
    expect(entered).toContain('informed');
  });

  it('should hand the case to the head through an interrupting escalation boundary: the sub-process is cancelled', async () => {
    const { id } = await h.engine.start('escalation_boundaries');
    await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'clerk', variables: { level: 'major' } });
    await h.restart();
    const takeOver = await onlyTask(h.engine, id);
    expect(takeOver.elementId).toBe('head_takes_over');
    await h.engine.completeTask(takeOver.id, { by: 'head' });
    expect((await h.engine.instance(id)).state).toBe('completed');
    const entered = await path(h.engine, id);
    expect(entered.slice(-4)).toEqual(['raise_major', 'on_major', 'head_takes_over', 'taken_over']);
    expect(entered).not.toContain('done');
  });

  it('should go on past an escalation nobody catches: not an error, no incident', async () => {
    const { id } = await h.engine.start('escalation_boundaries');
    await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'clerk', variables: { level: 'routine' } });
    await h.restart();
    expect(await openTasks(id)).toEqual(['finish']);
    expect((await h.engine.instance(id)).incidents).toEqual([]);
    expect((await h.engine.history(id)).filter((e) => e.event === 'escalation')).toEqual([
      expect.objectContaining({ elementId: 'raise_unknown', data: { escalationCode: 'NOBODY_LISTENS', uncaught: true } }),
    ]);
  });

  it('should start a non-interrupting escalation event sub-process of the process beside the work', async () => {
    const { id } = await h.engine.start('escalation_handlers');
    await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'clerk', variables: { late: true, complaint: false } });
    await h.restart();
    expect(await openTasks(id)).toEqual(['record_lateness', 'sign']);
    await h.engine.completeTask((await h.engine.tasks({ instanceId: id })).find((t) => t.elementId === 'sign')!.id, { by: 'clerk' });
    expect((await h.engine.instance(id)).state).toBe('active'); // the lateness is still being recorded
    await completeAll(id);
    expect((await h.engine.instance(id)).state).toBe('completed');
  });

  it('should interrupt the sub-process with its escalation event sub-process, leaving the process-level one running', async () => {
    const { id } = await h.engine.start('escalation_handlers');
    await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'clerk', variables: { late: true, complaint: true } });
    await h.restart();
    expect(await openTasks(id)).toEqual(['hear_complaint', 'record_lateness']);
    await completeAll(id);
    expect((await h.engine.instance(id)).state).toBe('completed');
    const entered = await path(h.engine, id);
    expect(entered).not.toContain('sign');
    expect(entered).toEqual(expect.arrayContaining(['complaint_handling', 'on_complaint', 'hear_complaint', 'complaint_heard', 'e_end', 'lateness_recorded']));
  });
});
