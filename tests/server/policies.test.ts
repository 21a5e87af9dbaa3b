import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from './testServer.js';

const benefit = fixture(import.meta.url, 'fixtures/benefit.bpmn');

describe('routing and calendars over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, benefit)).status).toBe(201);
  });
  afterAll(() => server.dispose());

  it('should switch a service to single access, audit it, and close the agency desk', async () => {
    const put = await server.api('/api/routing/TEST-BENEFIT', { method: 'PUT', json: { mode: 'single', reason: 'pilot: centres only' }, as: 'coordinator' });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ serviceCode: 'TEST-BENEFIT', mode: 'single', by: 'coordinator', reason: 'pilot: centres only', version: 1 });
    const list = (await (await server.api('/api/routing', { as: 'supervisor' })).json()) as { serviceCode: string; mode: string }[];
    expect(list).toEqual([expect.objectContaining({ serviceCode: 'TEST-BENEFIT', mode: 'single' })]);
    const desk = await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'TEST-BENEFIT', channel: 'agency' }, as: 'official' });
    expect(desk.status).toBe(403);
    expect(((await desk.json()) as { error: { code: string } }).error.code).toBe('channel_closed');
    const trail = await server.engine.audit({ subject: 'routing:TEST-BENEFIT' });
    expect(trail.some((e) => e.action === 'routing.switch' && e.actor === 'coordinator')).toBe(true);
  });

  it('should keep the history of decisions, oldest first, per region too', async () => {
    await server.api('/api/routing/TEST-BENEFIT', { method: 'PUT', json: { mode: 'alternative', reason: 'pilot over' }, as: 'coordinator' });
    const region = await server.api('/api/routing/TEST-BENEFIT', { method: 'PUT', json: { mode: 'single', reason: 'north', region: 'north' }, as: 'coordinator' });
    expect(await region.json()).toMatchObject({ region: 'north', mode: 'single' });
    const history = (await (await server.api('/api/routing/TEST-BENEFIT/history', { as: 'auditor' })).json()) as { mode: string }[];
    expect(history.map((d) => d.mode)).toEqual(['single', 'alternative']);
    const north = (await (await server.api('/api/routing/TEST-BENEFIT/history?region=north', { as: 'auditor' })).json()) as unknown[];
    expect(north).toHaveLength(1);
  });

  it('should refuse a switch without a reason or with an unknown mode (400 naming the field)', async () => {
    const noReason = await server.api('/api/routing/TEST-BENEFIT', { method: 'PUT', json: { mode: 'single', reason: ' ' }, as: 'coordinator' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(await noReason.json())).toContain('reason');
    const badMode = await server.api('/api/routing/TEST-BENEFIT', { method: 'PUT', json: { mode: 'sometimes', reason: 'x' }, as: 'coordinator' });
    expect(badMode.status).toBe(400);
    expect(JSON.stringify(await badMode.json())).toContain('mode');
  });

  it('should offer each caller only the channels a start would accept now, and say why one is closed', async () => {
    type Open = { serviceCode: string; channels: string[]; closed: { channel: string; reason?: string }[] };
    const open = async (as: string) => ((await (await server.api('/api/routing/open', { as })).json()) as Open[]).find((o) => o.serviceCode === 'TEST-BENEFIT');
    await server.api('/api/routing/TEST-BENEFIT', { method: 'PUT', json: { mode: 'alternative', reason: 'desk open' }, as: 'coordinator' });
    // A clerk takes in at the centre only (the desk is the agency's, the portal the portal's).
    expect(await open('clerk')).toEqual({ serviceCode: 'TEST-BENEFIT', channels: ['centre'], closed: [] });
    // The social agency's official at their desk; another agency's official: nothing of it.
    expect(await open('official')).toEqual({ serviceCode: 'TEST-BENEFIT', channels: ['agency'], closed: [] });
    expect(await open('official-mj')).toEqual({ serviceCode: 'TEST-BENEFIT', channels: [], closed: [] });
    await server.api('/api/routing/TEST-BENEFIT', { method: 'PUT', json: { mode: 'single', reason: 'centres only this month' }, as: 'coordinator' });
    expect(await open('official')).toEqual({ serviceCode: 'TEST-BENEFIT', channels: [], closed: [expect.objectContaining({ channel: 'agency', reason: 'centres only this month' })] });
    expect((await open('clerk'))?.channels).toEqual(['centre']);
    // What is offered is what a start accepts.
    expect((await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'TEST-BENEFIT', channel: 'agency' }, as: 'official' })).status).toBe(403);
    await server.api('/api/routing/TEST-BENEFIT', { method: 'PUT', json: { mode: 'alternative', reason: 'month over' }, as: 'coordinator' });
    expect((await open('official'))?.channels).toEqual(['agency']);
    expect((await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'TEST-BENEFIT', channel: 'agency' }, as: 'official' })).status).toBe(201);
  });

  it('should read, edit and version a calendar, audited', async () => {
    const ids = (await (await server.api('/api/calendars', { as: 'designer' })).json()) as string[];
    expect(ids).toEqual(expect.arrayContaining(['agency', 'centre']));
    const centre = (await (await server.api('/api/calendars/centre', { as: 'supervisor' })).json()) as Record<string, unknown>;
    expect(centre).toMatchObject({ id: 'centre', zone: expect.any(String) });
    const holidays = [...((centre.holidays as unknown[]) ?? [])];
    const { id: _id, ...input } = centre;
    const put = await server.api('/api/calendars/centre', { method: 'PUT', json: { ...input, oneOff: [{ date: '2031-03-02', name: 'Inventory day' }], reason: 'inventory' }, as: 'coordinator' });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ version: 1, by: 'coordinator', reason: 'inventory', calendar: { id: 'centre', holidays } });
    const versions = (await (await server.api('/api/calendars/centre/versions', { as: 'coordinator' })).json()) as { version: number }[];
    expect(versions.map((v) => v.version)).toEqual([1]);
    expect((await server.engine.audit({ subject: 'calendar:centre' })).some((e) => e.action === 'calendar.put')).toBe(true);
  });

  it('should refuse a bad calendar with 400 naming the field, and 404 an unknown one', async () => {
    const centre = (await (await server.api('/api/calendars/centre', { as: 'coordinator' })).json()) as Record<string, unknown>;
    const bad = await server.api('/api/calendars/centre', { method: 'PUT', json: { ...centre, zone: 'Mars/Olympus' }, as: 'coordinator' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { field: string } } }).error.details.field).toContain('zone');
    expect((await server.api('/api/calendars/nowhere', { as: 'coordinator' })).status).toBe(404);
  });
});
