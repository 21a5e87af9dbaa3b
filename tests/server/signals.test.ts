import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from './testServer.js';

const model = fixture(import.meta.url, '../engine/runtime/Signal.bpmn');

describe('POST /api/signals/:name', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, model)).status).toBe(201);
  });
  afterAll(() => server.dispose());

  const post = (path: string, json: unknown, as: string) => server.api(path, { method: 'POST', json, as });

  it('should let an integration account broadcast to every waiting application, with variables, audited with it as actor', async () => {
    const first = await server.engine.start('signal_catch');
    const second = await server.engine.start('signal_catch');
    const response = await post('/api/signals/registryRestored', { variables: { registryBackAt: '2026-03-02T09:00:00Z' } }, 'integration');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { signalName: string; reached: { instanceId: string; elements: string[] }[]; started: unknown[] };
    expect(body.signalName).toBe('registryRestored');
    expect(body.reached.map((r) => r.instanceId).sort()).toEqual([first.id, second.id].sort());
    expect(body.reached.every((r) => r.elements.join() === 'registry_back')).toBe(true);
    expect(body.started).toEqual([]);
    for (const { id } of [first, second]) {
      const view = await server.engine.instance(id);
      expect(view.tokens.map((t) => t.elementId)).toEqual(['check']);
      expect(view.variables.registryBackAt).toBe('2026-03-02T09:00:00Z');
    }
    const broadcast = (await server.engine.audit()).filter((a) => a.action === 'signal.broadcast');
    expect(broadcast.at(-1)).toMatchObject({ actor: 'integration', data: { signalName: 'registryRestored' } });
  });

  it('should let an operator interrupt the waiting reviews, answer an empty reach when nothing waits, and refuse other roles and bad bodies', async () => {
    const { id } = await server.engine.start('signal_boundary');
    const response = await post('/api/signals/serviceSuspended', {}, 'operator');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { reached: unknown[] }).reached).toEqual([{ instanceId: id, elements: ['suspended'] }]);
    expect((await server.engine.instance(id)).state).toBe('completed');
    const again = await post('/api/signals/serviceSuspended', {}, 'operator');
    expect(await again.json()).toEqual({ signalName: 'serviceSuspended', reached: [], started: [] });
    expect((await post('/api/signals/serviceSuspended', { name: 'x' }, 'integration')).status).toBe(400);
    expect((await post('/api/signals/serviceSuspended', { variables: [1] }, 'integration')).status).toBe(400);
    const waiting = await server.engine.start('signal_catch');
    for (const as of ['clerk', 'official', 'supervisor', 'admin', 'designer']) expect((await post('/api/signals/registryRestored', {}, as)).status, as).toBe(403);
    expect((await server.engine.instance(waiting.id)).tokens.map((t) => t.elementId)).toEqual(['registry_back']);
  });
});
