import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

describe('EventSubProcess (error starts)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'ErrorEventSubProcess.bpmn'));
  });
  afterEach(() => h.dispose());

  async function review(finding: string) {
    const { id } = await h.engine.start('error_scopes');
    const open = await h.engine.tasks({ instanceId: id });
    const note = open.find((t) => t.elementId === 'note')!;
    await h.engine.completeTask(open.find((t) => t.elementId === 'review')!.id, { by: 'clerk', variables: { finding } });
    return { id, note };
  }

  it('should catch an error in the scope it was thrown in with the code-specific event sub-process, cancel the scope, then go on after the sub-process', async () => {
    const { id, note } = await review('missing');
    const engine = await h.restart();
    const ask = await onlyTask(engine, id);
    expect(ask.elementId).toBe('ask_documents'); // not the catch-all listed first
    expect((await engine.tasks({ instanceId: id, state: 'cancelled' })).map((t) => t.id)).toEqual([note.id]);
    await engine.completeTask(ask.id, { by: 'clerk' });
    expect((await onlyTask(engine, id)).elementId).toBe('decide'); // the sub-process completed through its handler
    const errors = (await engine.history(id)).filter((e) => e.event === 'error');
    expect(errors).toEqual([expect.objectContaining({ elementId: 'docs_missing_start', data: expect.objectContaining({ errorCode: 'DOCS_MISSING' }) })]);
  });

  it('should let the innermost handler win: a catch-all event sub-process inside the scope before the outer boundary naming the code', async () => {
    const { id } = await review('rejected');
    const engine = await h.restart();
    expect((await onlyTask(engine, id)).elementId).toBe('report_fraud');
    expect(await path(engine, id)).not.toContain('on_rejected');
  });

  it('should pass an error thrown inside an error event sub-process to the handlers further out, not to its own scope again', async () => {
    const { id } = await review('forged');
    const engine = await h.restart();
    const report = await onlyTask(engine, id);
    expect(report.elementId).toBe('report_fraud');
    await engine.completeTask(report.id, { by: 'clerk' });
    const again = await h.restart();
    expect((await again.instance(id)).state).toBe('completed');
    expect((await again.tasks({ instanceId: id })).length).toBe(0);
    expect((await path(again, id)).slice(-7)).toEqual(['on_any_error', 'any_error', 'report_fraud', 'fraud_confirmed', 'on_fraud', 'fraud_start', 'fraud_closed']);
    expect((await path(again, id)).filter((e) => e === 'on_any_error')).toHaveLength(1);
  });
});
