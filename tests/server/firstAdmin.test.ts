import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrganisation } from '../../processes/demo/seedOrganisation.js';
import { startTestServer, type TestServer } from './testServer.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const GOOD = 'Steppe-wind-over-Astana';

/** Runs a tsx script of the repository on a data folder, as `npm run …` would. */
function run(script: string, dataDir: string, args: string[] = [], options: { input?: string; env?: Record<string, string> } = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, MONGODB_URI: '', LOG_LEVEL: 'silent', ADMIN_USERNAME: '', ADMIN_PASSWORD: '', ...options.env },
    encoding: 'utf8',
    timeout: 90_000,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
}

const login = (server: TestServer, username: string, password: string) =>
  fetch(server.url + '/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });

describe('an installation without demo data: npm run admin:create', () => {
  let dir: string | undefined;
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('should refuse a weak password and a bad name, creating nobody; then create the administrator, who logs in to the admin routes', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tereze-admin-create-'));
    const dataDir = join(dir, 'data');
    const weak = run('server/adminCreate.ts', dataDir, ['--username', 'ops-admin', '--password', 'password1234']);
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('admin:create: password refused: the password is on the list of common passwords');
    const named = run('server/adminCreate.ts', dataDir, ['--username', 'ops admin', '--password', GOOD]);
    expect(named.status).toBe(1);
    expect(named.stderr).toMatch(/user name "ops admin"/);
    const made = run('server/adminCreate.ts', dataDir, ['--name', 'Operations'], { env: { ADMIN_USERNAME: 'ops-admin', ADMIN_PASSWORD: GOOD } });
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('administrator ops-admin created');
    const again = run('server/adminCreate.ts', dataDir, ['--username', 'ops-admin', '--password', GOOD]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('a user "ops-admin" exists already');

    server = await startTestServer({ dataDir, env: { DEMO_DATA: 'off' } });
    expect(await server.engine.directory.listUsers()).toEqual([{ id: 'ops-admin', name: 'Operations', roles: ['admin'], groups: [], active: true }]);
    const entry = await login(server, 'ops-admin', GOOD);
    expect(entry.status).toBe(200);
    // They chose the password: no forced change.
    expect(await entry.json()).toMatchObject({ mustChangePassword: false });
    const token = ((await (await login(server, 'ops-admin', GOOD)).json()) as { token: string }).token;
    expect((await fetch(server.url + '/api/admin/users', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await server.engine.audit({ subject: 'user:ops-admin' })).map((e) => [e.action, e.actor])).toEqual([['user.put', 'admin:create']]);
    expect((await server.engine.audit({ subject: 'credential:ops-admin' })).map((e) => [e.action, e.actor])).toEqual([['credential.set', 'admin:create']]);
  }, 120_000);

  it('should ask for the name and the password (twice) when none is given, and refuse two different passwords', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tereze-admin-create-'));
    const dataDir = join(dir, 'data');
    const differ = run('server/adminCreate.ts', dataDir, [], { input: `first-admin\n${GOOD}\n${GOOD}x\n` });
    expect(differ.status).toBe(1);
    expect(differ.stderr).toContain('the two passwords differ');
    const asked = run('server/adminCreate.ts', dataDir, [], { input: `first-admin\n${GOOD}\n${GOOD}\n` });
    expect(asked.status).toBe(0);
    expect(asked.stdout).toContain('Password (at least 12 characters): ');
    expect(asked.stdout).not.toContain(GOOD);
    server = await startTestServer({ dataDir, env: { DEMO_DATA: 'off' } });
    expect((await login(server, 'first-admin', GOOD)).status).toBe(200);
  }, 120_000);
});

describe('npm run seed:demo on a fresh DATA_DIR, then npm start', () => {
  let dir: string | undefined;
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('should leave the demo users able to log in (the seed made them without passwords)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tereze-seed-start-'));
    const dataDir = join(dir, 'data');
    const seeded = run('processes/demo/seedDemo.ts', dataDir, [], { env: { DEMO_APPLICATIONS: '2' } });
    expect(seeded.status, seeded.stderr).toBe(0);
    server = await startTestServer({ dataDir, organisation: loadOrganisation() });
    for (const username of ['clerk', 'official', 'supervisor', 'auditor', 'admin']) expect((await login(server, username, 'demo')).status, username).toBe(200);
    expect(server.running.demoLogins.map((l) => l.role)).toContain('admin');
    // The seeded official's inbox is there to see.
    expect((await server.api('/api/tasks', { as: 'clerk' })).status).toBe(200);
  }, 120_000);
});
