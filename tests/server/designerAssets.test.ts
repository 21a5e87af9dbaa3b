import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, sqliteStore, type Engine } from '../../engine/index.js';
import { createApp } from '../../server/app.js';

describe('the web app assets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tereze-assets-'));
  let engine: Engine;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Tereze</title>');
    writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(join(dir, '..', 'secret.txt'), 'not for you');
    engine = await createEngine({ store: sqliteStore(':memory:') });
    server = createApp({ engine, assetsDir: dir, logger: { info() {}, warn() {}, error() {}, debug() {} } as never }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(dir, '..', 'secret.txt'), { force: true });
  });

  it('should serve the page with a policy that lets its own scripts run, and cache hashed assets for good', async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Tereze</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${url}/assets/app-1234.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('should leave the API alone and never serve a file outside the build', async () => {
    const api = await fetch(`${url}/api/nothing-here`);
    expect(api.status).toBe(404); // the API's own answer, not the page
    expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
    const escape = await fetch(`${url}/..%2fsecret.txt`);
    expect(await escape.text()).not.toContain('not for you');
  });
});
