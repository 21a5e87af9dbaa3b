import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../engine/index.js';
import { fixture, onlyTask, openHarness, type Harness } from '../../support/harness.js';

const xml = fixture(import.meta.url, 'Notify.bpmn');

describe('ps:notify', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(xml);
  });
  afterEach(() => h.dispose());

  it('should refuse an unknown kind at deploy, naming the element and the known kinds', async () => {
    const bad = xml.replace('ps:notify="readyForCollection"', 'ps:notify="resultReady"');
    const error = await h.engine.deploy(bad).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).elementId).toBe('at_centre');
    expect((error as DefinitionError).message).toContain("ps:notify 'resultReady' on at_centre must be one of received, documentsNeeded, deadlineExtended, readyForCollection, uncollected, withdrawn");
  });

  it('should tell the applicant when each marked element is entered, with nothing of the variables but the documents asked for', async () => {
    const { id, trackingNumber } = await h.engine.start('notify', { variables: { secret: 'not for the SMS' }, applicant: { name: 'A', iin: '900101300123', phone: '+77011234567' } });
    expect((await h.engine.notifications(id)).map((n) => n.kind)).toEqual(['received']);
    await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'official', variables: { requestedDocuments: ['birth certificate', 42, 'bank details'] } });
    await h.engine.correlate('documentsProvided', { trackingNumber });
    const sent = await h.engine.notifications(id);
    expect(sent.map((n) => [n.kind, n.elementId])).toEqual([['received', 'start'], ['documentsNeeded', 'await_documents'], ['readyForCollection', 'at_centre']]);
    expect(sent[1]!.payload).toEqual({ requestedDocuments: ['birth certificate', 'bank details'] });
    expect(sent.every((n) => n.trackingNumber === trackingNumber && !JSON.stringify(n.payload).includes('secret'))).toBe(true);
    // each one queued for delivery in the same commit
    for (const n of sent) expect(await h.engine.outbox.getDelivery(n.id)).toMatchObject({ state: 'pending', attempts: 0, notification: { id: n.id } });
  });

  it('should queue the extension notice (rule 6) for delivery too, with the new deadline', async () => {
    const { id } = await h.engine.start('notify');
    const view = await h.engine.extendDeadline(id, { days: 5, by: 'official', reason: 'an expert opinion is awaited' });
    const [extended] = (await h.engine.notifications(id)).filter((n) => n.kind === 'deadlineExtended');
    expect(extended?.payload).toMatchObject({ dueAt: view.dueAt, days: 5 });
    expect(await h.engine.outbox.getDelivery(extended!.id)).toMatchObject({ state: 'pending' });
    expect((await h.engine.outbox.countDeliveries()).pending).toBe(2);
  });
});
