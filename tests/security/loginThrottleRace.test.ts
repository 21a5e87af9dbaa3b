import { afterEach, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../server/accounts/LoginThrottle.js';
import { startTestServer, type TestServer } from '../server/testServer.js';

const post = (server: TestServer, username: string, password: string) =>
  fetch(server.url + '/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });

const statuses = async (responses: Promise<Response>[]) => (await Promise.all(responses)).map((r) => r.status).sort();
const count = (list: number[], status: number) => list.filter((s) => s === status).length;

describe('login throttling under parallel attempts (issue 9, item 7)', () => {
  let server: TestServer | undefined;
  afterEach(() => server?.dispose());

  it('should let only 5 of 12 parallel wrong passwords for one user be tried, and refuse the other 7 with 429', async () => {
    server = await startTestServer();
    const answers = await statuses(Array.from({ length: 12 }, (_, i) => post(server!, 'official', `guess-${i}`)));
    expect(count(answers, 401)).toBe(5);
    expect(count(answers, 429)).toBe(7);
    // Only what was tried is audited as a failed password: 5, not 12.
    const failed = (await server.engine.audit({ subject: 'user:official' })).filter((e) => e.action === 'login.failed');
    expect(failed).toHaveLength(5);
    // The lock holds afterwards, for the right password too.
    expect((await post(server, 'official', 'demo')).status).toBe(429);
  });

  it('should let only 20 of 40 parallel names from one address be tried, and refuse the other 20 with 429', async () => {
    server = await startTestServer();
    const answers = await statuses(Array.from({ length: 40 }, (_, i) => post(server!, `someone-${i}`, 'x')));
    expect(count(answers, 401)).toBe(20);
    expect(count(answers, 429)).toBe(20);
  });

  it('should not count parallel successful logins as failures of their address (a guard for the reservations: passes before them too)', async () => {
    server = await startTestServer();
    // Clerks of one counter hall logging in at once behind one router: all succeed, none is left counted.
    const users = ['clerk', 'clerk-almaty', 'official', 'supervisor', 'designer', 'auditor', 'coordinator'];
    expect(await statuses(users.map((u) => post(server!, u, 'demo')))).toEqual(users.map(() => 200));
    for (let i = 0; i < 19; i++) expect((await post(server, `typo-${i}`, 'x')).status).toBe(401);
    // The 20th failure is still allowed: the successes reserved nothing that stayed.
    expect((await post(server, 'typo-19', 'x')).status).toBe(401);
    expect((await post(server, 'typo-20', 'x')).status).toBe(429);
  });
});

describe('LoginThrottle reservations', () => {
  const clock = { t: 1_000_000 };
  const throttle = () => new LoginThrottle(() => clock.t, { windowMs: 60_000, perUser: 2, perAddress: 3, maxKeys: 100 });

  it('should count an attempt in flight against the limits until it is settled', () => {
    const t = throttle();
    const a = t.reserve('ana', '10.0.0.1');
    const b = t.reserve('ana', '10.0.0.1');
    expect(a.allowed && b.allowed).toBe(true);
    const third = t.reserve('ana', '10.0.0.1');
    // Refused while the two are in flight, with a short retry: they may yet succeed.
    expect(third).toMatchObject({ allowed: false, by: 'user' });
    expect(!third.allowed && third.retryAfterMs).toBeLessThanOrEqual(1_000);
  });

  it('should release a successful attempt, and keep a failed one for the whole window', () => {
    const t = throttle();
    const ok = t.reserve('ana', '10.0.0.1');
    const bad = t.reserve('ana', '10.0.0.1');
    if (!ok.allowed || !bad.allowed) throw new Error('expected both allowed');
    bad.attempt.failed();
    ok.attempt.succeeded();
    // The success cleared ana's failures and its own reservation.
    expect(t.reserve('ana', '10.0.0.1').allowed).toBe(true);
    const other = t.reserve('ben', '10.0.0.1');
    // The address holds one failure (bad) and one attempt in flight (ana's third): ben's is the third.
    expect(other.allowed).toBe(true);
    const refused = t.reserve('cy', '10.0.0.1');
    expect(refused).toMatchObject({ allowed: false, by: 'address' });
  });

  it('should release an attempt abandoned by an error, counting nothing', () => {
    const t = throttle();
    for (let i = 0; i < 5; i++) {
      const r = t.reserve('ana', '10.0.0.1');
      if (!r.allowed) throw new Error(`attempt ${i} refused`);
      r.attempt.abandoned();
    }
  });

  it('should answer the window-based wait once the failures alone reach the limit', () => {
    const t = throttle();
    for (let i = 0; i < 2; i++) {
      const r = t.reserve('ana', `10.0.0.${i}`);
      if (!r.allowed) throw new Error('refused');
      r.attempt.failed();
    }
    clock.t += 10_000;
    const refused = t.reserve('ana', '10.0.0.9');
    expect(refused).toEqual({ allowed: false, by: 'user', retryAfterMs: 50_000 });
  });
});
