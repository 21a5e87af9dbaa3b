import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, openHarness, path, type Harness } from '../../support/harness.js';

describe('SendTask and intermediate throw events', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.deploy(fixture(import.meta.url, 'SendTask.bpmn'));
  });
  afterEach(() => h.dispose());

  it('should record each outgoing message as a notification, in order, and move on', async () => {
    const { id, state, trackingNumber } = await h.engine.start('send_task', { variables: { phone: '+77010000000' } });
    expect(state).toBe('completed');
    expect(await path(h.engine, id)).toEqual(['start', 'notify', 'throw_ready', 'milestone', 'end']);
    const sent = await h.engine.notifications(id);
    expect(sent.map((n) => [n.messageName, n.elementId, n.trackingNumber])).toEqual([
      ['smsToApplicant', 'notify', trackingNumber],
      ['resultAtCentre', 'throw_ready', trackingNumber],
    ]);
    expect(sent[0]!.payload).toEqual({ phone: '+77010000000' });
  });
});
