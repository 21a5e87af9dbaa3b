import { afterEach, describe, expect, it } from 'vitest';
import { parseEnv, proxyHopsOf } from '../../server/env.js';
import { startTestServer, type TestServer } from '../server/testServer.js';

const post = (server: TestServer, username: string, forwardedFor: string) =>
  fetch(server.url + '/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
    body: JSON.stringify({ username, password: 'wrong' }),
  });

/** The address the audit trail recorded for a user name's failed login. */
const auditedAddress = async (server: TestServer, username: string) =>
  (await server.engine.audit({ subject: `user:${username}` })).find((e) => e.action === 'login.failed')?.data?.address;

describe('TRUST_PROXY_HOPS (issue 9, item 17)', () => {
  it('should read a hop count, keep TRUST_PROXY=on meaning one hop, and trust nothing by default', () => {
    expect(proxyHopsOf(parseEnv({}))).toBe(0);
    expect(proxyHopsOf(parseEnv({ TRUST_PROXY: 'on' }))).toBe(1);
    expect(proxyHopsOf(parseEnv({ TRUST_PROXY_HOPS: '2' }))).toBe(2);
    expect(proxyHopsOf(parseEnv({ TRUST_PROXY: 'on', TRUST_PROXY_HOPS: '1' }))).toBe(1);
  });

  it('should name a bad hop count, and TRUST_PROXY=on beside TRUST_PROXY_HOPS=0', () => {
    expect(() => parseEnv({ TRUST_PROXY_HOPS: 'two' })).toThrow("TRUST_PROXY_HOPS: expected a whole number of proxies from 0 to 10, got 'two'");
    expect(() => parseEnv({ TRUST_PROXY_HOPS: '11' })).toThrow('TRUST_PROXY_HOPS');
    expect(() => parseEnv({ TRUST_PROXY: 'on', TRUST_PROXY_HOPS: '0' })).toThrow('TRUST_PROXY_HOPS: 0 contradicts TRUST_PROXY=on');
  });

  describe('behind one proxy (TRUST_PROXY=on)', () => {
    let server: TestServer | undefined;
    afterEach(() => server?.dispose());

    it('should take the address the proxy appended (the rightmost), not the one the client wrote (the leftmost)', async () => {
      server = await startTestServer({ env: { TRUST_PROXY: 'on' } });
      expect((await post(server, 'official', '6.6.6.6, 203.0.113.7')).status).toBe(401);
      expect(await auditedAddress(server, 'official')).toBe('203.0.113.7');
    });

    it('should throttle the real address however the client rotates what it writes in front of it', async () => {
      server = await startTestServer({ env: { TRUST_PROXY: 'on' } });
      for (let i = 0; i < 20; i++) expect((await post(server, `someone-${i}`, `10.66.0.${i}, 203.0.113.7`)).status).toBe(401);
      const refused = await post(server, 'someone-else', '10.66.1.1, 203.0.113.7');
      expect(refused.status).toBe(429);
      expect(await refused.json()).toMatchObject({ error: { code: 'too_many_attempts', message: expect.stringContaining('from this address') } });
    });
  });

  describe('behind two proxies (TRUST_PROXY_HOPS=2)', () => {
    let server: TestServer | undefined;
    afterEach(() => server?.dispose());

    it('should take the address two hops from the right', async () => {
      server = await startTestServer({ env: { TRUST_PROXY_HOPS: '2' } });
      expect((await post(server, 'official', '6.6.6.6, 203.0.113.7, 10.0.0.2')).status).toBe(401);
      expect(await auditedAddress(server, 'official')).toBe('203.0.113.7');
    });
  });
});
