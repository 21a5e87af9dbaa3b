import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, InvalidArgumentError } from '../../../engine/index.js';
import { fixture, onlyTask, openHarness, path, type Harness } from '../../support/harness.js';

/**
 * Messages published early (`correlate` with a `ttl`, as Camunda 8's message TTL): a message
 * no catch waits for yet is kept in the store until a matching catch is entered (then it is
 * consumed in that step's commit) or it expires.
 */
describe('a message with a ttl', () => {
  let h: Harness;
  afterEach(() => h.dispose());

  const documents = { broughtDocuments: ['income certificate'], documentsBroughtAt: '2026-03-02T05:00:00.000Z' };

  async function atReview() {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'MessageTtl.bpmn'));
    const { id, trackingNumber } = await h.engine.start('message_ttl');
    return { id, trackingNumber };
  }

  it('should keep documents brought before the wait started, across a restart, and resume the wait as soon as it is entered', async () => {
    const { id, trackingNumber } = await atReview();
    const result = await h.engine.correlate('documentsProvided', { trackingNumber, variables: documents, ttl: 'P30D', by: 'clerk' });
    expect(result).toEqual({ instanceId: id, started: false, buffered: true });
    expect((await h.engine.instance(id)).tokens.map((t) => t.elementId)).toEqual(['review']);
    const engine = await h.restart();
    h.clock.advance('P3D');
    const view = await engine.completeTask((await onlyTask(engine, id)).id, { by: 'official' });
    // The receive task was entered and left in the same step: the kept message was consumed.
    expect(view.tokens.map((t) => t.elementId)).toEqual(['decide']);
    expect(view.variables).toMatchObject(documents);
    expect(await path(engine, id)).toEqual(['start', 'review', 'await_documents', 'decide']);
    const audit = await engine.audit({ subject: id });
    expect(audit.filter((a) => a.action.startsWith('message.')).map((a) => [a.action, a.actor])).toEqual([
      ['message.keep', 'clerk'],
      ['message.correlate', 'clerk'],
    ]);
    // Consumed once: a second wait for the same message does not find it again.
    await expect(engine.correlate('documentsProvided', { instanceId: id })).rejects.toBeInstanceOf(ConflictError);
  });

  it('should not consume a message that expired before its wait was entered', async () => {
    const { id } = await atReview();
    expect((await h.engine.correlate('documentsProvided', { instanceId: id, variables: documents, ttl: 'PT1H' })).buffered).toBe(true);
    h.clock.advance('PT2H');
    const view = await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'official' });
    expect(view.tokens.map((t) => t.elementId)).toEqual(['await_documents']);
    expect(view.variables.broughtDocuments).toBeUndefined();
    // A message sent now, to the waiting task, is delivered at once.
    expect(await h.engine.correlate('documentsProvided', { instanceId: id, variables: documents, ttl: 'P1D' })).toEqual({ instanceId: id, started: false, buffered: false });
    expect((await h.engine.instance(id)).tokens.map((t) => t.elementId)).toEqual(['decide']);
  });

  it('should refuse, as before, a message nobody waits for without a ttl, and a ttl that is no duration', async () => {
    const { id } = await atReview();
    await expect(h.engine.correlate('documentsProvided', { instanceId: id })).rejects.toThrow(`instance ${id} is not waiting for message 'documentsProvided'`);
    for (const ttl of ['30 days', 'P0D', '']) {
      const error = await h.engine.correlate('documentsProvided', { instanceId: id, ttl }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).message).toContain('ttl');
    }
    const view = await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'official' });
    expect(view.tokens.map((t) => t.elementId)).toEqual(['await_documents']); // nothing was kept
  });
});
