import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/harness.js';
import { deploy, startTestServer } from './testServer.js';

const benefit = fixture(import.meta.url, 'fixtures/benefit.bpmn');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** `npm run audit:verify` on a data folder: its exit code and output. */
async function auditVerify(dataDir: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/auditVerify.ts'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DEMO_DATA: 'off' } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe('audit trail tamper check', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tereze-tamper-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('should name the edited entry over HTTP and in npm run audit:verify (exit 1)', async () => {
    // Some work on a sqlite file, then the server stops.
    let server = await startTestServer({ dataDir });
    expect((await deploy(server, benefit)).status).toBe(201);
    const started = await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'TEST-BENEFIT', channel: 'centre' }, as: 'clerk' });
    const { id } = (await started.json()) as { id: string };
    await server.api('/api/routing/TEST-BENEFIT', { method: 'PUT', json: { mode: 'single', reason: 'pilot' }, as: 'coordinator' });
    expect(await (await server.api('/api/audit/verify', { as: 'auditor' })).json()).toMatchObject({ ok: true });
    await server.dispose();
    expect(await auditVerify(dataDir)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^audit trail OK: \d+ entries/) });

    // Someone edits the start of that application in the file: the clerk who took it in.
    const db = new Database(join(dataDir, 'tereze.db'));
    const row = db.prepare<[string], { seq: number; doc: string }>("SELECT seq, doc FROM audit WHERE subject = ? ORDER BY seq LIMIT 1").get(id)!;
    const doc = JSON.parse(row.doc) as { actor: string; action: string };
    expect(doc.action).toBe('instance.start');
    db.prepare('UPDATE audit SET doc = ? WHERE seq = ?').run(JSON.stringify({ ...doc, actor: 'someone-else' }), row.seq);
    db.close();

    server = await startTestServer({ dataDir });
    try {
      const report = await (await server.api('/api/audit/verify', { as: 'auditor' })).json();
      expect(report).toMatchObject({ ok: false, checked: row.seq, firstBroken: { seq: row.seq, action: 'instance.start', subject: id, reason: expect.stringContaining('edited') } });
    } finally {
      await server.dispose();
    }
    const cli = await auditVerify(dataDir);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`audit trail BROKEN at seq ${row.seq} (instance.start, subject ${id}`);
  }, 30_000);
});
