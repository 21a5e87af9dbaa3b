import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../server/testServer.js';
import { complete, openTask, startSecurityServer } from './securityServer.js';

/** Issue 9, item 4: an official opens applications only for their own agency's services. */
describe("the agency desk", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSecurityServer(['BIRTH-REG', 'COMPANY-REG']);
    // Alternative access, so the desks are open at all.
    for (const code of ['BIRTH-REG', 'COMPANY-REG']) await server.engine.routing.set(code, { mode: 'alternative', reason: 'test', by: 'coordinator' });
  });
  afterAll(() => server.dispose());

  const start = (serviceCode: string, as: string) =>
    server.api('/api/applications', { method: 'POST', json: { serviceCode, channel: 'agency', applicant: { iin: '900101300123' } }, as });

  it("should refuse a social-protection official a BIRTH-REG application, naming the service's agency", async () => {
    const before = (await server.engine.audit({ limit: 1000 })).filter((e) => e.action === 'instance.start').length;
    const response = await start('BIRTH-REG', 'social-1');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('BIRTH-REG is a service of rags');
    expect((await server.engine.audit({ limit: 1000 })).filter((e) => e.action === 'instance.start').length).toBe(before);
  });

  it("should take in a justice official's own service at their desk", async () => {
    expect((await start('COMPANY-REG', 'mj-1')).status).toBe(201);
    expect((await start('BIRTH-REG', 'mj-1')).status).toBe(403);
  });

  /** A COMPANY-REG application taken in at the justice desk, through its intake check to the review. */
  const atDesk = async () => {
    const response = await start('COMPANY-REG', 'mj-desk-1');
    expect(response.status).toBe(201);
    const { id, trackingNumber } = (await response.json()) as { id: string; trackingNumber: string };
    await complete(server, (await openTask(server, id, 'agency_intake')).id, 'mj-desk-1', { outcome: 'complete' });
    return { id, trackingNumber, review: await openTask(server, id, 'review') };
  };
  const inbox = async (as: string) => ((await (await server.api('/api/tasks', { as })).json()) as { id: string }[]).map((t) => t.id);

  it('should hand the result back at the desk that took the application in, not at a centre', async () => {
    const { id, trackingNumber, review } = await atDesk();
    await complete(server, review.id, review.assignee!, { outcome: 'approve' });
    const second = await openTask(server, id, 'second_review');
    await complete(server, second.id, second.assignee!, { outcome: 'confirm' });
    const handBack = await openTask(server, id, 'hand_back');
    expect(handBack).toMatchObject({ office: 'front', candidateGroup: 'mj-desk' });
    // In the desk's inbox; no centre's clerk sees it or may complete it.
    expect(await inbox('mj-desk-1')).toContain(handBack.id);
    expect(await inbox('clerk-astana')).not.toContain(handBack.id);
    const byClerk = await server.api(`/api/tasks/${handBack.id}/complete`, { method: 'POST', json: { outcome: 'handed over', variables: { rating: 5 } }, as: 'clerk-astana' });
    expect(byClerk.status).toBe(403);
    // The registration officials of the same agency are not its counter either.
    expect((await server.api(`/api/tasks/${handBack.id}/complete`, { method: 'POST', json: { outcome: 'handed over', variables: { rating: 5 } }, as: 'mj-1' })).status).toBe(403);
    // The applicant is told where to collect: the agency's desk.
    const tracked = (await (await server.api(`/api/track/${trackingNumber}`)).json()) as { collect?: { where: string } };
    expect(tracked.collect?.where).toBe('Ministry of Justice');
    // Taken by the desk: the desk sees who holds it; the reviewers of the back office still do not.
    expect((await server.api(`/api/tasks/${handBack.id}/claim`, { method: 'POST', as: 'mj-desk-1' })).status).toBe(200);
    const holderSeenBy = async (as: string) =>
      ((await (await server.api(`/api/applications/${id}`, { as })).json()) as { tasks: { id: string; assignee?: string }[] }).tasks.find((t) => t.id === handBack.id)?.assignee;
    expect(await holderSeenBy('mj-desk-1')).toBe('mj-desk-1');
    expect(await holderSeenBy('mj-1')).toBeUndefined();
    await complete(server, handBack.id, 'mj-desk-1', { outcome: 'handed over', variables: { rating: 5 } });
    expect((await server.engine.instance(id)).state).toBe('completed');
  });

  it("should let the desk, and only the desk, record the documents brought for one of its applications", async () => {
    const { id, review } = await atDesk();
    await complete(server, review.id, review.assignee!, { outcome: 'request documents', variables: { requestedDocuments: ['application in the prescribed form'] } });
    const file = async (as: string) => (await (await server.api(`/api/applications/${id}`, { as })).json()) as { waitsForDocuments?: boolean; yourCounter?: boolean };
    expect(await file('mj-desk-1')).toMatchObject({ waitsForDocuments: true, yourCounter: true });
    expect((await file('mj-1')).yourCounter).toBeUndefined();
    const bring = (as: string) => server.api(`/api/applications/${id}/documents`, { method: 'POST', json: { documents: ['application in the prescribed form'] }, as });
    const refused = await bring('mj-1');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('taken in at the desk of mj (mj-desk)');
    expect((await bring('clerk-astana')).status).toBe(403);
    expect((await bring('mj-desk-1')).status).toBe(200);
    expect((await openTask(server, id, 'review')).elementId).toBe('review');
  });
});
