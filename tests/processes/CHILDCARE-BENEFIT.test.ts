import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../engine/index.js';
import { loadOrganisation, seedOrganisation } from '../../processes/demo/seedOrganisation.js';
import { openHarness, path, type Harness } from '../support/harness.js';
import { approveToHandBack, entryOf, handBack, intake, requestDocuments, serviceScenarios, taskAt } from './scenario.js';

// Mon 13 April 2026 09:00; 8 working days: 14–17, 20–23 April → Thu 23 April 18:30 (13:30Z). D-1: Wed 22 April.
serviceScenarios('CHILDCARE-BENEFIT', { receivedAt: '2026-04-13T04:00:00Z', applicant: '2026-04-23T13:30:00.000Z', backOffice: '2026-04-22T13:30:00.000Z' });

describe('CHILDCARE-BENEFIT: the applicant withdraws (an interrupting message event sub-process)', () => {
  const entry = entryOf('CHILDCARE-BENEFIT');
  const org = loadOrganisation();
  const groups = new Set([...entry.xml.matchAll(/ps:candidateGroup="([^"]+)"/g)].map((m) => m[1]!));
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    h.clock.set('2026-04-13T04:00:00Z');
    await seedOrganisation(h.engine, { ...org, users: org.users.filter((u) => u.groups.some((g) => groups.has(g))), routing: [] });
    await h.engine.deploy(entry.xml);
  });
  afterEach(() => h.dispose());

  const start = () => h.engine.start(entry.standard.processKey, { channel: 'centre', variables: { documents: entry.standard.requiredDocuments } });

  it('should cancel the open review and end the application as withdrawn, with the reason', async () => {
    const { id, trackingNumber } = await start();
    await intake(h.engine, id, entry);
    const review = await taskAt(h.engine, id, 'review');
    const engine = await h.restart();
    await engine.correlate('applicationWithdrawn', { trackingNumber, variables: { withdrawalReason: 'The family moved to another region' } });
    const view = await engine.instance(id);
    expect(view.state).toBe('completed');
    expect(view.variables).toMatchObject({ decision: 'withdrawn', withdrawalReason: 'The family moved to another region', withdrawnAt: '2026-04-13T04:00:00.000Z' });
    expect(await engine.tasks({ instanceId: id })).toEqual([]);
    expect((await engine.tasks({ instanceId: id, state: 'cancelled' })).map((t) => t.id)).toEqual([review.id]);
    expect((await engine.outcome(id)).outcome).toBe('withdrawn');
    expect(await engine.track(trackingNumber)).toMatchObject({ status: 'closed', outcome: 'withdrawn', nextSteps: [] });
    expect((await path(engine, id)).slice(-4)).toEqual(['withdrawal', 'withdrawn', 'record_withdrawal', 'withdrawal_closed']);
    // the applicant is told once, when the withdrawal closes the case (ps:notify on its end)
    expect((await engine.notifications(id)).map((n) => [n.kind, n.elementId])).toEqual([['received', 'start_centre'], ['withdrawn', 'withdrawal_closed']]);
  });

  it('should withdraw while the documents are awaited: the 30-day refusal timer goes with the wait', async () => {
    const { id, trackingNumber } = await start();
    await intake(h.engine, id, entry);
    await requestDocuments(h.engine, id, entry);
    await h.engine.correlate('applicationWithdrawn', { trackingNumber, variables: { withdrawalReason: 'No longer needed' } });
    const engine = await h.restart();
    h.clock.advance('P31D');
    expect((await engine.runDueJobs()).fired).toBe(0);
    const view = await engine.instance(id);
    expect(view.state).toBe('completed');
    expect(view.variables['decision']).toBe('withdrawn'); // not refused for documents never brought
    expect(await path(engine, id)).not.toContain('issue_refusal');
  });

  it('should refuse a withdrawal once the result has been handed back', async () => {
    const { id, trackingNumber } = await start();
    await intake(h.engine, id, entry);
    await approveToHandBack(h.engine, id, entry);
    await handBack(h.engine, id, 4);
    await expect(h.engine.correlate('applicationWithdrawn', { trackingNumber })).rejects.toBeInstanceOf(ConflictError);
    expect((await h.engine.instance(id)).variables['decision']).toBe('approved');
  });
});
