import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/index.js';
import { startTestServer, type TestServer } from './testServer.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('startServer', () => {
  let server: TestServer | undefined;
  afterEach(() => server?.dispose());

  it('should deploy the catalogue at start-up, log each key@version, and skip a bad model without crashing', async () => {
    server = await startTestServer({
      catalogue(dir) {
        mkdirSync(join(dir, 'PS-001'));
        copyFileSync(join(fixtures, 'passport.bpmn'), join(dir, 'PS-001', 'PS-001.bpmn'));
        copyFileSync(join(fixtures, 'broken.bpmn'), join(dir, 'broken.bpmn'));
        writeFileSync(join(dir, 'PS-001', 'standard.json'), '{}');
      },
    });
    expect(server.logs).toContainEqual(expect.objectContaining({ message: 'deployed', file: join('PS-001', 'PS-001.bpmn'), definition: 'passport_issue@1' }));
    const failed = server.logs.find((l) => l.message === 'model not deployed');
    expect(failed).toMatchObject({ level: 'error', file: 'broken.bpmn', problems: [expect.objectContaining({ elementId: 'lookup' }), expect.objectContaining({ elementId: 'review' })] });
    const list = (await (await server.api('/api/definitions', { as: 'designer' })).json()) as { key: string }[];
    expect(list.map((d) => d.key)).toEqual(['passport_issue']);
  });

  it('should let a request in flight finish before it stops, then stop at once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const slow = (engine: Engine): Engine =>
      new Proxy(engine, {
        get(target, property) {
          if (property === 'tasks') return async () => (entered(), await gate, []);
          const value: unknown = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    server = await startTestServer({ wrap: slow });
    await server.token('clerk');
    const pending = server.api('/api/tasks', { as: 'clerk' });
    await inside;
    const dispose = server.dispose();
    server = undefined;
    let stopped = false;
    void dispose.then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    const response = await pending;
    expect(response.status).toBe(200);
    // The connection that carried it is keep-alive; shutdown must not wait out its timeout (5 s).
    const answeredAt = Date.now();
    await dispose;
    expect(stopped).toBe(true);
    expect(Date.now() - answeredAt).toBeLessThan(1_000);
  });
});

describe('server/main.ts', () => {
  it('should exit 1 with a clear message on a bad environment', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: 'abc', MONGODB_URI: '', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("PORT: expected a number between 0 and 65535, got 'abc'");
  });
});

describe('server/main.ts start-up output', () => {
  const boot = (extra: Record<string, string>) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tereze-main-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, MONGODB_URI: '', DATABASE_URL: '', LOG_LEVEL: 'silent', ...extra },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => (child.kill('SIGTERM'), reject(new Error(`no start-up line in time:\n${out}`))), 60_000);
      child.stdout.on('data', () => {
        // Demo logins follow the listening line; give them a moment to arrive.
        if (out.includes('listening')) setTimeout(() => (clearTimeout(timer), child.kill('SIGTERM')), 300);
      });
      child.on('exit', () => (rmSync(dataDir, { recursive: true, force: true }), resolve(out)));
    });
  };

  it('should print the demo logins (a user per role, password demo) on a first start', async () => {
    const out = await boot({});
    expect(out).toContain('password "demo"');
    for (const role of ['designer', 'clerk', 'official', 'supervisor', 'coordinator', 'auditor', 'operator']) expect(out).toMatch(new RegExp(`${role}\\s+user ${role}`));
  }, 90_000);

  it('should print no password at all with DEMO_DATA=off', async () => {
    const out = await boot({ DEMO_DATA: 'off' });
    expect(out).toContain('listening');
    expect(out).not.toMatch(/password|demo/i);
  }, 90_000);
});

describe('server/main.ts with SQLITE_WRITER=thread', () => {
  it('should seed the demo, take an application in and stop cleanly with the writer on its own thread', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tereze-writer-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, MONGODB_URI: '', DATABASE_URL: '', LOG_LEVEL: 'silent', SQLITE_WRITER: 'thread' },
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line in time:\n${out}`)), 60_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /listening on (http:\/\/[\w.:]+)/.exec(out);
          if (found) (clearTimeout(timer), resolve(found[1]!));
        });
      });
      const login = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: 'demo' }) });
      const { token } = (await login.json()) as { token: string };
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      const started = await fetch(`${url}/api/applications`, { method: 'POST', headers, body: JSON.stringify({ serviceCode: 'CHILDCARE-BENEFIT', channel: 'centre', applicant: { name: 'Writer Thread' }, documents: [] }) });
      expect(started.status, await started.clone().text()).toBe(201);
      const { id } = (await started.json()) as { id: string };
      const file = await fetch(`${url}/api/applications/${id}`, { headers });
      expect(((await file.json()) as { variables: { channel?: string } }).variables.channel).toBe('centre');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  }, 90_000);
});
