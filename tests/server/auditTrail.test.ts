import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyExport, type AuditEntry } from '../../engine/index.js';
import { fixture } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from './testServer.js';

const benefit = fixture(import.meta.url, 'fixtures/benefit.bpmn');

describe('the audit trail for auditors: filters, paging, CSV and JSON export', () => {
  let server: TestServer;
  let id: string;
  let trackingNumber: string;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, benefit)).status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const started = await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'TEST-BENEFIT', channel: 'centre' }, as: 'clerk' });
      ({ id, trackingNumber } = (await started.json()) as { id: string; trackingNumber: string });
    }
    const [check] = await server.engine.tasks({ instanceId: id });
    expect((await server.api(`/api/tasks/${check!.id}/complete`, { method: 'POST', json: {}, as: 'clerk' })).status).toBe(200);
  });
  afterAll(() => server.dispose());

  const list = async (query: string, as = 'auditor') => {
    const response = await server.api(`/api/audit?${query}`, { as });
    expect(response.status, query).toBe(200);
    return (await response.json()) as AuditEntry[];
  };

  it('should filter by actor, action (exact or family), application by tracking number, and period', async () => {
    const starts = await list('action=instance.start');
    expect(starts).toHaveLength(2);
    expect(starts.every((e) => e.action === 'instance.start')).toBe(true);
    const tasks = await list('action=task');
    expect(tasks.length).toBeGreaterThan(2);
    expect(tasks.every((e) => e.action.startsWith('task.'))).toBe(true);
    expect((await list('actor=clerk')).every((e) => e.actor === 'clerk')).toBe(true);
    const byNumber = await list(`trackingNumber=${trackingNumber}`);
    expect(byNumber.length).toBeGreaterThan(0);
    expect(byNumber.every((e) => e.subject === id)).toBe(true);
    expect(await list('from=2100-01-01T00:00:00Z')).toEqual([]);
    expect((await list('to=2100-01-01T00:00:00Z&limit=3')).length).toBe(3);
  });

  it('should page over the whole filtered trail by seq', async () => {
    const all = await list('action=task&limit=1000');
    const first = await list('action=task&limit=2');
    const next = await list(`action=task&limit=2&afterSeq=${first.at(-1)!.seq}`);
    expect([...first, ...next].map((e) => e.seq)).toEqual(all.slice(0, 4).map((e) => e.seq));
  });

  it('should answer 400 naming the field for a bad filter', async () => {
    for (const [query, field] of [
      ['from=yesterday', 'from'],
      ['action=%3Dcmd', 'action'],
      ['trackingNumber=12', 'trackingNumber'],
      ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
    ] as const) {
      const response = await server.api(`/api/audit?${query}`, { as: 'auditor' });
      expect(response.status, query).toBe(400);
      expect(JSON.stringify(await response.json()), query).toContain(field);
    }
    expect((await server.api('/api/audit/export?format=xml', { as: 'auditor' })).status).toBe(400);
  });

  it('should export a JSON selection whose hashes and links verify, and whose tampering does not', async () => {
    const response = await server.api('/api/audit/export?format=json', { as: 'auditor' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="audit-.*\.json"/);
    const body = (await response.json()) as { count: number; firstSeq: number; entries: AuditEntry[] };
    expect(body.firstSeq).toBe(1);
    const check = verifyExport(body.entries);
    expect(check).toMatchObject({ ok: true, checked: body.count, links: body.count });
    const tampered = body.entries.map((e, i) => (i === 3 ? { ...e, actor: 'someone-else' } : e));
    expect(verifyExport(tampered)).toMatchObject({ ok: false, firstBroken: { seq: body.entries[3]!.seq } });
    // A filtered selection: every hash still recomputes.
    const selection = (await (await server.api('/api/audit/export?format=json&action=task.complete', { as: 'auditor' })).json()) as { entries: AuditEntry[] };
    expect(selection.entries.length).toBeGreaterThan(0);
    expect(verifyExport(selection.entries).ok).toBe(true);
  });

  it('should export CSV with one row per entry of the selection', async () => {
    const response = await server.api('/api/audit/export?format=csv&action=instance.start', { as: 'auditor' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,action,subject,data,format,prev,hash');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^\d+,[^,]+,clerk,instance\.start,/);
  });

  it('should keep the whole trail and its export to the organisation-wide auditor', async () => {
    expect((await server.api('/api/audit/export?format=json', { as: 'auditor-mj' })).status).toBe(403);
    expect((await server.api('/api/audit?action=task', { as: 'auditor-mj' })).status).toBe(403);
    expect((await server.api(`/api/audit/export?format=json&trackingNumber=${trackingNumber}`, { as: 'auditor-mj' })).status).toBe(403);
    expect((await server.api('/api/audit/export?format=csv', { as: 'supervisor' })).status).toBe(403);
  });
});
