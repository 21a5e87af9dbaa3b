import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from '../../server/accounts/passwordPolicy.js';
import { startTestServer, type TestServer } from './testServer.js';

const TEMPORARY = 'Temporary-pass-2026';

describe('the password policy', () => {
  it.each([
    ['short-pass1', 'ana', 'min_length'],
    ['ana.kassymova-2026', 'ana.kassymova', 'not_username'],
    ['BERIK-BERIK-BERIK', 'berik', 'not_username'],
    ['Password1234', 'ana', 'common'],
    ['qwerty123456', 'ana', 'common'],
  ])('should refuse %j for %s by the rule %s', (password, username, rule) => {
    expect(checkPasswordPolicy(password, username)?.rule).toBe(rule);
  });

  it('should accept a long password that is neither the name nor common, counting characters not bytes', () => {
    expect(checkPasswordPolicy('Steppe-wind-over-Astana', 'ana.k')).toBeUndefined();
    expect(checkPasswordPolicy('Дала-жел-2026', 'ana')).toBeUndefined();
    expect(checkPasswordPolicy('Дала-жел-20', 'ana')?.rule).toBe('min_length');
  });
});

describe('administration routes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  const asAdmin = (path: string, init: RequestInit & { json?: unknown } = {}) => server.api(path, { ...init, as: 'admin' });
  const login = (username: string, password: string) =>
    fetch(server.url + '/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const newOfficial = (id: string, extra: Record<string, unknown> = {}) =>
    asAdmin('/api/admin/users', { method: 'POST', json: { id, name: 'Aigerim Nurlanova', roles: ['official'], groups: ['social-benefits'], agency: 'social', password: TEMPORARY, ...extra } });

  it('should create a user with a temporary password, audited without the password, listed as having to change it', async () => {
    const response = await newOfficial('aigerim');
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      id: 'aigerim',
      name: 'Aigerim Nurlanova',
      roles: ['official'],
      groups: ['social-benefits'],
      agency: 'social',
      active: true,
      hasPassword: true,
      mustChangePassword: true,
    });
    const userAudit = await server.engine.audit({ subject: 'user:aigerim' });
    expect(userAudit.map((e) => [e.action, e.actor])).toEqual([['user.put', 'admin']]);
    const credentialAudit = await server.engine.audit({ subject: 'credential:aigerim' });
    expect(credentialAudit).toMatchObject([{ action: 'credential.set', actor: 'admin', data: { origin: 'reset', mustChange: true } }]);
    expect(JSON.stringify([...userAudit, ...credentialAudit])).not.toContain(TEMPORARY);
    const listed = (await (await asAdmin('/api/admin/users?search=nurlan')).json()) as { id: string; mustChangePassword: boolean }[];
    expect(listed).toEqual([expect.objectContaining({ id: 'aigerim', mustChangePassword: true })]);
    expect(JSON.stringify(await (await asAdmin('/api/admin/users')).json())).not.toMatch(/scrypt|salt|"hash"/);
  });

  it('should refuse a weak temporary password with 400 weak_password naming the rule, and create nobody', async () => {
    const response = await newOfficial('weakling', { password: 'weakling-2026' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 'weak_password', message: 'password: the password must not be or contain the user name', details: { field: 'password', rule: 'not_username' } },
    });
    expect(await server.engine.directory.findUser('weakling')).toBeUndefined();
  });

  it('should name the bad field: an unknown role, a group, centre or agency that does not exist, a taken id', async () => {
    const role = await newOfficial('badrole', { roles: ['wizard'] });
    expect(role.status).toBe(400);
    expect(((await role.json()) as { error: { message: string } }).error.message).toMatch(/^body\.roles\.0: /);
    const group = await newOfficial('badgroup', { groups: ['no-such-group'] });
    expect(group.status).toBe(400);
    expect(((await group.json()) as { error: { message: string } }).error.message).toBe('body.groups: no group "no-such-group" (create it first)');
    const agency = await newOfficial('badagency', { agency: 'atlantis' });
    expect(((await agency.json()) as { error: { message: string } }).error.message).toBe('body.agency: no agency "atlantis" (create it first)');
    const taken = await newOfficial('official');
    expect(taken.status).toBe(409);
    expect(await server.engine.directory.findUser('badgroup')).toBeUndefined();
  });

  it('should gate a temporary password: only the session and the change are allowed until it is changed', async () => {
    await newOfficial('berik');
    const loggedIn = await login('berik', TEMPORARY);
    expect(loggedIn.status).toBe(200);
    const { token, mustChangePassword } = (await loggedIn.json()) as { token: string; mustChangePassword: boolean };
    const elsewhere = ((await (await login('berik', TEMPORARY)).json()) as { token: string }).token;
    expect(mustChangePassword).toBe(true);
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const tasks = await fetch(server.url + '/api/tasks', { headers: auth });
    expect(tasks.status).toBe(403);
    expect(((await tasks.json()) as { error: { code: string } }).error.code).toBe('password_change_required');
    expect(await (await fetch(server.url + '/api/session', { headers: auth })).json()).toMatchObject({ user: { id: 'berik' }, mustChangePassword: true });
    const change = (body: unknown) => fetch(server.url + '/api/session/password', { method: 'POST', headers: auth, body: JSON.stringify(body) });
    const wrongCurrent = await change({ currentPassword: 'not-it', newPassword: 'Steppe-wind-over-9' });
    expect(wrongCurrent.status).toBe(400);
    expect(((await wrongCurrent.json()) as { error: { message: string } }).error.message).toBe('body.currentPassword: is not the current password');
    const weak = await change({ currentPassword: TEMPORARY, newPassword: 'short' });
    expect(await weak.json()).toMatchObject({ error: { code: 'weak_password', details: { field: 'newPassword', rule: 'min_length' } } });
    expect((await change({ currentPassword: TEMPORARY, newPassword: 'Steppe-wind-over-9' })).status).toBe(204);
    // The same session now works, and the temporary password no longer does.
    expect((await fetch(server.url + '/api/tasks', { headers: auth })).status).toBe(200);
    // The session opened elsewhere with the old password has ended.
    expect((await fetch(server.url + '/api/session', { headers: { Authorization: `Bearer ${elsewhere}` } })).status).toBe(401);
    expect((await login('berik', TEMPORARY)).status).toBe(401);
    expect(await (await login('berik', 'Steppe-wind-over-9')).json()).toMatchObject({ mustChangePassword: false });
    expect((await server.engine.audit({ subject: 'credential:berik' })).map((e) => [e.actor, e.data?.origin])).toEqual([
      ['admin', 'reset'],
      ['berik', 'set'],
    ]);
  });

  it('should reset a password so that the user must change it again, audited', async () => {
    await newOfficial('dana');
    const before = ((await (await login('dana', TEMPORARY)).json()) as { token: string }).token;
    const reset = await asAdmin('/api/admin/users/dana/password', { method: 'POST', json: { password: 'Another-temp-2026' } });
    expect(reset.status).toBe(200);
    expect(await reset.json()).toMatchObject({ id: 'dana', mustChangePassword: true });
    expect((await login('dana', TEMPORARY)).status).toBe(401);
    // The session opened with the old password ended with the reset.
    expect((await fetch(server.url + '/api/session', { headers: { Authorization: `Bearer ${before}` } })).status).toBe(401);
    expect(await (await login('dana', 'Another-temp-2026')).json()).toMatchObject({ mustChangePassword: true });
    const short = await asAdmin('/api/admin/users/dana/password', { method: 'POST', json: { password: 'short' } });
    expect(await short.json()).toMatchObject({ error: { code: 'weak_password', details: { rule: 'min_length' } } });
    expect((await asAdmin('/api/admin/users/nobody/password', { method: 'POST', json: { password: 'Another-temp-2026' } })).status).toBe(404);
  });

  it('should deactivate a user (their session stops at once, login refused) and reactivate them, each a new audited version', async () => {
    await newOfficial('erlan');
    await asAdmin('/api/admin/users/erlan/password', { method: 'POST', json: { password: TEMPORARY } });
    const { token } = (await (await login('erlan', TEMPORARY)).json()) as { token: string };
    const put = (active: boolean) =>
      asAdmin('/api/admin/users/erlan', { method: 'PUT', json: { name: 'Erlan', roles: ['official', 'supervisor'], groups: ['social-benefits'], agency: 'social', active } });
    const off = await put(false);
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ active: false, roles: ['official', 'supervisor'] });
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the directory's read cache
    expect((await fetch(server.url + '/api/session', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await login('erlan', TEMPORARY)).status).toBe(401);
    expect((await put(true)).status).toBe(200);
    expect((await login('erlan', TEMPORARY)).status).toBe(200);
    const versions = (await server.engine.audit({ subject: 'user:erlan' })).filter((e) => e.action === 'user.put').map((e) => [e.action, e.actor, e.data?.active]);
    expect(versions).toEqual([
      ['user.put', 'admin', true],
      ['user.put', 'admin', false],
      ['user.put', 'admin', true],
    ]);
  });

  it('should not let an administrator deactivate themselves or drop their own admin role', async () => {
    const response = await asAdmin('/api/admin/users/admin', { method: 'PUT', json: { name: 'Demo administrator', roles: ['auditor'], groups: [], active: true } });
    expect(await response.json()).toMatchObject({ error: { message: 'body.roles: an administrator cannot drop their own admin role', details: { field: 'roles' } } });
    const off = await asAdmin('/api/admin/users/admin', { method: 'PUT', json: { name: 'Demo administrator', roles: ['admin'], groups: [], active: false } });
    expect(await off.json()).toMatchObject({ error: { message: 'body.active: an administrator cannot deactivate themselves' } });
    expect(await server.engine.directory.getUser('admin')).toMatchObject({ roles: ['admin'], active: true });
  });

  it('should list, create and rename groups, centres and agencies, each change a new audited version', async () => {
    const groups = (await (await asAdmin('/api/admin/groups')).json()) as { id: string; members: number }[];
    expect(groups).toContainEqual(expect.objectContaining({ id: 'centre-clerks', name: 'Front-office clerks of the centres', members: 1 }));
    expect((await asAdmin('/api/admin/agencies/health', { method: 'PUT', json: { name: 'Health department' } })).status).toBe(201);
    const group = await asAdmin('/api/admin/groups/health-licences', { method: 'PUT', json: { name: 'Licences', agency: 'health' } });
    expect(group.status).toBe(201);
    expect(await group.json()).toEqual({ id: 'health-licences', name: 'Licences', agency: 'health', members: 0 });
    expect((await asAdmin('/api/admin/groups/health-licences', { method: 'PUT', json: { name: 'Medical licences', agency: 'health' } })).status).toBe(200);
    expect((await server.engine.audit({ subject: 'group:health-licences' })).map((e) => [e.action, e.data?.version, e.data?.name])).toEqual([
      ['group.put', 1, 'Licences'],
      ['group.put', 2, 'Medical licences'],
    ]);
    // The new group can take members now.
    expect((await newOfficial('farida', { groups: ['health-licences'], agency: 'health' })).status).toBe(201);
    const badAgency = await asAdmin('/api/admin/groups/x-licences', { method: 'PUT', json: { name: 'X', agency: 'atlantis' } });
    expect(await badAgency.json()).toMatchObject({ error: { message: 'body.agency: no agency "atlantis" (create it first)' } });
    const cityOnGroup = await asAdmin('/api/admin/groups/y', { method: 'PUT', json: { name: 'Y', city: 'Astana' } });
    expect(await cityOnGroup.json()).toMatchObject({ error: { message: 'body.city: only a centre has a city' } });
    const emptyName = await asAdmin('/api/admin/centres/z', { method: 'PUT', json: { name: '  ' } });
    expect(emptyName.status).toBe(400);
    expect(((await emptyName.json()) as { error: { message: string } }).error.message).toMatch(/^body\.name: /);
    expect((await asAdmin('/api/admin/planets')).status).toBe(400);
  });

  it("should keep a unit's words in other languages through an edit that leaves them true, and drop a renamed name's", async () => {
    const put = (json: unknown) => asAdmin('/api/admin/centres/shymkent-1', { method: 'PUT', json });
    const translations = { kk: { name: '№ 1 ХҚКО, Шымкент', city: 'Шымкент' }, ru: { name: 'ЦОН № 1, Шымкент', city: 'Шымкент' } };
    expect(await (await put({ name: 'Centre No. 1, Shymkent', city: 'Shymkent', translations })).json()).toMatchObject({ translations });
    // The city given again, the name unchanged: both translations stay.
    expect(((await (await put({ name: 'Centre No. 1, Shymkent', city: 'Shymkent' })).json()) as { translations: unknown }).translations).toEqual(translations);
    // Renamed: the old name's translations named the old one, the city's are still true.
    const renamed = (await (await put({ name: 'Public Service Centre No. 1, Shymkent', city: 'Shymkent' })).json()) as { translations: unknown };
    expect(renamed.translations).toEqual({ kk: { city: 'Шымкент' }, ru: { city: 'Шымкент' } });
    const refused = await put({ name: 'X', translations: { kk: { name: '' } } });
    expect(refused.status).toBe(400);
  });

  it('should document every admin route in the OpenAPI document', async () => {
    const doc = (await (await server.api('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/admin/users'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(doc.paths['/api/admin/users/{id}']).toHaveProperty('put');
    expect(doc.paths['/api/admin/users/{id}/password']).toHaveProperty('post');
    expect(doc.paths['/api/admin/{kind}/{id}']).toHaveProperty('put');
    expect(doc.paths['/api/session/password']).toHaveProperty('post');
  });
});
