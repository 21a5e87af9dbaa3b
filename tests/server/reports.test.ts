import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from './testServer.js';

const benefit = fixture(import.meta.url, 'fixtures/benefit.bpmn');
const passport = fixture(import.meta.url, 'fixtures/passport.bpmn');

/** A quoted user id anywhere in a JSON answer: the name leaked, whatever field carried it. */
const names = (body: unknown, id: string) => JSON.stringify(body).includes(`"${id}"`);

describe('reports, audit, tracking and search over HTTP', () => {
  let server: TestServer;
  let id: string;
  let trackingNumber: string;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, benefit)).status).toBe(201);
    expect((await deploy(server, passport)).status).toBe(201);
    const started = await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'TEST-BENEFIT', channel: 'centre', documents: ['id-card'] }, as: 'clerk' });
    ({ id, trackingNumber } = (await started.json()) as { id: string; trackingNumber: string });
    const [check] = await server.engine.tasks({ instanceId: id });
    expect((await server.api(`/api/tasks/${check!.id}/complete`, { method: 'POST', json: {}, as: 'clerk' })).status).toBe(200);
    // The back-office review now waits with the official (random draw, one member).
  });
  afterAll(() => server.dispose());

  it('should track an application publicly: status and next step, never a person', async () => {
    const response = await fetch(`${server.url}/api/track/${trackingNumber}`);
    expect(response.status).toBe(200);
    const view = await response.json();
    expect(view).toMatchObject({ trackingNumber, status: 'in progress', nextSteps: [expect.any(String)] });
    for (const person of ['official', 'clerk']) expect(names(view, person)).toBe(false);
  });

  it('should answer 400 naming the field for a malformed tracking number, and 404 for an unknown one', async () => {
    const bad = await fetch(`${server.url}/api/track/1234-5678-9012x`);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; details: { issues: { in: string; path: string }[] } } };
    expect(body.error.details.issues[0]).toMatchObject({ in: 'params', path: 'trackingNumber' });
    const digits = trackingNumber.replace(/-/g, '');
    // Another valid number: change the body, recompute nothing; try numbers until one has a valid check digit.
    let unknown = '';
    for (let d = 0; d < 10 && !unknown; d++) {
      const candidate = `${digits.slice(0, 10)}${(Number(digits[10]) + 1) % 10}${d}`;
      if (candidate !== digits && (await fetch(`${server.url}/api/track/${candidate}`)).status === 404) unknown = candidate;
    }
    expect(unknown).not.toBe('');
  });

  it('should search applications within scope, redacted for the viewer', async () => {
    const asClerk = (await (await server.api('/api/applications?serviceCode=TEST-BENEFIT', { as: 'clerk' })).json()) as { id: string }[];
    expect(asClerk.map((a) => a.id)).toEqual([id]);
    expect(names(asClerk, 'official')).toBe(false);
    const asOfficial = (await (await server.api(`/api/applications?trackingNumber=${trackingNumber}`, { as: 'official' })).json()) as { id: string }[];
    expect(asOfficial.map((a) => a.id)).toEqual([id]);
    expect(names(asOfficial, 'clerk')).toBe(false);
    const asSupervisor = (await (await server.api('/api/applications?state=active', { as: 'supervisor' })).json()) as unknown[];
    expect(asSupervisor).toHaveLength(1);
    expect(names(asSupervisor, 'official') && names(asSupervisor, 'clerk')).toBe(true);
    for (const outsider of ['clerk-almaty', 'official-mj', 'supervisor-mj', 'auditor-mj']) {
      expect(await (await server.api('/api/applications?serviceCode=TEST-BENEFIT', { as: outsider })).json(), outsider).toEqual([]);
    }
    expect(await (await server.api('/api/applications?state=completed', { as: 'clerk' })).json()).toEqual([]);
    expect((await server.api('/api/applications?trackingNumber=12', { as: 'clerk' })).status).toBe(400);
  });

  it("should give the centre's clerk the receipt", async () => {
    const receipt = await (await server.api(`/api/applications/${id}/receipt`, { as: 'clerk' })).json();
    expect(receipt).toMatchObject({ trackingNumber, serviceCode: 'TEST-BENEFIT', documents: ['id-card'] });
  });

  it('should count SLA figures by agency for the agency, and name officials only to those who oversee them', async () => {
    const byAgency = (await (await server.api('/api/stats/sla?by=agency', { as: 'supervisor' })).json()) as { key: string; applications: number }[];
    expect(byAgency).toEqual([expect.objectContaining({ key: 'social', applications: 1 })]);
    expect(await (await server.api('/api/stats/sla?by=agency', { as: 'supervisor-mj' })).json()).toEqual([]);
    const byChannel = (await (await server.api('/api/stats/sla?by=channel', { as: 'auditor-mj' })).json()) as { key: string }[];
    expect(byChannel.map((r) => r.key)).toEqual(['centre']);
    // The clerk completed a front-office task with an SLA or not: whatever rows exist, the justice supervisor sees none of social's people.
    const all = (await (await server.api('/api/stats/sla?by=official', { as: 'auditor' })).json()) as { key: string }[];
    const mj = (await (await server.api('/api/stats/sla?by=official', { as: 'supervisor-mj' })).json()) as { key: string }[];
    expect(mj.filter((r) => all.some((a) => a.key === r.key && ['clerk', 'official'].includes(a.key)))).toEqual([]);
    expect((await server.api('/api/stats/sla?by=region', { as: 'auditor' })).status).toBe(400);
  });

  it('should give the day-by-day trend of the agencies the caller oversees', async () => {
    const social = (await (await server.api('/api/stats/sla/trend?days=3', { as: 'supervisor' })).json()) as { date: string; started: number }[];
    expect(social).toHaveLength(3);
    expect(social.at(-1)!.started).toBe(1);
    const justice = (await (await server.api('/api/stats/sla/trend?days=3', { as: 'supervisor-mj' })).json()) as { started: number }[];
    expect(justice.every((d) => d.started === 0)).toBe(true);
    expect((await server.api('/api/stats/sla/trend?days=0', { as: 'auditor' })).status).toBe(400);
  });

  it('should show the heatmap of a process: the review active', async () => {
    const cells = (await (await server.api('/api/definitions/benefit/heatmap', { as: 'designer' })).json()) as { elementId: string; active: number }[];
    expect(cells).toEqual([expect.objectContaining({ elementId: 'review', active: 1 })]);
    expect((await server.api('/api/definitions/nothing/heatmap', { as: 'designer' })).status).toBe(404);
  });

  it("should give the auditor an application's trail and the chain check", async () => {
    const trail = (await (await server.api(`/api/audit?instance=${id}`, { as: 'auditor' })).json()) as { action: string; seq: number }[];
    expect(trail[0]).toMatchObject({ action: 'instance.start' });
    const after = (await (await server.api(`/api/audit?instance=${id}&afterSeq=${trail.at(-1)!.seq}`, { as: 'auditor' })).json()) as unknown[];
    expect(after).toEqual([]);
    expect((await server.api('/api/audit', { as: 'auditor-mj' })).status).toBe(403);
    expect(((await (await server.api('/api/audit?limit=5', { as: 'auditor' })).json()) as unknown[]).length).toBe(5);
    expect(await (await server.api('/api/audit/verify', { as: 'auditor' })).json()).toMatchObject({ ok: true, checked: expect.any(Number) });
  });

  it('should list the groups with member counts, never members', async () => {
    const groups = (await (await server.api('/api/groups', { as: 'designer' })).json()) as { id: string; members: number }[];
    expect(groups).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'mj-registration', members: 2, agencies: ['mj'] })]));
    expect(names(groups, 'official-mj')).toBe(false);
  });

  it("should name a group's members, with today's absences, to the supervisors of their agency only", async () => {
    await server.api('/api/absences/official-mj-2', { as: 'supervisor-mj', method: 'PUT', json: { from: '2020-01-01', to: '2099-12-31', reason: 'long leave' } });
    const mine = (await (await server.api('/api/groups/mj-registration/members', { as: 'supervisor-mj' })).json()) as { id: string; absentToday: boolean }[];
    expect(mine.map((m) => [m.id, m.absentToday])).toEqual([
      ['official-mj', false],
      ['official-mj-2', true],
    ]);
    // The social agency's supervisor oversees none of the justice officials.
    expect(await (await server.api('/api/groups/mj-registration/members', { as: 'supervisor' })).json()).toEqual([]);
    expect((await server.api('/api/groups/mj-registration/members', { as: 'official-mj' })).status).toBe(403);
  });
});
