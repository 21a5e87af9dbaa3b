import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, startTestServer, type TestServer } from './testServer.js';

/** start → register (service task: fails without registryId) → review (user task) → done; v2 renames review to check. */
const opsXml = (review: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ps="https://tereze.dev/bpmn/ps" id="defs" targetNamespace="https://tereze.dev/tests">
  <bpmn:process id="ops" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="register" />
    <bpmn:serviceTask id="register" name="Register" ps:handler="opsRegister" />
    <bpmn:sequenceFlow id="f2" sourceRef="register" targetRef="${review}" />
    <bpmn:userTask id="${review}" name="Review" />
    <bpmn:sequenceFlow id="f3" sourceRef="${review}" targetRef="done" />
    <bpmn:endEvent id="done" />
  </bpmn:process>
</bpmn:definitions>`;

describe('instances: the operator finds, inspects and repairs instances', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    server.engine.registerHandler('opsRegister', ({ variables }) => {
      if (typeof variables['registryId'] !== 'string') throw new Error('registry refused the record: registryId is missing');
      return { registered: true };
    });
    expect((await deploy(server, opsXml('review'))).status).toBe(201);
  });
  afterAll(() => server.dispose());

  const failing = async () => {
    const { id, state } = await server.engine.start('ops', { by: 'system', variables: { applicantName: 'Aliya' } });
    expect(state).toBe('incident');
    return id;
  };
  const post = (path: string, json: unknown, as = 'operator') => server.api(path, { method: 'POST', json, as });
  const auditOf = async (id: string, action: string) => (await server.engine.audit({ subject: id })).filter((a) => a.action === action);

  it('should list the instances with an incident, with counts, and never their variables', async () => {
    const id = await failing();
    const response = await server.api('/api/instances?key=ops&incident=true', { as: 'operator' });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { total: number; counts: Record<string, number>; items: Record<string, unknown>[] };
    expect(page.items.map((i) => i.id)).toContain(id);
    expect(page.counts.incident).toBe(page.total);
    const item = page.items.find((i) => i.id === id)!;
    expect(item).toMatchObject({ state: 'incident', elements: ['register'], incidents: [expect.objectContaining({ elementId: 'register', message: expect.stringContaining('registryId is missing') })] });
    expect(item).not.toHaveProperty('variables');
  });

  it("should show a supervisor only the instances they oversee (this process is no agency's)", async () => {
    const id = await failing();
    const count = async (as: string) => ((await (await server.api('/api/instances?key=ops', { as })).json()) as { total: number }).total;
    expect(await count('operator')).toBeGreaterThan(0);
    expect(await count('supervisor-mj')).toBe(0);
    expect((await server.api(`/api/instances/${id}`, { as: 'supervisor-mj' })).status).toBe(403);
    expect((await post(`/api/instances/${id}/cancel`, { reason: 'not mine' }, 'supervisor-mj')).status).toBe(403);
    expect((await server.engine.instance(id)).state).toBe('incident');
  });

  it('should refuse a bad filter with a 400 naming it', async () => {
    for (const [query, field] of [
      ['state=stuck', 'query.state'],
      ['incident=yes', 'query.incident'],
      ['startedFrom=yesterday', 'query.startedFrom'],
      ['limit=0', 'query.limit'],
    ] as const) {
      const response = await server.api(`/api/instances?${query}`, { as: 'operator' });
      expect(response.status, query).toBe(400);
      expect((await messageOf(response)), query).toContain(field);
    }
  });

  it('should show one instance with its incident, variables, history, audit entries and diagram', async () => {
    const id = await failing();
    const response = await server.api(`/api/instances/${id}`, { as: 'operator' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id, state: 'incident', variables: { applicantName: 'Aliya' }, incidents: [expect.objectContaining({ elementId: 'register' })] });
    expect(body.xml).toContain('<bpmn:serviceTask id="register"');
    expect((body.history as { event: string }[]).map((h) => h.event)).toContain('incident');
    expect((body.audit as { action: string }[]).map((a) => a.action)).toContain('instance.start');
    expect((await server.api('/api/instances/no-such-instance', { as: 'operator' })).status).toBe(404);
  });

  it('should retry after the variable is fixed, with a reason, audited; without a reason it is 400', async () => {
    const id = await failing();
    const bare = await post(`/api/instances/${id}/retry`, { variables: { registryId: 'R-1' } });
    expect(bare.status).toBe(400);
    expect((await messageOf(bare))).toContain('body.reason');
    const retried = await post(`/api/instances/${id}/retry`, { variables: { registryId: 'R-1' }, reason: 'added the registry id from the paper file' });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ state: 'active', elements: ['review'], incidents: [] });
    expect(await auditOf(id, 'incident.retry')).toEqual([
      expect.objectContaining({ actor: 'operator', data: expect.objectContaining({ reason: 'added the registry id from the paper file', variables: ['registryId'] }) }),
    ]);
  });

  it('should move a token, refusing an unknown element by name, and audit the move', async () => {
    const id = await failing();
    const unknown = await post(`/api/instances/${id}/modify`, { reason: 'skip', to: 'nowhere' });
    expect(unknown.status).toBe(400);
    expect((await messageOf(unknown))).toContain("element 'nowhere' is not in process ops:1");
    expect((await post(`/api/instances/${id}/modify`, { reason: 'skip' })).status).toBe(400); // `to` missing
    const moved = await post(`/api/instances/${id}/modify`, { reason: 'registered by hand', to: 'review', variables: { registryId: 'R-9' } });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ state: 'active', elements: ['review'], incidents: [] });
    expect(await auditOf(id, 'instance.modify')).toEqual([expect.objectContaining({ actor: 'operator', data: expect.objectContaining({ from: 'register', to: 'review', reason: 'registered by hand' }) })]);
  });

  it('should cancel with a reason, audited, and answer 409 for an instance that has ended', async () => {
    const id = await failing();
    expect((await post(`/api/instances/${id}/cancel`, {})).status).toBe(400);
    const cancelled = await post(`/api/instances/${id}/cancel`, { reason: 'duplicate application' });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ state: 'terminated', elements: [] });
    expect(await auditOf(id, 'instance.cancel')).toEqual([expect.objectContaining({ actor: 'operator', data: expect.objectContaining({ reason: 'duplicate application' }) })]);
    expect((await post(`/api/instances/${id}/cancel`, { reason: 'again' })).status).toBe(409);
  });

  it('should refuse a migration with the report of every problem, dry-run it, then migrate with a mapping', async () => {
    const id = await failing();
    await post(`/api/instances/${id}/retry`, { variables: { registryId: 'R-5' }, reason: 'fixed' });
    expect((await deploy(server, opsXml('check'))).status).toBe(201);
    const refused = await post('/api/definitions/ops/migrate', { fromVersion: 1, toVersion: 2, reason: 'renamed review' });
    expect(refused.status).toBe(409);
    const { error: problem } = (await refused.json()) as { error: { code: string; details: { report: { problems: { instanceId: string; elementId: string }[]; migrated: string[] } } } };
    expect(problem.code).toBe('migration_refused');
    expect(problem.details.report.problems).toContainEqual(expect.objectContaining({ instanceId: id, elementId: 'review' }));
    expect((await server.engine.instance(id)).definitionId).toBe('ops:1');

    expect((await post('/api/definitions/ops/migrate', { fromVersion: 1, toVersion: 'two', reason: 'x' })).status).toBe(400);
    // The other instances of v1 stand at register (incidents): it is in v2 too, so only review needs a mapping.
    const body = { fromVersion: 1, toVersion: 2, mapping: { review: 'check' }, reason: 'renamed review' };
    const dry = await post('/api/definitions/ops/migrate', { ...body, dryRun: true });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, problems: [], migrated: [] });
    const done = await post('/api/definitions/ops/migrate', body);
    expect(done.status).toBe(200);
    expect(((await done.json()) as { migrated: string[] }).migrated).toContain(id);
    expect((await server.engine.instance(id)).tokens.map((t) => t.elementId)).toEqual(['check']);
    expect(await auditOf(id, 'instance.migrate')).toHaveLength(1);
  });
});

async function messageOf(response: Response): Promise<string> {
  return ((await response.json()) as { error: { message: string } }).error.message;
}
