import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, sqliteStore, type Engine } from '../../engine/index.js';
import { createApp } from '../../server/app.js';
import { LiveUpdates, MAX_STREAMS_PER_USER } from '../../server/live/LiveUpdates.js';
import { jsonLogger } from '../../server/logger.js';
import { startTestServer, type TestServer } from '../server/testServer.js';
import { accountsOf } from '../../server/accounts/Accounts.js';

/** An open event stream whose text accumulates as it arrives. */
interface Stream {
  readonly status: number;
  readonly response: Response;
  text: string;
  ended: boolean;
  close(): void;
}

async function listen(url: string, token: string): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/events`, { headers: { Authorization: `Bearer ${token}` }, signal: controller.signal });
  const stream: Stream = { status: response.status, response, text: '', ended: false, close: () => controller.abort() };
  if (response.status !== 200) return stream;
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        stream.text += decoder.decode(value, { stream: true });
      }
    } catch {
      // aborted by the test
    }
    stream.ended = true;
  })();
  return stream;
}

const until = async (condition: () => boolean, ms = 4000) => {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('GET /api/events: streams per user (issue 9, item 15)', () => {
  let server: TestServer;
  const open: Stream[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  afterAll(() => server.dispose());

  it(`should allow ${MAX_STREAMS_PER_USER} streams per user and refuse the next with 429, naming the limit`, async () => {
    expect(MAX_STREAMS_PER_USER).toBe(5);
    const token = await server.token('clerk');
    for (let i = 0; i < 5; i++) open.push(await listen(server.url, token));
    expect(open.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    const refused = await listen(server.url, token);
    expect(refused.status).toBe(429);
    expect(refused.response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.response.json()).toMatchObject({
      error: { code: 'too_many_streams', message: expect.stringContaining('5 live event streams are already open for clerk'), details: { limit: 5 } },
    });
    // Another session of the same user counts too: the limit is the user's.
    const second = await accountsOf(server.engine).createSession('clerk');
    expect((await listen(server.url, second.token)).status).toBe(429);
    // Another user is not affected.
    const official = await listen(server.url, await server.token('official'));
    open.push(official);
    expect(official.status).toBe(200);
  });

  it('should refuse parallel opens beyond the limit too (the slot is taken before any lookup)', async () => {
    const token = await server.token('supervisor');
    const all = await Promise.all(Array.from({ length: 12 }, () => listen(server.url, token)));
    open.push(...all);
    expect(all.filter((s) => s.status === 200)).toHaveLength(5);
    expect(all.filter((s) => s.status === 429)).toHaveLength(7);
  });

  it('should give the slot back when a stream closes', async () => {
    const token = await server.token('designer');
    for (let i = 0; i < 5; i++) open.push(await listen(server.url, token));
    expect((await listen(server.url, token)).status).toBe(429);
    open.shift()!.close();
    // The server hears of the closed connection a moment later.
    let again: Stream | undefined;
    for (const end = Date.now() + 3_000; !again && Date.now() < end; ) {
      const attempt = await listen(server.url, token);
      if (attempt.status === 200) again = attempt;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(again?.status).toBe(200);
    open.push(again!);
  });

  it('should end a stream when its session expires', async () => {
    const session = await accountsOf(server.engine).createSession('official-mj', { ttlMs: 1_500 });
    const stream = await listen(server.url, session.token);
    open.push(stream);
    expect(stream.status).toBe(200);
    await until(() => stream.ended, 5_000);
    expect(stream.text).toContain('event: end');
    expect(stream.text).toContain('session_expired');
  });
});

describe('GET /api/events: streams end when their session ends elsewhere (issue 9, item 15)', () => {
  let engine: Engine;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    engine = await createEngine({ store: sqliteStore(':memory:') });
    for (const id of ['ana', 'ben', 'cy']) await engine.directory.putUser({ id, name: id, roles: ['clerk'], groups: [] });
    // Checked every 100 ms here; the server's default is LiveUpdates' own.
    const live = new LiveUpdates(engine, { revalidateMs: 100 });
    const app = createApp({ engine, live, logger: jsonLogger({ level: 'silent' }), assetsDir: '/nonexistent' });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await engine.close();
  });

  it('should end the stream of a session revoked without this server being told (another server, an administrator)', async () => {
    const session = await accountsOf(engine).createSession('ana');
    const stream = await listen(url, session.token);
    expect(stream.status).toBe(200);
    await accountsOf(engine).revokeSession(session.id, { by: 'admin' });
    await until(() => stream.ended);
    expect(stream.text).toContain('event: end');
  });

  it('should end every stream of a user who is deactivated', async () => {
    const [one, two] = [await accountsOf(engine).createSession('ben'), await accountsOf(engine).createSession('ben')];
    const streams = [await listen(url, one.token), await listen(url, two.token)];
    const bystander = await listen(url, (await accountsOf(engine).createSession('cy')).token);
    const ben = (await engine.directory.findUser('ben'))!;
    await engine.directory.putUser({ ...ben, active: false }, { by: 'admin' });
    await until(() => streams.every((s) => s.ended));
    await new Promise((r) => setTimeout(r, 300));
    expect(bystander.ended).toBe(false);
    bystander.close();
  });
});
