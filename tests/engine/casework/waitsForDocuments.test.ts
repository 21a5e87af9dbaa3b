import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, onlyTask, openHarness, type Harness } from '../../support/harness.js';

const model = () => fixture(new URL('../sla/SlaTracking.test.ts', import.meta.url).href, 'SlaTracking.bpmn');

describe('waitsForDocuments', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    h.clock.set('2026-03-20T05:00:00Z');
    await h.engine.deploy(model());
  });
  afterEach(() => h.dispose());

  it('should be on the view exactly while the counter can record the documents brought', async () => {
    const { id } = await h.engine.start('sla_review', { channel: 'centre' });
    expect(await h.engine.instance(id)).not.toHaveProperty('waitsForDocuments');
    await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'official-1', outcome: 'request documents', variables: { requestedDocuments: ['birth certificate'] } });
    const waiting = await h.engine.instance(id);
    expect(waiting.waitsForDocuments).toBe(true);
    // the same reading gives the outcome its requested documents
    expect((await h.engine.outcome(id)).requestedDocuments).toEqual(['birth certificate']);
    const resumed = await h.engine.recordDocumentsBrought(id, { by: 'clerk-1', documents: ['birth certificate'] });
    expect(resumed).not.toHaveProperty('waitsForDocuments');
    expect((await h.engine.outcome(id)).requestedDocuments).toBeUndefined();
    await expect(h.engine.recordDocumentsBrought(id, { by: 'clerk-1', documents: ['again'] })).rejects.toThrow(/is not waiting for documents/);
  });

  it('should be off once the case is withdrawn', async () => {
    const { id } = await h.engine.start('sla_review', { channel: 'centre' });
    await h.engine.completeTask((await onlyTask(h.engine, id)).id, { by: 'official-1', outcome: 'request documents' });
    expect((await h.engine.instance(id)).waitsForDocuments).toBe(true);
    expect(await h.engine.withdrawApplication(id, { by: 'clerk-1', reason: 'no longer needed' })).not.toHaveProperty('waitsForDocuments');
  });
});
