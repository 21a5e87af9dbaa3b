import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, sqliteStore } from '../../engine/index.js';
import { isLoopbackHost } from '../../server/demo/isLoopbackHost.js';
import { EnvError, parseEnv } from '../../server/env.js';
import { startTestServer, type TestServer } from '../server/testServer.js';
import { accountsOf } from '../../server/accounts/Accounts.js';

/** A network HOST needs an audit key of its own (docs/audit-chain.md); these tests are about demo data. */
const AUDIT_KEY = 'demo-data-tests-audit-key-0123456789abcdef';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ROLES = ['designer', 'clerk', 'official', 'supervisor', 'coordinator', 'auditor', 'operator', 'admin', 'integration'];

const login = (server: TestServer, username: string) =>
  fetch(server.url + '/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });

/** A store holding the demo organisation, as a first `npm start` on loopback leaves it; the server stopped. */
async function demoStore(): Promise<{ dataDir: string; dispose: () => Promise<void> }> {
  const first = await startTestServer();
  await first.running.close();
  await first.engine.close();
  return { dataDir: join(first.dir, 'data'), dispose: () => first.dispose().catch(() => undefined) };
}

describe('isLoopbackHost', () => {
  it('should know the loopback addresses from the network ones', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.20', 'tereze.example.org', '128.0.0.1']) expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('DEMO_DATA in the environment', () => {
  it('should be auto when unset, and on or off only when said', () => {
    expect(parseEnv({}).DEMO_DATA).toBe('auto');
    expect(parseEnv({ DEMO_DATA: 'on' }).DEMO_DATA).toBe('on');
    expect(parseEnv({ DEMO_DATA: 'yes' }).DEMO_DATA).toBe('on');
    expect(parseEnv({ DEMO_DATA: 'off' }).DEMO_DATA).toBe('off');
    expect(() => parseEnv({ DEMO_DATA: 'maybe' })).toThrow("DEMO_DATA: expected auto, on or off, got 'maybe'");
  });
});

describe('demo data on a network address (issue 9, item 10)', () => {
  let server: TestServer | undefined;
  let store: { dispose: () => Promise<void> } | undefined;
  afterEach(async () => {
    await server?.dispose();
    await store?.dispose();
    server = store = undefined;
  });

  it('should create no demo organisation on HOST=0.0.0.0 unless DEMO_DATA=on, and say why in the log', async () => {
    server = await startTestServer({ env: { HOST: '0.0.0.0', AUDIT_KEY } });
    expect(server.running.demoLogins).toEqual([]);
    expect(await server.engine.directory.listUsers()).toEqual([]);
    for (const role of ['auditor', 'clerk']) expect((await login(server, role)).status, role).toBe(401);
    expect(server.logs).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/demo data off.*HOST=0\.0\.0\.0.*not a loopback address.*DEMO_DATA=on/) }));
  });

  it('should create it with DEMO_DATA=on said explicitly, and warn loudly that its password is open to the network', async () => {
    server = await startTestServer({ env: { HOST: '0.0.0.0', DEMO_DATA: 'on', AUDIT_KEY } });
    expect(server.running.demoLogins.map((l) => l.username)).toEqual(ROLES);
    expect((await login(server, 'auditor')).status).toBe(200);
    const warning = server.logs.find((l) => l.level === 'warn' && /DEMO DATA ON A NETWORK ADDRESS/.test(String(l.message)));
    expect(warning).toMatchObject({ host: '0.0.0.0', users: expect.any(Number) });
    expect(String(warning!.message)).toMatch(/DEMO_DATA=off/);
  });

  it('should refuse to start on HOST=0.0.0.0 a store whose accounts still have the demo password, naming the way out, and change nothing', async () => {
    const demo = await demoStore();
    store = demo;
    const starting = startTestServer({ env: { HOST: '0.0.0.0', AUDIT_KEY }, dataDir: demo.dataDir });
    await expect(starting).rejects.toBeInstanceOf(EnvError);
    const message = (await starting.catch((error: Error) => error)) as Error;
    expect(message.message).toMatch(/DEMO_DATA: \d+ accounts still have the demo password \([^)]*auditor[^)]*\) and HOST=0\.0\.0\.0 is not a loopback address/);
    expect(message.message).toContain('DEMO_DATA=off');
    expect(message.message).toContain('DEMO_DATA=on');
    // Nothing was removed or deactivated: the operator chooses.
    const engine = await createEngine({ store: sqliteStore(join(demo.dataDir, 'tereze.db')) });
    try {
      expect((await accountsOf(engine).demoCredentials()).length).toBeGreaterThan(ROLES.length - 1);
      expect((await engine.directory.findUser('auditor'))?.active).toBe(true);
    } finally {
      await engine.close();
    }
  });

  it('should start such a store on loopback as before, and on the network only with DEMO_DATA=on', async () => {
    const demo = await demoStore();
    store = demo;
    server = await startTestServer({ env: { HOST: '0.0.0.0', DEMO_DATA: 'on', AUDIT_KEY }, dataDir: demo.dataDir });
    expect((await login(server, 'auditor')).status).toBe(200);
    await server.dispose();
    server = await startTestServer({ dataDir: demo.dataDir });
    expect((await login(server, 'auditor')).status).toBe(200);
  });

  it('should make `npm start` exit 1 with that message rather than serve the demo password to the network', async () => {
    const demo = await demoStore();
    store = demo;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '0.0.0.0', AUDIT_KEY, DATA_DIR: demo.dataDir, MONGODB_URI: '', DEMO_DATA: '', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/DEMO_DATA: \d+ accounts still have the demo password/);
    expect(run.stdout).not.toContain('listening');
  }, 90_000);
});
