import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from './testServer.js';

const passport = fixture(import.meta.url, 'fixtures/passport.bpmn');

interface Task {
  id: string;
  instanceId: string;
  elementId: string;
  candidateGroup: string;
  state: string;
}

describe('/api/tasks', () => {
  let server: TestServer;
  let instanceId: string;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, passport)).status).toBe(201);
    const started = await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'PS-001', channel: 'centre' }, as: 'clerk' });
    instanceId = ((await started.json()) as { id: string }).id;
  });
  afterAll(() => server.dispose());

  const openTasks = async (query: string) => (await (await server.api(`/api/tasks?${query}`, { as: 'official-mj' })).json()) as Task[];

  it('should list the open tasks of an instance and of a group', async () => {
    const byInstance = await openTasks(`instanceId=${instanceId}`);
    expect(byInstance).toEqual([expect.objectContaining({ instanceId, elementId: 'review', candidateGroup: 'mj-registration', state: 'open' })]);
    expect((await openTasks('group=mj-registration')).map((t) => t.id)).toEqual([byInstance[0]!.id]);
    const other = await server.api('/api/tasks?group=someone-else', { as: 'official-mj' });
    expect(other.status).toBe(403);
  });

  it('should validate the query: limit 1..1000, a known state', async () => {
    for (const query of ['limit=0', 'limit=1001', 'limit=ten', 'state=lost']) {
      const response = await server.api(`/api/tasks?${query}`, { as: 'official-mj' });
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'bad_request', details: { issues: [expect.objectContaining({ in: 'query' })] } } });
    }
    expect((await server.api('/api/tasks?limit=1000', { as: 'official-mj' })).status).toBe(200);
  });

  it('should complete a task with 200 and the instance view, then answer a second completion with 409', async () => {
    const [task] = await openTasks(`instanceId=${instanceId}`);
    const done = await server.api(`/api/tasks/${task!.id}/complete`, { method: 'POST', json: { outcome: 'approve', variables: { decision: 'ok' } }, as: 'official-mj' });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ id: instanceId, state: 'completed', variables: { decision: 'ok', outcome: 'approve' } });

    const again = await server.api(`/api/tasks/${task!.id}/complete`, { method: 'POST', json: {}, as: 'official-mj-2' });
    expect(again.status).toBe(409);
    const body = (await again.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('conflict');
    expect(body.error.message).toContain('official-mj');

    expect(await openTasks(`instanceId=${instanceId}`)).toEqual([]);
    expect((await openTasks(`instanceId=${instanceId}&state=completed`)).map((t) => t.id)).toEqual([task!.id]);
  });

  it('should complete a task posted without a body', async () => {
    const started = await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'PS-001', channel: 'centre' }, as: 'clerk' });
    const { id } = (await started.json()) as { id: string };
    const [task] = await openTasks(`instanceId=${id}`);
    const done = await server.api(`/api/tasks/${task!.id}/complete`, { method: 'POST', as: 'official-mj' });
    expect(done.status).toBe(200);
  });

  it('should answer 404 for an unknown task and 400 for a bad completion body', async () => {
    const unknown = await server.api('/api/tasks/no-such-task/complete', { method: 'POST', json: {}, as: 'official-mj' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found', details: { kind: 'task', id: 'no-such-task' } } });

    const bad = await server.api('/api/tasks/no-such-task/complete', { method: 'POST', json: { outcome: 42 }, as: 'official-mj' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { details: { issues: [expect.objectContaining({ in: 'body', path: 'outcome' })] } } });
  });
});
