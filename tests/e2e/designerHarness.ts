import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createEngine, sqliteStore, type Clock, type Engine } from '../../engine/index.js';
import { parseEnv } from '../../server/env.js';
import { startServer, type RunningServer } from '../../server/startServer.js';
import { designerBuild } from './designerBuild.js';

/** Debian's chromium; CHROMIUM_PATH names another build. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM);
/** Why the end-to-end tests skip, for the test title: never a silent pass. */
export const SKIP_REASON = `skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`;

const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS = join(REPO, 'artifacts', 'e2e');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.eot': 'application/vnd.ms-fontobject',
  '.ttf': 'font/ttf',
};

export interface DesignerHarness {
  /** The designer's address (static files, `/api` proxied to the server). */
  readonly url: string;
  readonly server: RunningServer;
  readonly browser: Browser;
  /** fetch against the API with the designer's bearer token when the server has accounts. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** A fresh page on the designer, logged in when the server asks for it. */
  openDesigner(): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * Builds the designer (once per content: ./designerBuild.ts), starts a real Tereze server on a temp store with the
 * real catalogue, serves the build with `/api` proxied to it, and launches Debian's chromium.
 */
export async function startDesignerHarness(options: { readonly clock?: Clock; /** Extra environment (SMTP_URL…). */ readonly env?: Record<string, string> } = {}): Promise<DesignerHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'tereze-e2e-'));
  const dist = await designerBuild();
  const env = parseEnv({ PORT: '0', DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent', ...options.env });
  // A clock of the test's own (a dashboard of work past its deadline): the engine opened here, on the same store.
  let engine: Engine | undefined;
  if (options.clock) {
    mkdirSync(env.DATA_DIR, { recursive: true });
    engine = await createEngine({ store: sqliteStore(join(env.DATA_DIR, 'tereze.db')), clock: options.clock });
  }
  const server = await startServer({ env, processesDir: join(REPO, 'processes'), ...(engine ? { engine } : {}) });
  const web = await serve(dist, server.url);
  const url = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  const token = await login(server.url);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  mkdirSync(ARTIFACTS, { recursive: true });

  return {
    url,
    server,
    browser,
    api: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (token) headers.set('Authorization', `Bearer ${token}`);
      return fetch(server.url + path, { ...init, headers });
    },
    async openDesigner() {
      const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      page.on('pageerror', (error) => console.error('[page error]', error.message));
      await page.goto(url);
      const loginForm = page.locator('tereze-login');
      const modeler = page.locator('tereze-modeler-page .djs-container');
      await loginForm.or(modeler).first().waitFor();
      if (await loginForm.isVisible()) {
        await loginForm.locator('input[name=username]').fill('designer');
        await loginForm.locator('input[name=password]').fill('demo');
        await loginForm.locator('button[type=submit]').click();
        await modeler.waitFor();
      }
      return page;
    },
    async screenshot(page, name) {
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async dispose() {
      await browser.close().catch(() => undefined);
      await new Promise((resolve) => web.close(resolve));
      await server.close();
      await engine?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A designer login when the server has accounts; undefined while `/api/session` is 404. */
async function login(serverUrl: string): Promise<string | undefined> {
  const response = await fetch(`${serverUrl}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'designer', password: 'demo' }),
  });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`login as designer/demo failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** The designer build as static files, with `/api/*` passed through to the server. */
export function serve(dist: string, apiUrl: string): Promise<Server> {
  const api = new URL(apiUrl);
  const web = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/api/')) {
      const upstream = request({ host: api.hostname, port: api.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
      return;
    }
    const file = normalize(join(dist, path === '/' ? 'index.html' : decodeURIComponent(path)));
    if (!file.startsWith(dist) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => web.listen(0, '127.0.0.1', () => resolve(web)));
}
