/**
 * Issue 9 item 13: a store that can no longer keep what it is given must say so, to the
 * writer (503, never a 201 for a change that is gone at restart), to the health check (503 with
 * the reason) and at start-up (the path, what is wrong, what to do; exit non-zero, no stack).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from '../server/testServer.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const passport = fixture(import.meta.url, '../server/fixtures/passport.bpmn');

interface Health {
  status: string;
  reason?: string;
}

/** Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN, as in the sandbox). */
function tmpfsAt(dir: string, options: string): boolean {
  return spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' }).status === 0;
}
const canMount = (() => {
  const probe = mkdtempSync(join(tmpdir(), 'tereze-mount-probe-'));
  const ok = tmpfsAt(probe, 'size=64k');
  if (ok) spawnSync('umount', [probe]);
  rmSync(probe, { recursive: true, force: true });
  if (!ok) process.stdout.write('storeFailures: cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN): the disk-full and read-only-mount cases are skipped\n');
  return ok;
})();

/** Root (who may run a command as nobody) and a repository nobody may read: the permission case is real. */
const canRunAsNobody = (() => {
  const ok = process.getuid?.() === 0 && spawnSync('runuser', ['-u', 'nobody', '--', 'test', '-r', join(root, 'server', 'main.ts')]).status === 0;
  if (!ok) process.stdout.write('storeFailures: cannot run as nobody here (needs root and runuser): the permission case is skipped\n');
  return ok;
})();

const startApplication = (server: TestServer) =>
  server.api('/api/applications', { method: 'POST', json: { serviceCode: 'PS-001', channel: 'centre', applicant: { name: 'Aigerim' } }, as: 'clerk' });

describe('store failures', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function serverOn(dataDir: string): Promise<TestServer> {
    const server = await startTestServer({ dataDir });
    let disposed = false;
    const dispose = server.dispose.bind(server);
    server.dispose = async () => {
      if (disposed) return;
      disposed = true;
      await dispose();
    };
    cleanups.push(() => server.dispose());
    await server.token('clerk');
    return server;
  }

  describe.each(['tereze.db', 'tereze.db-wal'])('when %s is deleted while the server runs', (file) => {
    it('should refuse writes with 503, report the loss in health, and acknowledge nothing that is gone at restart', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tereze-lost-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const server = await serverOn(dataDir);
      expect((await deploy(server, passport)).status).toBe(201);
      expect((await startApplication(server)).status).toBe(201);

      unlinkSync(join(dataDir, file));

      const acknowledged: string[] = [];
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await startApplication(server);
        statuses.push(response.status);
        if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
        else {
          expect(response.status).toBe(503);
          const body = (await response.json()) as { error: { code: string; message: string } };
          expect(body.error.code).toBe('store_unavailable');
          expect(body.error.message).toMatch(/deleted|replaced/);
        }
      }
      expect(statuses).toEqual([503, 503, 503]);

      const health = await server.api('/api/health');
      expect(health.status).toBe(503);
      const report = (await health.json()) as Health;
      expect(report.status).toBe('unavailable');
      expect(report.reason).toMatch(/deleted|replaced/);

      // Whatever was answered 201 after the deletion must still be there after a restart.
      await server.dispose();
      const again = await serverOn(dataDir);
      for (const id of acknowledged) expect(await again.engine.instance(id).catch(() => undefined), `acknowledged ${id}`).toBeDefined();
    });
  });

  it.skipIf(!canMount)('should answer 503 while the disk is full, say so in health, and work again once space frees', async () => {
    const mountPoint = mkdtempSync(join(tmpdir(), 'tereze-full-'));
    expect(tmpfsAt(mountPoint, 'size=8m')).toBe(true);
    cleanups.push(() => (spawnSync('umount', [mountPoint]), rmSync(mountPoint, { recursive: true, force: true })));
    const dataDir = join(mountPoint, 'data');
    const server = await serverOn(dataDir);
    expect((await deploy(server, passport)).status).toBe(201);
    expect((await startApplication(server)).status).toBe(201);

    const filler = join(mountPoint, 'filler');
    fillDisk(filler);

    const refused = await startApplication(server);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'store_unavailable', message: expect.stringMatching(/full/) });
    const health = await server.api('/api/health');
    expect(health.status).toBe(503);
    expect(((await health.json()) as Health).reason).toMatch(/full/);

    unlinkSync(filler);
    // Health probes the disk at most once a second: it says ok again within a few seconds.
    expect(await eventually(async () => (await server.api('/api/health')).status, 200)).toBe(200);
    const accepted = await startApplication(server);
    expect(accepted.status).toBe(201);
    const { id } = (await accepted.json()) as { id: string };
    await server.dispose();
    const again = await serverOn(dataDir);
    expect(await again.engine.instance(id)).toMatchObject({ id });
  });

  describe('at start-up', () => {
    const env = (dataDir: string) => ({ PORT: '0', DATA_DIR: dataDir, MONGODB_URI: '', LOG_LEVEL: 'silent', DEMO_DATA: 'off' });
    const boot = (dataDir: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env: { ...process.env, ...env(dataDir) }, encoding: 'utf8', timeout: 60_000 });
    /** Root ignores permissions: the server runs as `nobody` to meet a folder it may not write. */
    const bootAsNobody = (dataDir: string) =>
      spawnSync('runuser', ['-u', 'nobody', '--', 'env', ...Object.entries({ ...env(dataDir), HOME: tmpdir(), PATH: process.env['PATH'] ?? '' }).map(([k, v]) => `${k}=${v}`), process.execPath, '--import', 'tsx', 'server/main.ts'], {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
      });

    const expectClearRefusal = (run: ReturnType<typeof boot>, path: string, problem: RegExp) => {
      expect(run.status, run.stderr).not.toBe(0);
      expect(run.status).not.toBeNull(); // exited, not killed by the timeout
      expect(run.stderr).toContain(path);
      expect(run.stderr).toMatch(problem);
      expect(run.stderr).toMatch(/DATA_DIR/); // what to do
      expect(run.stderr).not.toMatch(/^\s+at /m); // no stack trace
      expect(run.stdout).not.toContain('listening');
    };

    it('should name a DATA_DIR under a regular file and exit non-zero without a stack trace', () => {
      const dir = mkdtempSync(join(tmpdir(), 'tereze-notdir-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      writeFileSync(join(dir, 'file'), 'not a folder');
      const dataDir = join(dir, 'file', 'data');
      expectClearRefusal(boot(dataDir), dataDir, /not a folder/);
    }, 90_000);

    it.skipIf(!canMount)('should name a read-only DATA_DIR and exit non-zero without a stack trace', () => {
      const mountPoint = mkdtempSync(join(tmpdir(), 'tereze-ro-'));
      expect(tmpfsAt(mountPoint, 'size=64k,ro')).toBe(true);
      cleanups.push(() => (spawnSync('umount', [mountPoint]), rmSync(mountPoint, { recursive: true, force: true })));
      expectClearRefusal(boot(mountPoint), mountPoint, /read-only/);
    }, 90_000);

    it.skipIf(!canRunAsNobody)('should name a DATA_DIR the server\'s user may not write (run as nobody)', () => {
      const dir = mkdtempSync(join(tmpdir(), 'tereze-forbidden-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      chmodSync(dir, 0o755); // root's, readable by all, writable by root only
      const dataDir = join(dir, 'data');
      expectClearRefusal(bootAsNobody(dataDir), dataDir, /may not write/);
    }, 90_000);

    it.skipIf(!canMount)('should name a read-only parent of a missing DATA_DIR', () => {
      const mountPoint = mkdtempSync(join(tmpdir(), 'tereze-ro-'));
      expect(tmpfsAt(mountPoint, 'size=64k,ro')).toBe(true);
      cleanups.push(() => (spawnSync('umount', [mountPoint]), rmSync(mountPoint, { recursive: true, force: true })));
      const dataDir = join(mountPoint, 'data');
      expectClearRefusal(boot(dataDir), dataDir, /read-only/);
    }, 90_000);
  });
});

async function eventually<T>(read: () => Promise<T>, wanted: T, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (value !== wanted && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/** Writes until the file system says ENOSPC: the disk is then really full. */
function fillDisk(path: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  // The last partial block: a byte at a time until nothing fits.
  try {
    for (;;) writeSync(fd, chunk, 0, 1);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}
