import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../server/testServer.js';
import { startSecurityServer, takeIn } from './securityServer.js';

/** Issue 9, item 2: a clerk works only the applications of their own centre. */
describe('centre scope: every clerk shares centre-clerks, yet an Almaty clerk cannot work an Astana file', () => {
  let server: TestServer;
  let astana: Awaited<ReturnType<typeof takeIn>>;
  beforeAll(async () => {
    server = await startSecurityServer(['ID-CARD']);
    astana = await takeIn(server, 'ID-CARD', 'clerk-astana');
  });
  afterAll(() => server.dispose());

  it("should refuse the other centre's clerk the application and its receipt, with the applicant's IIN", async () => {
    for (const path of [`/api/applications/${astana.id}`, `/api/applications/${astana.id}/receipt`]) {
      const response = await server.api(path, { as: 'clerk-almaty' });
      expect(response.status, path).toBe(403);
      expect(await response.text()).not.toContain('900101300123');
    }
    expect((await server.api(`/api/applications/${astana.id}`, { as: 'clerk-astana' })).status).toBe(200);
  });

  it("should keep the other centre's intake out of the clerk's group queue, also with state=any", async () => {
    for (const query of ['scope=group&state=any', 'scope=group', 'state=any', `group=centre-clerks&state=any`]) {
      const tasks = (await (await server.api(`/api/tasks?${query}`, { as: 'clerk-almaty' })).json()) as { instanceId: string }[];
      expect(tasks.map((t) => t.instanceId), query).not.toContain(astana.id);
    }
    const own = (await (await server.api('/api/tasks?scope=group', { as: 'clerk-astana' })).json()) as { id: string }[];
    expect(own.map((t) => t.id)).toContain(astana.intake.id);
  });

  it("should refuse the other centre's clerk a claim and a completion of the intake", async () => {
    const claim = await server.api(`/api/tasks/${astana.intake.id}/claim`, { method: 'POST', as: 'clerk-almaty' });
    expect(claim.status).toBe(403);
    const done = await server.api(`/api/tasks/${astana.intake.id}/complete`, { method: 'POST', json: {}, as: 'clerk-almaty' });
    expect(done.status).toBe(403);
    expect((await server.engine.task(astana.intake.id)).state).toBe('open');
  });

  it("should not find the other centre's application by its tracking number", async () => {
    const found = (await (await server.api(`/api/applications?trackingNumber=${astana.trackingNumber}`, { as: 'clerk-almaty' })).json()) as unknown[];
    expect(found).toEqual([]);
  });

  it('should record the centre of intake on the application, its tasks and the audit entry', async () => {
    expect((await server.engine.instance(astana.id)).centre).toBe('astana-1');
    expect(astana.intake.centre).toBe('astana-1');
    const [start] = await server.engine.audit({ subject: astana.id, limit: 1 });
    expect(start).toMatchObject({ action: 'instance.start', data: { centre: 'astana-1' } });
  });
});

describe('applications of no centre (the agency desk)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSecurityServer(['COMPANY-REG']);
    await server.engine.routing.set('COMPANY-REG', { mode: 'alternative', reason: 'test', by: 'coordinator' });
  });
  afterAll(() => server.dispose());

  it("should put the agency desk's intake check in the agency's own desk queue, not the centre clerks' nor a dead end", async () => {
    const started = await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'COMPANY-REG', channel: 'agency', applicant: { iin: '900101300123' } }, as: 'mj-1' });
    expect(started.status).toBe(201);
    const { id } = (await started.json()) as { id: string };
    const [intake] = await server.engine.tasks({ instanceId: id });
    expect(intake).toMatchObject({ elementId: 'agency_intake', candidateGroup: 'mj-desk' });
    const clerks = (await (await server.api('/api/tasks?scope=group', { as: 'clerk-almaty' })).json()) as { id: string; instanceId: string }[];
    expect(clerks.find((t) => t.instanceId === id), "not in a centre clerk's queue").toBeUndefined();
    // A member of the agency's desk group takes it
    expect((await server.api(`/api/tasks/${intake!.id}/claim`, { method: 'POST', as: 'mj-desk-1' })).status).toBe(200);
  });
});

describe('transfer to another centre: explicit, at the applicant’s request, audited', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSecurityServer(['ID-CARD']);
  });
  afterAll(() => server.dispose());

  it("should move the file to the asking clerk's centre only with the applicant's IIN, then let that centre work it", async () => {
    const astana = await takeIn(server, 'ID-CARD', 'clerk-astana');
    const transfer = (iin: string) =>
      server.api('/api/applications/transfer', { method: 'POST', json: { trackingNumber: astana.trackingNumber, iin, reason: 'the applicant moved to Almaty' }, as: 'clerk-almaty' });
    const wrong = await transfer('900101300999');
    expect(wrong.status).toBe(404);
    expect((await server.api(`/api/applications/${astana.id}`, { as: 'clerk-almaty' })).status).toBe(403);

    const moved = await transfer('900101300123');
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ id: astana.id, centre: 'almaty-1' });
    expect((await server.api(`/api/applications/${astana.id}`, { as: 'clerk-almaty' })).status).toBe(200);
    expect((await server.api(`/api/tasks/${astana.intake.id}/claim`, { method: 'POST', as: 'clerk-almaty' })).status).toBe(200);
    expect((await server.api(`/api/tasks/${astana.intake.id}/claim`, { method: 'POST', as: 'clerk-astana' })).status).toBe(403);
    const trail = await server.engine.audit({ subject: astana.id });
    expect(trail.find((e) => e.action === 'application.transfer')).toMatchObject({
      actor: 'clerk-almaty',
      data: { from: 'astana-1', to: 'almaty-1', reason: 'the applicant moved to Almaty', tasks: [astana.intake.id] },
    });
  });
});
