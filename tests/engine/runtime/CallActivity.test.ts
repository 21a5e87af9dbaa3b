import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

describe('CallActivity', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'CallActivity.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should start the called process, wait for it and take back its variables', async () => {
    const { id } = await h.engine.start('call_parent', { variables: { applicant: 'Nurlan' } });
    const parent = await h.engine.instance(id);
    const wait = parent.tokens[0]!.wait;
    expect(wait?.kind).toBe('callActivity');
    const childId = (wait as { childId: string }).childId;
    const child = await h.engine.instance(childId);
    expect(child).toMatchObject({ key: 'call_child', parent: { instanceId: id }, variables: { applicant: 'Nurlan' } });

    const engine = await h.restart();
    await engine.completeTask((await onlyTask(engine, childId)).id, { by: 'official', variables: { certificate: 'N-1' } });
    expect((await engine.instance(childId)).state).toBe('completed');
    const done = await engine.instance(id);
    expect(done.state).toBe('completed');
    expect(done.variables).toMatchObject({ applicant: 'Nurlan', certificate: 'N-1' });
    expect(await path(engine, id)).toEqual(['start', 'call_review', 'issued']);
  });

  it('should catch an error end event of the called process on the call activity boundary', async () => {
    const { id } = await h.engine.start('call_parent');
    const childId = ((await h.engine.instance(id)).tokens[0]!.wait as { childId: string }).childId;
    await h.engine.completeTask((await onlyTask(h.engine, childId)).id, { by: 'official', outcome: 'refuse' });
    expect(await path(h.engine, id)).toEqual(['start', 'call_review', 'refused', 'refusal_sent']);
    expect((await h.engine.instance(childId)).state).toBe('terminated');
  });
});
