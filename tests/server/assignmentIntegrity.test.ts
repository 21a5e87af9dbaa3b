import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentIntegrityReport } from '../../engine/index.js';
import { AssignmentIntegritySchema } from '../../server/stats/assignment.routes.js';
import { fixture } from '../support/harness.js';
import { TEST_ORGANISATION } from './testOrganisation.js';
import { deploy, startTestServer, type TestServer } from './testServer.js';

const benefit = fixture(import.meta.url, 'fixtures/benefit.bpmn');
const FAVOURED = 'social-4';
const PICKS = 7;

describe('GET /api/stats/assignment', () => {
  let server: TestServer;
  const reassignSeqs: number[] = [];

  beforeAll(async () => {
    // Given four officials in social-benefits, and a supervisor who hands seven files to the same one by name
    server = await startTestServer({
      organisation: {
        ...TEST_ORGANISATION,
        users: [
          ...TEST_ORGANISATION.users,
          ...[2, 3, 4].map((n) => ({ id: `social-${n}`, name: `Social official ${n}`, roles: ['official' as const], groups: ['social-benefits'], agency: 'social' })),
        ],
      },
    });
    expect((await deploy(server, benefit)).status).toBe(201);
    while (reassignSeqs.length < PICKS) {
      const started = await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'TEST-BENEFIT', channel: 'centre' }, as: 'clerk' });
      const { id } = (await started.json()) as { id: string };
      const [check] = await server.engine.tasks({ instanceId: id });
      expect((await server.api(`/api/tasks/${check!.id}/complete`, { method: 'POST', json: {}, as: 'clerk' })).status).toBe(200);
      const [review] = await server.engine.tasks({ instanceId: id });
      if (review!.assignee === FAVOURED) continue;
      const moved = await server.api(`/api/tasks/${review!.id}/reassign`, { method: 'POST', json: { to: FAVOURED, reason: 'knows these cases' }, as: 'supervisor' });
      expect(moved.status).toBe(200);
      reassignSeqs.push((await server.engine.audit({ subject: review!.id })).findLast((e) => e.action === 'task.reassign')!.seq);
    }
  });
  afterAll(() => server.dispose());

  it("should flag the supervisor's repeated named picks for the auditor, with names and the entries behind them", async () => {
    const response = await server.api('/api/stats/assignment', { as: 'auditor' });
    expect(response.status).toBe(200);
    const report = AssignmentIntegritySchema.parse(await response.json()) satisfies AssignmentIntegrityReport;

    const flag = report.flags.find((f) => f.kind === 'picks');
    expect(flag).toMatchObject({ group: 'social-benefits', officials: [FAVOURED], actors: ['supervisor'], count: PICKS, seqs: reassignSeqs });
    expect(flag!.p).toBeLessThan(0.01);
    expect(report.names).toMatchObject({ [FAVOURED]: 'Social official 4', supervisor: 'Demo supervisor' });
    // The draws themselves are the engine's own, fair given their pools: not reconstructed wrongly
    expect(report.groups.find((g) => g.group === 'social-benefits')).toMatchObject({ unverified: [], draws: expect.any(Number) });
    // The seqs lead to the entries
    const first = await server.api(`/api/audit?afterSeq=${reassignSeqs[0]! - 1}&limit=1`, { as: 'auditor' });
    expect(((await first.json()) as { action: string; actor: string }[])[0]).toMatchObject({ action: 'task.reassign', actor: 'supervisor' });
  });

  it("should keep another agency's auditor to their own groups, and the names in them", async () => {
    const response = await server.api('/api/stats/assignment', { as: 'auditor-mj' });
    expect(response.status).toBe(200);
    const report = (await response.json()) as AssignmentIntegrityReport;
    expect(report.flags).toEqual([]);
    expect(report.picks).toEqual([]);
    expect(JSON.stringify(report)).not.toContain(FAVOURED);
  });

  it('should narrow to a period and a group, and refuse a period that ends before it starts', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const none = (await (await server.api('/api/stats/assignment?from=2000-01-01&to=2000-12-31', { as: 'auditor' })).json()) as AssignmentIntegrityReport;
    expect(none).toMatchObject({ from: '2000-01-01', to: '2000-12-31', groups: [], flags: [] });
    const other = (await (await server.api('/api/stats/assignment?group=mj-registration', { as: 'auditor' })).json()) as AssignmentIntegrityReport;
    expect(other.picks).toEqual([]);
    const bad = await server.api(`/api/stats/assignment?from=${today}&to=2000-01-01`, { as: 'auditor' });
    expect(bad.status).toBe(400);
  });

  it('should not let an official or a supervisor read who was drawn and picked', async () => {
    for (const who of ['official', FAVOURED, 'supervisor', 'clerk']) {
      expect((await server.api('/api/stats/assignment', { as: who })).status, who).toBe(403);
    }
  });
});
