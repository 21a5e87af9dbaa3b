/**
 * The server as `npm start` runs it with DATABASE_URL set: the PostgreSQL store (a database of
 * its own on the test cluster), a login, one application started and found again by another
 * node on the same database. Skipped with the reason where no PostgreSQL can start.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/harness.js';
import { postgresSkip, postgresUrl } from '../support/postgresTestStore.js';
import { parseEnv } from '../../server/env.js';
import { jsonLogger } from '../../server/logger.js';
import { startServer, type RunningServer } from '../../server/startServer.js';
import { TEST_ORGANISATION } from './testOrganisation.js';

const passport = fixture(import.meta.url, 'fixtures/passport.bpmn');

describe.skipIf(postgresSkip !== undefined)(`server on the PostgreSQL store${postgresSkip ? ` (skipped: ${postgresSkip})` : ''}`, () => {
  const database = `tereze_server_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  let dir: string;
  const nodes: RunningServer[] = [];
  let databaseUrl: string;

  const admin = async <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };

  /** One node: its own DATA_DIR (the audit key), the shared database. */
  const startNode = async (name: string): Promise<RunningServer> => {
    const processesDir = join(dir, name, 'processes');
    mkdirSync(processesDir, { recursive: true });
    const env = parseEnv({ PORT: '0', DATA_DIR: join(dir, 'data'), DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
    const node = await startServer({ env, logger: jsonLogger({ level: 'silent' }), processesDir, organisation: TEST_ORGANISATION });
    nodes.push(node);
    return node;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tereze-pgserver-'));
    await admin((c) => c.query(`CREATE DATABASE ${database}`));
    const url = new URL(postgresUrl!);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
  });

  afterAll(async () => {
    for (const node of nodes.splice(0)) await node.close();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    rmSync(dir, { recursive: true, force: true });
  });

  it('should log a clerk in, start an application, and show it on a second node of the same database', async () => {
    const a = await startNode('a');
    const health = await fetch(`${a.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'postgres' });
    const login = async (url: string, username: string): Promise<string> => {
      const response = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
      expect(response.status).toBe(200);
      return ((await response.json()) as { token: string }).token;
    };
    const designer = await login(a.url, 'designer');
    const deployed = await fetch(`${a.url}/api/definitions`, { method: 'POST', headers: { 'Content-Type': 'application/xml', Authorization: `Bearer ${designer}` }, body: passport });
    expect(deployed.status).toBe(201);

    const clerk = await login(a.url, 'clerk');
    const started = await fetch(`${a.url}/api/applications`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${clerk}` },
      body: JSON.stringify({ serviceCode: 'PS-001', channel: 'centre', applicant: { name: 'Aigerim' }, documents: ['passport-old', 'photo'] }),
    });
    expect(started.status).toBe(201);
    const { id } = (await started.json()) as { id: string };

    // another node on the database: the clerk's session and the application are there too
    const b = await startNode('b');
    const view = await fetch(`${b.url}/api/applications/${id}`, { headers: { Authorization: `Bearer ${clerk}` } });
    expect(view.status).toBe(200);
    expect(await view.json()).toMatchObject({ id, key: 'passport_issue', state: 'active', channel: 'centre' });
  });
});
