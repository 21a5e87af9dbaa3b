import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../engine/index.js';
import { fixture, openHarness, path, type Harness } from '../../support/harness.js';

describe('ReceiveTask and intermediate message catch', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'ReceiveTask.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should wait for its message, correlated by instance id and then by tracking number, across restarts', async () => {
    const { id, trackingNumber } = await h.engine.start('receive_task');
    expect((await h.engine.instance(id)).tokens).toEqual([expect.objectContaining({ elementId: 'await_docs', wait: { kind: 'message', messageName: 'documentsProvided' } })]);
    await expect(h.engine.correlate('somethingElse', { instanceId: id })).rejects.toBeInstanceOf(ConflictError);

    let engine = await h.restart();
    await engine.correlate('documentsProvided', { instanceId: id, variables: { documents: ['birth certificate'] } });
    expect((await engine.instance(id)).tokens.map((t) => t.elementId)).toEqual(['await_again']);

    engine = await h.restart();
    await engine.correlate('documentsProvided', { trackingNumber });
    const view = await engine.instance(id);
    expect(view.state).toBe('completed');
    expect(view.variables.documents).toEqual(['birth certificate']);
    expect(await path(engine, id)).toEqual(['start', 'await_docs', 'await_again', 'end']);
  });
});
