import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from './testServer.js';

const benefit = fixture(import.meta.url, 'fixtures/benefit.bpmn');

describe('GET /metrics', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, benefit)).status).toBe(201);
  });
  afterAll(() => server.dispose());

  it('should count applications, open tasks by agency and commit latency in Prometheus text, on loopback', async () => {
    for (let i = 0; i < 2; i++) await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'TEST-BENEFIT', channel: 'centre' }, as: 'clerk' });
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/tereze_instances_started_total\{service="TEST-BENEFIT",channel="centre"\} 2/);
    expect(text).toMatch(/tereze_tasks_open\{agency="social"\} 2/);
    expect(text).toMatch(/tereze_tasks_overdue\{agency="social"\} 0/);
    expect(text).toMatch(/tereze_commit_duration_seconds_count \d+/);
    expect(text).toContain('process_cpu_user_seconds_total');

    // Kept by events after the first scrape: completing both front-office checks leaves the two reviews open.
    for (const task of await server.engine.tasks({ group: 'centre-clerks' })) await server.engine.completeTask(task.id, { by: 'clerk' });
    const after = await (await fetch(`${server.url}/metrics`)).text();
    expect(after).toMatch(/tereze_tasks_open\{agency="social"\} 2/);
  });

  it('should refuse a scrape a proxy forwarded when no METRICS_TOKEN is set', async () => {
    expect((await fetch(`${server.url}/metrics`, { headers: { 'X-Forwarded-For': '203.0.113.9' } })).status).toBe(403);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { METRICS_TOKEN: 'scrape-token-0123456789' } });
  });
  afterAll(() => server.dispose());

  it('should answer only with the token', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(`${server.url}/metrics`, { headers: { Authorization: 'Bearer scrape-token-0123456789' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('tereze_tasks_open');
  });
});
