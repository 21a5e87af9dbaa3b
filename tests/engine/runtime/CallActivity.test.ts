import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BpmnError } from '../../../engine/index.js';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

const registryLookup = ({ variables }: { variables: Readonly<Record<string, unknown>> }) => {
  if (variables.iin === 'unknown') throw new BpmnError('NOT_IN_REGISTRY', 'no such person');
  return { person: { iin: variables.iin } };
};

describe('CallActivity', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness({ handlers: { registryLookup } });
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

  it('should let the caller go on when the called process ends at a terminate end event, across a restart', async () => {
    const { id } = await h.engine.start('call_parent');
    const childId = ((await h.engine.instance(id)).tokens[0]!.wait as { childId: string }).childId;
    const engine = await h.restart();
    await engine.completeTask((await onlyTask(engine, childId)).id, { by: 'official', outcome: 'withdraw' });
    expect((await engine.instance(childId)).state).toBe('completed');
    const parent = await engine.instance(id);
    expect(parent.state).toBe('completed');
    expect(await path(engine, id)).toEqual(['start', 'call_review', 'issued']);
  });

  it('should keep an uncaught error of the called process as an incident in the child, at the throwing element, and go on after a retry', async () => {
    const { id } = await h.engine.start('call_parent', { variables: { iin: 'unknown' } });
    const childId = ((await h.engine.instance(id)).tokens[0]!.wait as { childId: string }).childId;
    await h.engine.completeTask((await onlyTask(h.engine, childId)).id, { by: 'official', outcome: 'break' });
    const engine = await h.restart();
    const child = await engine.instance(childId);
    expect(child.state).toBe('incident');
    expect(child.incidents).toEqual([expect.objectContaining({ elementId: 'c_broken', message: expect.stringContaining("'NOT_IN_REGISTRY'") })]);
    const parent = await engine.instance(id);
    expect(parent.state).toBe('active');
    expect(parent.tokens).toEqual([expect.objectContaining({ elementId: 'call_review', wait: expect.objectContaining({ kind: 'callActivity', childId }) })]);

    await engine.retryIncidents(childId, { by: 'operator', variables: { iin: '900101300123' } });
    expect((await engine.instance(childId)).state).toBe('completed');
    expect((await engine.instance(id)).state).toBe('completed');
    expect(await path(engine, id)).toEqual(['start', 'call_review', 'issued']);
  });
});
