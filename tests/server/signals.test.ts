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

  it("should keep an agency's system to its agency's processes: it reaches and starts only those", async () => {
    // The same catch deployed as a social-protection process and as a justice one
    const catchOf = (key: string, agency: string) =>
      model.replace('<bpmn:process id="signal_catch" isExecutable="true">', `<bpmn:process id="${key}" isExecutable="true" ps:agency="${agency}">`).replace(/<bpmn:process id="signal_(boundary|throw|or_timer)"[\s\S]*?<\/bpmn:process>/g, '');
    expect((await deploy(server, catchOf('catch_social', 'social'))).status).toBe(201);
    expect((await deploy(server, catchOf('catch_mj', 'mj'))).status).toBe(201);
    const social = await server.engine.start('catch_social');
    const justice = await server.engine.start('catch_mj');
    const response = await post('/api/signals/registryRestored', {}, 'integration-social');
    expect(response.status).toBe(200);
    const reached = ((await response.json()) as { reached: { instanceId: string }[] }).reached.map((r) => r.instanceId);
    expect(reached).toContain(social.id);
    expect(reached).not.toContain(justice.id);
    expect((await server.engine.instance(justice.id)).tokens.map((t) => t.elementId)).toEqual(['registry_back']);
    const broadcast = (await server.engine.audit()).filter((a) => a.action === 'signal.broadcast').at(-1);
    expect(broadcast).toMatchObject({ actor: 'integration-social', data: { agency: 'social' } });
    // The organisation's own hub (no agency) still reaches the justice one
    const hub = await post('/api/signals/registryRestored', {}, 'integration');
    expect(((await hub.json()) as { reached: { instanceId: string }[] }).reached.map((r) => r.instanceId)).toContain(justice.id);
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
