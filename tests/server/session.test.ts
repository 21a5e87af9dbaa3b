import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoLoginText } from '../../server/demo/demoData.js';
import { startTestServer, type TestServer } from './testServer.js';
import { createHash } from 'node:crypto';
import { accountsOf, sessionIdOf } from '../../server/accounts/Accounts.js';

const post = (server: TestServer, username: string, password: string, headers: Record<string, string> = {}) =>
  fetch(server.url + '/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });

/** The `name=value` pairs a response sets, with their attributes. */
function cookies(response: Response): Record<string, string> {
  return Object.fromEntries(response.headers.getSetCookie().map((line) => [line.slice(0, line.indexOf('=')), line]));
}
const value = (line: string | undefined) => line!.slice(line!.indexOf('=') + 1, line!.indexOf(';'));

describe('POST /api/session (login)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('should log in: a token, the user, an HttpOnly SameSite=Strict session cookie and a readable CSRF cookie', async () => {
    const response = await post(server, 'clerk', 'demo');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token: expect.any(String), csrfToken: expect.any(String), user: { id: 'clerk', roles: ['clerk'], centre: 'astana-1', groups: ['centre-clerks'] } });
    const set = cookies(response);
    expect(set.tereze_session).toMatch(/httponly/i);
    expect(set.tereze_session).toMatch(/samesite=strict/i);
    expect(set.tereze_session).not.toMatch(/secure/i);
    expect(set.tereze_csrf).not.toMatch(/httponly/i);
    expect(set.tereze_csrf).toMatch(/samesite=strict/i);
    expect(value(set.tereze_session)).toBe(body.token);
    for (const secret of ['scrypt', 'salt', 'hash', 'demo']) expect(JSON.stringify(body)).not.toContain(secret);
  });

  it('should answer a wrong password and an unknown user alike with 401, and audit each failure', async () => {
    const wrong = await post(server, 'official', 'not-demo');
    const unknown = await post(server, 'nobody', 'demo');
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'unauthenticated', message: 'wrong user name or password' } });
    }
    const failures = async (username: string) => (await server.engine.audit({ subject: `user:${username}` })).filter((e) => e.action === 'login.failed');
    const [entry] = await failures('official');
    expect(entry).toMatchObject({ action: 'login.failed', actor: 'anonymous', data: { reason: 'bad_credentials', address: expect.any(String) } });
    expect(JSON.stringify(entry)).not.toContain('not-demo');
    expect(await failures('nobody')).toHaveLength(1);
  });

  it('should throttle a user name after 5 failures in 15 minutes with 429 and Retry-After, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await post(server, 'coordinator', `guess-${i}`)).status).toBe(401);
    const refused = await post(server, 'coordinator', 'demo');
    expect(refused.status).toBe(429);
    const seconds = Number(refused.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(800);
    expect(seconds).toBeLessThanOrEqual(900);
    const body = (await refused.json()) as { error: { code: string; message: string; details: { retryAfterSeconds: number } } };
    expect(body.error.code).toBe('too_many_attempts');
    expect(body.error.message).toMatch(/too many failed logins for this user name: try again in 1[45] minutes/);
    expect(body.error.details.retryAfterSeconds).toBe(seconds);
    expect((await server.engine.audit({ subject: 'user:coordinator' })).filter((e) => e.action === 'login.failed')).toHaveLength(5);
    // Another user from the same address is not locked out.
    expect((await post(server, 'auditor', 'demo')).status).toBe(200);
  });

  it('should show the current session and end it at logout (204), after which the token is refused', async () => {
    const { token } = (await (await post(server, 'designer', 'demo')).json()) as { token: string };
    const auth = { Authorization: `Bearer ${token}` };
    const current = await fetch(server.url + '/api/session', { headers: auth });
    expect(await current.json()).toMatchObject({ user: { id: 'designer' }, via: 'bearer', expiresAt: expect.any(String) });
    expect((await fetch(server.url + '/api/session', { method: 'DELETE', headers: auth })).status).toBe(204);
    expect((await fetch(server.url + '/api/users/me', { headers: auth })).status).toBe(401);
    expect((await server.engine.audit({ subject: `session:${(await import('../../server/accounts/Accounts.js')).sessionIdOf(token)}` })).map((e) => e.action)).toEqual([
      'session.create',
      'session.revoke',
    ]);
  });

  it('should answer a bearer token that opens no session with 401 invalid_token, even where no login is needed', async () => {
    for (const header of ['Bearer not-a-session', 'Bearer  not-a-session  ', 'bearer not-a-session']) {
      const response = await fetch(server.url + '/api/session', { headers: { Authorization: header } });
      expect(response.status, header).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(await response.json()).toMatchObject({ error: { code: 'unauthenticated', message: expect.stringMatching(/bearer token is not valid/) } });
    }
    // A live token opens its session only in a well-formed header: the scheme, then the token alone
    const { token } = (await (await post(server, 'auditor', 'demo')).json()) as { token: string };
    const me = (header: string) => fetch(server.url + '/api/users/me', { headers: { Authorization: header } });
    for (const header of [`Bearer ${token}`, `bearer  ${token}  `]) expect((await me(header)).status, header).toBe(200);
    for (const header of [token, `XBearer ${token}`, `Bearer ${token} extra`, `Basic ${token}`]) expect((await me(header)).status, header).toBe(401);
  });

  it('should throttle an address after 20 failures, whatever the names (last: it locks this address out)', async () => {
    for (let i = 0; i < 20; i++) await post(server, `someone-${i}`, 'x');
    const refused = await post(server, 'supervisor', 'demo');
    expect(refused.status).toBe(429);
    expect((await refused.json()) as unknown).toMatchObject({ error: { message: expect.stringContaining('from this address') } });
  });
});

describe('CSRF on cookie sessions', () => {
  let server: TestServer;
  let session: string;
  let csrf: string;
  beforeAll(async () => {
    server = await startTestServer();
    const set = cookies(await post(server, 'supervisor', 'demo'));
    session = value(set.tereze_session);
    csrf = value(set.tereze_csrf);
  });
  afterAll(() => server.dispose());

  const absence = (headers: Record<string, string>) =>
    fetch(server.url + '/api/absences/official', { method: 'PUT', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ from: '2030-02-01', to: '2030-02-02' }) });
  const cookie = () => ({ Cookie: `tereze_session=${session}; tereze_csrf=${csrf}` });

  it('should let a cookie session read without a CSRF header', async () => {
    expect((await fetch(server.url + '/api/users/me', { headers: cookie() })).status).toBe(200);
    expect(await (await fetch(server.url + '/api/session', { headers: cookie() })).json()).toMatchObject({ user: { id: 'supervisor' }, via: 'cookie' });
  });

  it('should refuse an unsafe method on a cookie session without the header, or with a wrong one (403 csrf)', async () => {
    for (const headers of [cookie(), { ...cookie(), 'X-CSRF-Token': 'forged' }]) {
      const response = await absence(headers);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'csrf' } });
    }
    expect(await server.engine.directory.absences('official')).toEqual([]);
  });

  it("should refuse a well-formed token that is not this session's: another session's, or this one's with a character changed (403 csrf)", async () => {
    // Given a second session (an attacker's own login) and a near miss of the right token
    const theirs = value(cookies(await post(server, 'clerk', 'demo')).tereze_csrf);
    const nearMiss = csrf.slice(0, -1) + (csrf.endsWith('A') ? 'B' : 'A');
    for (const forged of [theirs, nearMiss]) {
      expect(forged).toHaveLength(csrf.length);
      // When it is sent with the supervisor's cookie on an unsafe method
      const response = await absence({ ...cookie(), 'X-CSRF-Token': forged });
      // Then it is refused and nothing changes
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'csrf' } });
    }
    expect(await server.engine.directory.absences('official')).toEqual([]);
  });

  it('should accept it with the header echoing the CSRF cookie', async () => {
    expect((await absence({ ...cookie(), 'X-CSRF-Token': csrf })).status).toBe(200);
  });

  it('should not ask a bearer token for one', async () => {
    expect((await absence({ Authorization: `Bearer ${session}` })).status).toBe(200);
  });

  it('should log out a cookie session (with the header) and clear both cookies', async () => {
    const response = await fetch(server.url + '/api/session', { method: 'DELETE', headers: { ...cookie(), 'X-CSRF-Token': csrf } });
    expect(response.status).toBe(204);
    const set = cookies(response);
    expect(value(set.tereze_session)).toBe('');
    expect(value(set.tereze_csrf)).toBe('');
    expect((await fetch(server.url + '/api/users/me', { headers: cookie() })).status).toBe(401);
  });
});

describe('cookie settings', () => {
  let server: TestServer | undefined;
  afterEach(() => server?.dispose());

  it('should mark the cookies Secure when COOKIE_SECURE=on (behind an https proxy)', async () => {
    server = await startTestServer({ env: { COOKIE_SECURE: 'on' } });
    const set = cookies(await post(server, 'clerk', 'demo'));
    expect(set.tereze_session).toMatch(/;\s*secure/i);
    expect(set.tereze_csrf).toMatch(/;\s*secure/i);
  });
});

describe('demo data', () => {
  let server: TestServer | undefined;
  afterEach(() => server?.dispose());
  const ROLES = ['designer', 'clerk', 'official', 'supervisor', 'coordinator', 'auditor', 'operator', 'admin', 'integration'];

  it('should create a user per role with the password demo on an empty store, and list them to print', async () => {
    server = await startTestServer();
    expect(server.running.demoLogins.map((l) => l.username)).toEqual(ROLES);
    for (const role of ROLES) expect((await post(server, role, 'demo')).status, role).toBe(200);
    const text = demoLoginText(server.running.demoLogins);
    expect(text).toContain('password "demo"');
    for (const role of ROLES) expect(text).toContain(role);
    // The log says who, never the password.
    expect(JSON.stringify(server.logs)).not.toMatch(/password|"demo"/);
  });

  it('should create nobody with DEMO_DATA=off: no demo user can log in, nothing to print', async () => {
    server = await startTestServer({ env: { DEMO_DATA: 'off' } });
    expect(server.running.demoLogins).toEqual([]);
    expect(demoLoginText(server.running.demoLogins)).toBe('');
    expect(await server.engine.directory.listUsers()).toEqual([]);
    for (const role of ROLES) expect((await post(server, role, 'demo')).status, role).toBe(401);
  });

  it('should remove demo passwords left from an earlier run when restarted with DEMO_DATA=off', async () => {
    server = await startTestServer();
    const dataDir = `${server.dir}/data`;
    await server.running.close();
    await server.engine.close();
    const again = await startTestServer({ env: { DEMO_DATA: 'off' }, dataDir });
    try {
      for (const role of ROLES) expect((await post(again, role, 'demo')).status, role).toBe(401);
      expect(await accountsOf(again.engine).demoCredentials()).toEqual([]);
      expect((await again.engine.directory.listUsers({ active: true })).length).toBe(0);
    } finally {
      await again.dispose();
    }
  });
});

describe('session ids', () => {
  it("should key a session by the SHA-256 of its token's UTF-8, as stored sessions were keyed, so an upgrade logs nobody out", () => {
    for (const token of ['q3Vb-_x9', 'ключ-ü-🙂', 'a'.repeat(43)]) {
      expect(sessionIdOf(token)).toBe(createHash('sha256').update(token, 'utf8').digest('hex'));
    }
  });
});
