import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, sqliteStore, type Engine } from '../../engine/index.js';
import { createApp } from '../../server/app.js';
import { mapError } from '../../server/errors.js';

const quiet = { info() {}, warn() {}, error() {}, debug() {} } as never;

/** Bad input is the caller's fault: a 4xx in the contract's error shape, never a 500. */
describe('bad input at the edge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tereze-badinput-'));
  const assets = join(dir, 'dist');
  let engine: Engine;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    mkdirSync(join(assets, 'assets'), { recursive: true });
    writeFileSync(join(assets, 'index.html'), '<!doctype html><title>Tereze</title>');
    writeFileSync(join(dir, 'package.json'), '{"name":"not-for-you"}');
    engine = await createEngine({ store: sqliteStore(':memory:') });
    server = createApp({ engine, assetsDir: assets, logger: quiet }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function errorOf(response: Response): Promise<{ code: string; message: string }> {
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    return body.error;
  }

  function login(body: Uint8Array, encoding: string): Promise<Response> {
    return fetch(`${url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Encoding': encoding }, body });
  }

  describe('a compressed body that does not decompress', () => {
    for (const encoding of ['gzip', 'deflate']) {
      it(`should answer 400 naming the ${encoding} encoding, not 500`, async () => {
        const response = await login(new TextEncoder().encode('this is not compressed at all'), encoding);
        expect(response.status).toBe(400);
        const error = await errorOf(response);
        expect(error.code).toBe('bad_request');
        expect(error.message).toContain(encoding);
      });
    }

    it('should answer 400 to a gzip stream cut short', async () => {
      const whole = gzipSync(JSON.stringify({ username: 'clerk', password: 'demo' }));
      const response = await login(whole.subarray(0, whole.length - 8), 'gzip');
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('bad_request');
    });

    it('should still read a body that is compressed properly', async () => {
      // No such user here: 401 proves the body was inflated and parsed.
      const response = await login(deflateSync(JSON.stringify({ username: 'nobody', password: 'x' })), 'deflate');
      expect(response.status).toBe(401);
    });
  });

  describe('a static path the file server cannot take', () => {
    for (const path of ['/..%2f..%2fpackage.json', '/..%2fpackage.json', '/index.html%00', '/%00', '/assets/%E0%A4%A']) {
      it(`should answer 4xx in the error shape to ${path}, and serve nothing from outside the build`, async () => {
        const response = await fetch(url + path);
        const text = await response.text();
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(text).not.toContain('not-for-you');
        expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      });
    }

    it('should still serve the page', async () => {
      const response = await fetch(`${url}/index.html`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>Tereze</title>');
    });
  });
});

describe('mapError, given an http error some middleware threw on purpose', () => {
  it('should keep its 4xx status and word it itself, not answer 500', () => {
    const thrown = Object.assign(new Error('Range "bytes=9-1" of /srv/secret'), { status: 416, expose: true });
    expect(mapError(thrown)).toEqual({ status: 416, body: { error: { code: 'range_not_satisfiable', message: 'the request was refused: Range Not Satisfiable' } } });
  });

  it('should still treat an unexposed error with a status as internal', () => {
    expect(mapError(Object.assign(new Error('db down'), { status: 400, expose: false })).status).toBe(500);
  });
});
