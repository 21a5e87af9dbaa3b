import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/index.js';
import { startTestServer, type TestServer } from './testServer.js';

/** An engine whose `instance` fails the way a broken store or a bug would. */
function failingInstance(thrown: unknown) {
  return (engine: Engine): Engine =>
    new Proxy(engine, {
      get(target, property, receiver) {
        if (property === 'instance') return async () => Promise.reject(thrown);
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
}

describe('an unexpected failure', () => {
  let server: TestServer | undefined;
  afterEach(() => server?.dispose());

  it('should answer 500 "internal error" with no internals, and log the real error with the request id', async () => {
    const internal = new Error('SQLITE_CORRUPT: database disk image is malformed at /srv/secret/tereze.db');
    server = await startTestServer({ wrap: failingInstance(internal) });
    const response = await server.api('/api/applications/any-id', { as: 'supervisor' });
    expect(response.status).toBe(500);
    const text = await response.text();
    const requestId = response.headers.get('x-request-id');
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error', details: { requestId } } });
    for (const leak of ['SQLITE', 'secret', 'stack', '.ts:', ' at ']) expect(text).not.toContain(leak);

    const logged = server.logs.find((l) => l.message === 'request failed');
    expect(logged).toMatchObject({ level: 'error', requestId, path: '/api/applications/any-id', error: { message: internal.message } });
    expect((logged!.error as { stack: string }).stack).toContain('SQLITE_CORRUPT');
  });

  it('should treat a thrown non-Error the same way', async () => {
    server = await startTestServer({ wrap: failingInstance({ sql: 'SELECT * FROM secrets' }) });
    const response = await server.api('/api/applications/any-id', { as: 'supervisor' });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secrets');
    expect(server.logs.find((l) => l.message === 'request failed')).toMatchObject({ error: { message: expect.stringContaining('SELECT * FROM secrets') } });
  });

  it('should report the store as unavailable on health when it fails', async () => {
    server = await startTestServer({
      wrap: (engine) => new Proxy(engine, { get: (t, p) => (p === 'tasks' ? async () => Promise.reject(new Error('connection refused')) : (Reflect.get(t, p) as unknown)) }),
    });
    const response = await server.api('/api/health');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable', store: 'sqlite' });
  });
});
