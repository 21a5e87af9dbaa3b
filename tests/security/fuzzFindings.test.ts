import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/testServer.js';

/** What the API fuzzer (apiFuzz.test.ts) found, one case each, named. */
describe('fuzz findings', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  /** Writes bytes on a fresh connection and reads everything until the server closes it. */
  function rawExchange(bytes: string): Promise<string> {
    const { port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
      socket.end(bytes);
    });
  }

  function parse(answer: string): { status: number; body: unknown } {
    const [head, body = ''] = answer.split('\r\n\r\n');
    return { status: Number(head!.split(' ')[1]), body: JSON.parse(body) as unknown };
  }

  describe('a request the HTTP parser refuses (never reaches Koa)', () => {
    it('should answer a head over the size limit with 431 in the contract shape, not a bare status line', async () => {
      const answer = parse(await rawExchange(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
      expect(answer).toEqual({ status: 431, body: { error: { code: 'headers_too_large', message: expect.any(String) } } });
    });

    it('should answer a control character in a header with 400 in the contract shape', async () => {
      const answer = parse(await rawExchange('GET /api/health HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n'));
      expect(answer).toEqual({ status: 400, body: { error: { code: 'bad_request', message: expect.any(String) } } });
    });

    it('should answer an unknown method with 400 in the contract shape', async () => {
      const answer = parse(await rawExchange('BREW /api/health HTTP/1.1\r\nHost: x\r\n\r\n'));
      expect(answer).toEqual({ status: 400, body: { error: { code: 'bad_request', message: expect.any(String) } } });
    });

    it('should still answer the next connection', async () => {
      await rawExchange('\u0000\u0000garbage\r\n\r\n');
      expect((await fetch(server.url + '/api/health')).status).toBe(200);
    });
  });
});
