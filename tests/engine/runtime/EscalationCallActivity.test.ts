import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

/** An escalation a called process does not catch is thrown by its call activity in the caller, and on up. */
describe('Escalation across a call activity', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'EscalationCallActivity.bpmn'));
  });
  afterEach(() => h.dispose());

  async function childOf(instanceId: string, elementId: string): Promise<string> {
    const token = (await h.engine.instance(instanceId)).tokens.find((t) => t.elementId === elementId);
    expect(token?.wait?.kind).toBe('callActivity');
    return (token!.wait as { childId: string }).childId;
  }

  async function openTasks(id: string) {
    return (await h.engine.tasks({ instanceId: id })).map((t) => t.elementId).sort();
  }

  it("should inform the head through the call activity's non-interrupting boundary while the called process goes on", async () => {
    const { id } = await h.engine.start('escalation_caller');
    const child = await childOf(id, 'call');
    await h.engine.completeTask((await onlyTask(h.engine, child)).id, { by: 'clerk', variables: { level: 'minor' } });
    await h.restart();

    // The caller's boundary took it; the child went on to its next task
    expect(await openTasks(id)).toEqual(['inform_head']);
    expect(await openTasks(child)).toEqual(['finish']);
    expect((await h.engine.history(id)).filter((e) => e.event === 'escalation')).toEqual([expect.objectContaining({ elementId: 'on_minor', data: { escalationCode: 'MINOR' } })]);

    // Both finish: the call completes when its child does
    await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'head' });
    await h.engine.completeTask((await onlyTask(h.engine, child)).id, { by: 'clerk' });
    expect((await h.engine.instance(child)).state).toBe('completed');
    expect((await h.engine.instance(id)).state).toBe('completed');
    expect(await path(h.engine, id)).toEqual(expect.arrayContaining(['call', 'on_minor', 'inform_head', 'informed', 'done']));
  });

  it("should hand the case to the head through the call activity's interrupting boundary: the called process is ended", async () => {
    const { id } = await h.engine.start('escalation_caller');
    const child = await childOf(id, 'call');
    await h.engine.completeTask((await onlyTask(h.engine, child)).id, { by: 'clerk', variables: { level: 'major' } });
    await h.restart();

    const takeOver = await onlyTask(h.engine, id);
    expect(takeOver.elementId).toBe('head_takes_over');
    // The child ended at its escalation end event before its caller took the escalation
    expect(['completed', 'terminated']).toContain((await h.engine.instance(child)).state);
    expect(await openTasks(child)).toEqual([]);
    await h.engine.completeTask(takeOver.id, { by: 'head' });
    const caller = await h.engine.instance(id);
    expect(caller.state).toBe('completed');
    expect(caller.incidents).toEqual([]);
    const entered = await path(h.engine, id);
    expect(entered.slice(-3)).toEqual(['on_major', 'head_takes_over', 'taken_over']);
    expect(entered).not.toContain('done');
  });

  it("should pass an escalation its caller does not catch on to the caller's caller, the work going on everywhere", async () => {
    const { id: top } = await h.engine.start('escalation_top');
    const caller = await childOf(top, 't_call');
    const child = await childOf(caller, 'call');
    await h.engine.completeTask((await onlyTask(h.engine, child)).id, { by: 'clerk', variables: { level: 'routine' } });
    await h.restart();

    // The top's catch-all boundary took NOBODY_LISTENS; the middle and the child went on
    expect((await h.engine.history(top)).filter((e) => e.event === 'escalation')).toEqual([expect.objectContaining({ elementId: 't_on_any', data: { escalationCode: 'NOBODY_LISTENS' } })]);
    expect((await h.engine.history(caller)).filter((e) => e.event === 'escalation')).toEqual([
      expect.objectContaining({ elementId: 'call', data: { escalationCode: 'NOBODY_LISTENS', uncaught: true } }),
    ]);
    expect(await openTasks(child)).toEqual(['finish']);
    expect((await h.engine.instance(top)).tokens.some((t) => t.elementId === 't_call')).toBe(true);
    await h.engine.completeTask((await onlyTask(h.engine, child)).id, { by: 'clerk' });
    expect((await h.engine.instance(top)).state).toBe('completed');
    expect((await h.engine.instance(top)).incidents).toEqual([]);
  });

  it('should deliver, in order, an escalation and the end of a called process that both happen in the step that starts it', async () => {
    // Minor: the boundary informs the head and the call completes, both
    const minor = await h.engine.start('escalation_quick_caller', { variables: { level: 'minor' } });
    await h.restart();
    expect(await openTasks(minor.id)).toEqual(['k_inform']);
    expect(await path(h.engine, minor.id)).toEqual(expect.arrayContaining(['k_on_minor', 'k_done']));

    // Major: the interrupting boundary takes it; the child's end comes to a call that is no more
    const major = await h.engine.start('escalation_quick_caller', { variables: { level: 'major' } });
    const caller = await h.engine.instance(major.id);
    expect(caller.incidents).toEqual([]);
    expect(await openTasks(major.id)).toEqual(['k_take_over']);
    expect(await path(h.engine, major.id)).not.toContain('k_done');
  });
});
