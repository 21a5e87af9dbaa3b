import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, sqliteStore, type Engine } from '../../engine/index.js';
import type { Organisation } from '../../processes/demo/seedOrganisation.js';
import { parseEnv } from '../../server/env.js';
import { jsonLogger } from '../../server/logger.js';
import { startServer, type RunningServer } from '../../server/startServer.js';
import { TEST_ORGANISATION } from './testOrganisation.js';

export interface TestServer {
  readonly url: string;
  /** The real engine under the server (before any `wrap`). */
  readonly engine: Engine;
  readonly running: RunningServer;
  /** Everything the server logged, parsed. */
  readonly logs: Record<string, unknown>[];
  /** The temp folder: `processes/` (the catalogue) and the sqlite file live here. */
  readonly dir: string;
  /**
   * fetch against the server; a JSON `json` body is sent as application/json. `as` logs in as
   * that user (password `demo`, once per user) and sends their bearer token.
   */
  api(path: string, init?: RequestInit & { json?: unknown; as?: string }): Promise<Response>;
  /** Logs in (POST /api/session) and keeps the bearer token for `as`. */
  token(username: string, password?: string): Promise<string>;
  dispose(): Promise<void>;
}

/** An answer seen through `api()`: what the OpenAPI test checks against the document. */
export interface RecordedResponse {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** Every answer `api()` got in this test file (each file has its own module instance). */
export const recordedResponses: RecordedResponse[] = [];

export interface TestServerOptions {
  /** Stand something in for the engine the app sees (a method that throws, say). */
  readonly wrap?: (engine: Engine) => Engine;
  /** Called with the catalogue folder before the server starts. */
  readonly catalogue?: (dir: string) => void;
  /** Extra environment (DEMO_DATA=off, COOKIE_SECURE…). */
  readonly env?: Record<string, string>;
  /** The demo organisation; TEST_ORGANISATION by default (small, so start-up stays quick). */
  readonly organisation?: Organisation;
  /** Reuse this data folder (a restart on the same store). */
  readonly dataDir?: string;
}

/** A real server on port 0 over a fresh sqlite file, as `npm start` would run it. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tereze-server-'));
  const processesDir = join(dir, 'processes');
  mkdirSync(processesDir);
  options.catalogue?.(processesDir);
  const env = parseEnv({ PORT: '0', DATA_DIR: options.dataDir ?? join(dir, 'data'), LOG_LEVEL: 'debug', ...options.env });
  mkdirSync(env.DATA_DIR, { recursive: true });
  const engine = await createEngine({ store: sqliteStore(join(env.DATA_DIR, 'tereze.db')) });
  const logs: Record<string, unknown>[] = [];
  const logger = jsonLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) });
  let running: RunningServer;
  try {
    running = await startServer({
      env,
      engine: options.wrap ? options.wrap(engine) : engine,
      logger,
      processesDir,
      organisation: options.organisation ?? TEST_ORGANISATION,
    });
  } catch (error) {
    await engine.close();
    throw error;
  }
  const tokens = new Map<string, Promise<string>>();
  const server: TestServer = {
    url: running.url,
    engine,
    running,
    logs,
    dir,
    token(username, password = 'demo') {
      if (!tokens.has(username)) {
        tokens.set(
          username,
          fetch(running.url + '/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) }).then(
            async (response) => {
              if (response.status !== 200) throw new Error(`login as ${username}: ${response.status} ${await response.text()}`);
              return ((await response.json()) as { token: string }).token;
            },
          ),
        );
      }
      return tokens.get(username)!;
    },
    async api(path, init = {}) {
      const { json, as, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (as) headers.set('Authorization', `Bearer ${await server.token(as)}`);
      if (json !== undefined) headers.set('Content-Type', 'application/json');
      const response = await fetch(running.url + path, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
      const text = await response.clone().text();
      recordedResponses.push({ method: (rest.method ?? 'GET').toUpperCase(), path, status: response.status, contentType: response.headers.get('content-type') ?? '', text });
      return response;
    },
    async dispose() {
      await running.close();
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/** POSTs BPMN XML to the deploy route, as the designer. */
export function deploy(server: TestServer, xml: string, contentType = 'application/xml'): Promise<Response> {
  return server.api('/api/definitions', { method: 'POST', body: xml, headers: { 'Content-Type': contentType }, as: 'designer' });
}
