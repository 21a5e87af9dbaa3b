import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, sqliteStore, type Engine } from '../../engine/index.js';
import { parseEnv } from '../../server/env.js';
import { jsonLogger } from '../../server/logger.js';
import { startServer, type RunningServer } from '../../server/startServer.js';

export interface TestServer {
  readonly url: string;
  /** The real engine under the server (before any `wrap`). */
  readonly engine: Engine;
  /** Everything the server logged, parsed. */
  readonly logs: Record<string, unknown>[];
  /** The temp folder: `processes/` (the catalogue) and the sqlite file live here. */
  readonly dir: string;
  /** fetch against the server; a JSON `json` body is sent as application/json. */
  api(path: string, init?: RequestInit & { json?: unknown; user?: string }): Promise<Response>;
  dispose(): Promise<void>;
}

export interface TestServerOptions {
  /** Stand something in for the engine the app sees (a method that throws, say). */
  readonly wrap?: (engine: Engine) => Engine;
  /** Called with the catalogue folder before the server starts. */
  readonly catalogue?: (dir: string) => void;
}

/** A real server on port 0 over a fresh sqlite file, as `npm start` would run it. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tereze-server-'));
  const processesDir = join(dir, 'processes');
  mkdirSync(processesDir);
  options.catalogue?.(processesDir);
  const env = parseEnv({ PORT: '0', DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'debug' });
  mkdirSync(env.DATA_DIR);
  const engine = await createEngine({ store: sqliteStore(join(env.DATA_DIR, 'tereze.db')) });
  const logs: Record<string, unknown>[] = [];
  const logger = jsonLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) });
  let running: RunningServer;
  try {
    running = await startServer({ env, engine: options.wrap ? options.wrap(engine) : engine, logger, processesDir });
  } catch (error) {
    await engine.close();
    throw error;
  }
  return {
    url: running.url,
    engine,
    logs,
    dir,
    api(path, init = {}) {
      const { json, user, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (user) headers.set('X-Tereze-User', user);
      if (json !== undefined) headers.set('Content-Type', 'application/json');
      return fetch(running.url + path, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
    },
    async dispose() {
      await running.close();
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** POSTs BPMN XML to the deploy route. */
export function deploy(server: TestServer, xml: string, contentType = 'application/xml'): Promise<Response> {
  return server.api('/api/definitions', { method: 'POST', body: xml, headers: { 'Content-Type': contentType }, user: 'designer-1' });
}
