import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testServer.js';

describe('GET /api/health and the common middleware', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('should answer ok with the store kind and the time', async () => {
    const response = await server.api('/api/health');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; store: string; time: string };
    expect(body).toMatchObject({ status: 'ok', store: 'sqlite' });
    expect(Number.isNaN(Date.parse(body.time))).toBe(false);
  });

  it('should send the security headers on successes and errors alike', async () => {
    for (const response of [await server.api('/api/health'), await server.api('/api/nowhere')]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('should answer an unknown route with 404 in the error format', async () => {
    const response = await server.api('/api/nowhere');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'no route for GET /api/nowhere' } });
  });

  it('should answer a wrong method with 405 and the allowed ones', async () => {
    const response = await server.api('/api/health', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toContain('GET');
    expect(await response.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });

  it('should log one line per request without its query or body', async () => {
    await server.api('/api/tasks?instanceId=secret-person', { as: 'clerk' });
    const line = server.logs.find((l) => l.message === 'request' && l.path === '/api/tasks');
    expect(line).toMatchObject({ method: 'GET', status: 200, user: 'clerk' });
    expect(JSON.stringify(server.logs)).not.toContain('secret-person');
  });

  it('should refuse a bearer token that opens no session with 401, even on a public route', async () => {
    const response = await server.api('/api/health', { headers: { Authorization: 'Bearer not-a-token' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('invalid_token');
    expect(await response.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('should no longer take the acting user from the old X-Tereze-User header', async () => {
    const response = await server.api('/api/users/me', { headers: { 'X-Tereze-User': 'supervisor' } });
    expect(response.status).toBe(401);
  });
});
