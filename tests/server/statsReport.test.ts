import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from './testServer.js';

const benefit = fixture(import.meta.url, 'fixtures/benefit.bpmn');
const passport = fixture(import.meta.url, 'fixtures/passport.bpmn');

type Row = { key: string; label?: string; applications: number; completed: number; ratings: number };

describe('SLA statistics over HTTP: filters, names, the per-centre CSV report', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, benefit)).status).toBe(201);
    expect((await deploy(server, passport)).status).toBe(201);
    for (const as of ['clerk', 'clerk', 'clerk-almaty']) {
      const started = await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'TEST-BENEFIT', channel: 'centre' }, as });
      expect(started.status).toBe(201);
    }
  });
  afterAll(() => server.dispose());

  const rows = async (query: string, as = 'auditor') => {
    const response = await server.api(`/api/stats/sla?${query}`, { as });
    expect(response.status, query).toBe(200);
    return (await response.json()) as Row[];
  };

  it('should count by centre and keep only the applications the filters name', async () => {
    expect((await rows('by=centre')).map((r) => [r.key, r.applications])).toEqual([['almaty-1', 1], ['astana-1', 2]]);
    expect((await rows('by=agency&centre=almaty-1')).map((r) => [r.key, r.applications])).toEqual([['social', 1]]);
    expect(await rows('by=agency&service=NOTHING')).toEqual([]);
    expect(await rows('by=agency&channel=portal')).toEqual([]);
    expect(await rows('by=agency&from=2100-01-01T00:00:00Z')).toEqual([]);
    expect((await rows('by=agency&to=2100-01-01T00:00:00Z'))[0]!.applications).toBe(3);
    // The justice supervisor oversees none of social's applications, by centre either.
    expect(await rows('by=centre', 'supervisor-mj')).toEqual([]);
    expect((await rows('by=centre', 'supervisor')).map((r) => r.applications)).toEqual([1, 2]);
  });

  it("should name services by their process's name and officials by the directory's name", async () => {
    expect((await rows('by=service')).map((r) => [r.key, r.label])).toEqual([['TEST-BENEFIT', 'Test benefit']]);
    const { id } = await server.engine.start('passport_issue', { channel: 'portal', by: 'official-mj' });
    const [review] = await server.engine.tasks({ instanceId: id });
    await server.engine.completeTask(review!.id, { by: 'official-mj' }); // a review with an SLA
    const officials = await rows('by=official');
    expect(officials.map((r) => r.key)).toContain('official-mj');
    for (const row of officials) expect(row.label, row.key).toBe((await server.engine.directory.getUser(row.key)).name);
  });

  it('should answer 400 naming the field for a bad filter', async () => {
    for (const [query, field] of [
      ['by=centre&from=soon', 'from'],
      ['by=centre&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
      ['by=building', 'by'],
    ] as const) {
      const response = await server.api(`/api/stats/sla?${query}`, { as: 'auditor' });
      expect(response.status, query).toBe(400);
      expect(JSON.stringify(await response.json()), query).toContain(field);
    }
  });

  it('should give the per-centre report as CSV', async () => {
    const response = await server.api('/api/stats/sla/report?by=centre&service=TEST-BENEFIT', { as: 'supervisor' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain('sla-by-centre.csv');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('key,name,applications,completed,onTime,late,overdueOpen,atRiskOpen,onTimeRate,ratings,ratingAverage');
    // Centres by the directory's name (quoted: it holds a comma); one the directory does not name, by id only.
    expect(lines.slice(1).map((l) => l.match(/^[^,]*,("[^"]*"|[^,]*),\d+/)?.[0])).toEqual(['almaty-1,,1', 'astana-1,"Public Service Centre No. 1, Astana",2']);
    expect((await server.api('/api/stats/sla/report?by=centre', { as: 'clerk' })).status).toBe(403);
  });

  it('should name agencies and centres by the directory, not by code', async () => {
    const agencies = (await (await server.api('/api/stats/sla?by=agency', { as: 'supervisor' })).json()) as { key: string; label?: string }[];
    expect(agencies).toContainEqual(expect.objectContaining({ key: 'social', label: 'Social protection' }));
    const centres = (await (await server.api('/api/stats/sla?by=centre', { as: 'auditor' })).json()) as { key: string; label?: string }[];
    expect(centres).toContainEqual(expect.objectContaining({ key: 'astana-1', label: 'Public Service Centre No. 1, Astana' }));
  });

  it('should drill down from a heatmap cell to the applications behind its number', async () => {
    const cells = (await (await server.api('/api/definitions/benefit/heatmap', { as: 'supervisor' })).json()) as { elementId: string; active: number }[];
    const check = cells.find((c) => c.elementId === 'check')!;
    const response = await server.api('/api/definitions/benefit/heatmap/check', { as: 'supervisor' });
    expect(response.status).toBe(200);
    const behind = (await response.json()) as { id: string; trackingNumber: string; state: string }[];
    expect(behind).toHaveLength(check.active);
    for (const row of behind) expect(row.trackingNumber).toBe((await server.engine.instance(row.id)).trackingNumber);
    expect((await server.api('/api/definitions/benefit/heatmap/check', { as: 'supervisor-mj' })).status).toBe(403);
    expect((await server.api('/api/definitions/benefit/heatmap/check', { as: 'designer' })).status).toBe(403);
  });
});
