import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonical, chainEntry } from '../../engine/audit/index.js';
import { fixture } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from '../server/testServer.js';

/**
 * The attacker of issue 9 item 6: write access to the store file (a DB admin), no access to the
 * audit key. Every attack runs on a copy of a store the real server made and anchored.
 */
const benefit = fixture(import.meta.url, '../server/fixtures/benefit.bpmn');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const KEY = 'test-audit-key-0123456789abcdef0123456789';

interface Checkpoint { v: number; seq: number; hash: string; at: string; sig: string }
interface AuditRow { seq: number; subject: string; hash: string; doc: string }

const root = mkdtempSync(join(tmpdir(), 'tereze-security-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A store folder and its checkpoint file, as a server under AUDIT_KEY leaves them. */
interface Anchored { readonly dataDir: string; readonly checkpoints: string }

function anchoredEnv(store: Anchored, extra: Record<string, string> = {}): Record<string, string> {
  return { AUDIT_KEY: KEY, AUDIT_CHECKPOINT_FILE: store.checkpoints, ...extra };
}

let copies = 0;
/** A copy of the store file and its checkpoint file, to attack. */
function copyOf(original: Anchored): Anchored {
  const dir = join(root, `copy-${++copies}`);
  mkdirSync(join(dir, 'data'), { recursive: true });
  for (const suffix of ['', '-wal']) {
    const file = join(original.dataDir, `tereze.db${suffix}`);
    if (existsSync(file)) copyFileSync(file, join(dir, 'data', `tereze.db${suffix}`));
  }
  const checkpoints = join(dir, 'anchor', 'checkpoints.jsonl');
  mkdirSync(join(dir, 'anchor'));
  if (existsSync(original.checkpoints)) copyFileSync(original.checkpoints, checkpoints);
  return { dataDir: join(dir, 'data'), checkpoints };
}

function readCheckpoints(file: string): Checkpoint[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Checkpoint);
}

function withDb<T>(store: Anchored, fn: (db: Database.Database) => T): T {
  const db = new Database(join(store.dataDir, 'tereze.db'));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const rows = (db: Database.Database) => db.prepare<[], AuditRow>('SELECT seq, subject, hash, doc FROM audit ORDER BY seq').all();

/** GET /api/audit/verify on a server opened on the store (and its anchors). */
async function verifyOverHttp(store: Anchored): Promise<Record<string, any>> {
  const server = await startTestServer({ dataDir: store.dataDir, env: anchoredEnv(store) });
  try {
    const response = await server.api('/api/audit/verify', { as: 'auditor' });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, any>;
  } finally {
    await server.dispose();
  }
}

/** `npm run audit:verify` on the store: exit code and output. */
async function verifyCli(store: Anchored): Promise<{ code: number; stdout: string }> {
  const env = { ...process.env, DATA_DIR: store.dataDir, DEMO_DATA: 'off', ...anchoredEnv(store) };
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/auditVerify.ts'], { cwd: ROOT, env });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout + failed.stderr };
  }
}

/** Some real work through the API: a deployment, applications taken in, routing switched. */
async function work(server: TestServer, applications: number): Promise<void> {
  expect((await deploy(server, benefit)).status).toBe(201);
  for (let i = 0; i < applications; i++) {
    const started = await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'TEST-BENEFIT', channel: 'centre' }, as: 'clerk' });
    expect(started.status).toBe(201);
  }
  await server.api('/api/routing/TEST-BENEFIT', { method: 'PUT', json: { mode: 'single', reason: 'pilot' }, as: 'coordinator' });
}

describe('audit chain against a store administrator without the key', () => {
  const original: Anchored = { dataDir: join(root, 'original', 'data'), checkpoints: join(root, 'original', 'anchor', 'checkpoints.jsonl') };
  let entries = 0;

  beforeAll(async () => {
    const server = await startTestServer({ dataDir: original.dataDir, env: anchoredEnv(original) });
    await work(server, 25);
    await server.dispose();
    entries = withDb(original, (db) => rows(db).length);
  }, 60_000);

  it('should report an untouched store as intact and fully anchored', async () => {
    expect(entries).toBeGreaterThan(60);
    const report = await verifyOverHttp(copyOf(original));
    // The auditor's login is one more entry, after the checkpoint the shutdown wrote.
    expect(report).toMatchObject({ ok: true, checked: entries + 1, legacyEntries: 0, head: { seq: entries + 1 } });
    expect(report['anchoring']).toMatchObject({ configured: true, checkpoints: 1, lastCheckpoint: { seq: entries }, unanchored: 1, forged: [] });
  }, 60_000);

  it('should name the truncation when the last 40 entries are deleted', async () => {
    const store = copyOf(original);
    withDb(store, (db) => db.prepare('DELETE FROM audit WHERE seq > ?').run(entries - 40));

    const cli = await verifyCli(store);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(new RegExp(`TRUNCATED: entries ${entries - 39}\\.\\.${entries} are missing`));

    // Over HTTP the auditor's login has been appended since (one entry, at the first missing seq).
    const report = await verifyOverHttp(store);
    expect(report['ok']).toBe(false);
    expect(report['anchoring']['truncated']).toMatchObject({ checkpointSeq: entries, headSeq: entries - 39, reason: expect.stringContaining('missing') });
  }, 60_000);

  it('should name the re-chaining when an actor is edited and every later hash recomputed', async () => {
    const store = copyOf(original);
    const target = 10;
    withDb(store, (db) => {
      // The attacker knows the (public) encoding: they recompute every hash from the edit on.
      const all = rows(db);
      let prev = JSON.parse(all[target - 2]!.doc).hash as string;
      const update = db.prepare('UPDATE audit SET hash = ?, doc = ? WHERE seq = ?');
      for (const row of all.slice(target - 1)) {
        const { seq, prev: _p, hash: _h, format: _f, ...input } = JSON.parse(row.doc);
        if (seq === target) input.actor = 'someone-else';
        const entry = chainEntry(input, seq, prev);
        update.run(entry.hash, JSON.stringify(entry), seq);
        prev = entry.hash;
      }
    });

    const report = await verifyOverHttp(store);
    expect(report['ok']).toBe(false);
    expect(report['anchoring']['rechained']).toMatchObject({ seq: entries, reason: expect.stringMatching(/re-chained/) });
    expect(report['firstBroken']).toMatchObject({ seq: entries, problem: 'rechained' });
  }, 60_000);

  it('should name an entry whose indexed subject column was changed without its hashed entry', async () => {
    const store = copyOf(original);
    withDb(store, (db) => db.prepare("UPDATE audit SET subject = 'someone-elses-file' WHERE seq = 12").run());

    const report = await verifyOverHttp(store);
    expect(report).toMatchObject({ ok: false, firstBroken: { seq: 12, problem: 'column', reason: expect.stringContaining('subject') } });

    const cli = await verifyCli(store);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('audit trail BROKEN at seq 12');
  }, 60_000);

  it('should refuse a forged checkpoint line and name it', async () => {
    const store = copyOf(original);
    // Truncate, then try to anchor the shorter chain with a checkpoint signed without the key.
    const head = withDb(store, (db) => {
      db.prepare('DELETE FROM audit WHERE seq > ?').run(entries - 5);
      return rows(db).at(-1)!;
    });
    const forged = { v: 1, seq: head.seq, hash: head.hash, at: new Date().toISOString(), sig: createHmac('sha256', 'guessed-key').update('x').digest('hex') };
    appendFileSync(store.checkpoints, `${JSON.stringify(forged)}\n`);
    const line = readCheckpoints(store.checkpoints).length;

    const report = await verifyOverHttp(store);
    expect(report['ok']).toBe(false);
    expect(report['anchoring']['forged']).toEqual([{ line, reason: expect.stringContaining('signature') }]);
    expect(report['anchoring']['truncated']).toMatchObject({ checkpointSeq: entries });

    const cli = await verifyCli(store);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`forged checkpoint at line ${line}`);
  }, 60_000);

  it('should refuse a legacy (v1) entry after the first v2 entry', async () => {
    const store = copyOf(original);
    withDb(store, (db) => {
      // The last entry rewritten in the old pipe encoding, its hash recomputed as v1 would.
      const last = rows(db).at(-1)!;
      const { format: _f, hash: _h, ...entry } = JSON.parse(last.doc);
      const hash = legacyHash(entry);
      db.prepare('UPDATE audit SET hash = ?, doc = ? WHERE seq = ?').run(hash, JSON.stringify({ ...entry, hash }), last.seq);
    });
    const report = await verifyOverHttp(store);
    expect(report).toMatchObject({ ok: false, firstBroken: { seq: entries, problem: 'format', reason: expect.stringContaining('v1') } });
  }, 60_000);
});

describe('audit chain encoding', () => {
  it("should hash 'x|y' + 'z' and 'x' + 'y|z' differently", () => {
    const base = { at: '2026-03-02T04:00:00.000Z', subject: 's' };
    const a = chainEntry({ ...base, actor: 'x|y', action: 'z' }, 1, '0'.repeat(64));
    const b = chainEntry({ ...base, actor: 'x', action: 'y|z' }, 1, '0'.repeat(64));
    expect(a.hash).not.toBe(b.hash);
  });

  it('should hash the subject and mark new entries as format 2', () => {
    const base = { at: '2026-03-02T04:00:00.000Z', actor: 'a', action: 'task.complete' };
    const a = chainEntry({ ...base, subject: 't-1' }, 1, '0'.repeat(64));
    const b = chainEntry({ ...base, subject: 't-2' }, 1, '0'.repeat(64));
    expect(a.hash).not.toBe(b.hash);
    expect(a).toMatchObject({ format: 2 });
  });
});

describe('a store written before the v2 encoding', () => {
  it('should accept and count its leading run of v1 entries, then v2 entries after them', async () => {
    const store: Anchored = { dataDir: join(root, 'legacy', 'data'), checkpoints: join(root, 'legacy', 'anchor', 'checkpoints.jsonl') };
    // An empty store made by the server, then three entries as the old code wrote them.
    await (await startTestServer({ dataDir: store.dataDir, env: { ...anchoredEnv(store), DEMO_DATA: 'off' } })).dispose();
    withDb(store, (db) => {
      let prev = rows(db).at(-1)?.hash ?? '0'.repeat(64);
      const first = rows(db).length;
      expect(first).toBe(0);
      for (let seq = 1; seq <= 3; seq++) {
        const entry = { at: `2025-01-0${seq}T00:00:00.000Z`, actor: 'clerk', action: 'instance.start', subject: `i-${seq}`, seq, prev };
        const hash = legacyHash(entry);
        db.prepare('INSERT INTO audit (seq, subject, hash, doc) VALUES (?, ?, ?, ?)').run(seq, entry.subject, hash, JSON.stringify({ ...entry, hash }));
        prev = hash;
      }
    });
    const server = await startTestServer({ dataDir: store.dataDir, env: anchoredEnv(store) });
    try {
      await work(server, 1);
      const report = (await (await server.api('/api/audit/verify', { as: 'auditor' })).json()) as Record<string, any>;
      expect(report).toMatchObject({ ok: true, legacyEntries: 3 });
      expect(report['checked']).toBeGreaterThan(3);
    } finally {
      await server.dispose();
    }
  }, 60_000);
});

describe('audit checkpoints', () => {
  it('should write a signed checkpoint on schedule when the chain has grown, to the file and the log', async () => {
    const store: Anchored = { dataDir: join(root, 'schedule', 'data'), checkpoints: join(root, 'schedule', 'anchor', 'checkpoints.jsonl') };
    const server = await startTestServer({ dataDir: store.dataDir, env: anchoredEnv(store, { AUDIT_CHECKPOINT_SECONDS: '0.2' }) });
    try {
      await work(server, 2);
      const head = (await server.engine.audit({ limit: 1000 })).at(-1)!;
      const deadline = Date.now() + 5_000;
      const written = () => readCheckpoints(store.checkpoints).some((c) => c.seq === head.seq) && server.logs.some((l) => l['message'] === 'audit checkpoint' && l['seq'] === head.seq);
      while (Date.now() < deadline && !written()) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const checkpoint = readCheckpoints(store.checkpoints).find((c) => c.seq === head.seq);
      expect(checkpoint).toMatchObject({ v: 1, seq: head.seq, hash: head.hash });
      expect(checkpoint!.sig).toBe(signature(checkpoint!));
      expect(server.logs).toContainEqual(expect.objectContaining({ message: 'audit checkpoint', seq: head.seq, hash: head.hash, sig: checkpoint!.sig }));
    } finally {
      await server.dispose();
    }
  }, 60_000);

  it('should write a checkpoint of the head at a clean shutdown', async () => {
    const store: Anchored = { dataDir: join(root, 'shutdown', 'data'), checkpoints: join(root, 'shutdown', 'anchor', 'checkpoints.jsonl') };
    const server = await startTestServer({ dataDir: store.dataDir, env: anchoredEnv(store) });
    await work(server, 1);
    const head = (await server.engine.audit({ limit: 1000 })).at(-1)!;
    await server.dispose();
    const last = readCheckpoints(store.checkpoints).at(-1)!;
    expect(last).toMatchObject({ seq: head.seq, hash: head.hash });
    expect(last.sig).toBe(signature(last));
  }, 60_000);

  it('should refuse to start with a key file inside DATA_DIR', async () => {
    const dataDir = join(root, 'keyinside', 'data');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'audit.key'), KEY);
    await expect(startTestServer({ dataDir, env: { AUDIT_KEY_FILE: join(dataDir, 'audit.key') } })).rejects.toThrow(/AUDIT_KEY_FILE.*inside DATA_DIR/);
  });

  it('should refuse to start without a key on a HOST other than loopback', async () => {
    const dataDir = join(root, 'nokey', 'data');
    await expect(startTestServer({ dataDir, env: { HOST: '0.0.0.0' } })).rejects.toThrow(/no AUDIT_KEY or AUDIT_KEY_FILE.*not loopback/);
  });

  it('should generate a key beside (not inside) DATA_DIR for the local demo, with a warning, and sign with it', async () => {
    const dataDir = join(root, 'demo', 'data');
    const server = await startTestServer({ dataDir });
    await work(server, 1);
    await server.dispose();
    const keyFile = join(root, 'demo', 'data-audit', 'audit.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(server.logs).toContainEqual(expect.objectContaining({ level: 'warn', message: 'audit key generated for local use', keyFile }));
    const last = readCheckpoints(join(root, 'demo', 'data-audit', 'checkpoints.jsonl')).at(-1)!;
    const key = readFileSync(keyFile, 'utf8').trim();
    expect(last.sig).toBe(createHmac('sha256', key).update(JSON.stringify({ at: last.at, hash: last.hash, seq: last.seq, v: last.v })).digest('hex'));
  }, 60_000);
});

/** The documented checkpoint signature: HMAC-SHA256 over the canonical JSON of { at, hash, seq, v }. */
function signature(c: Checkpoint): string {
  return createHmac('sha256', KEY).update(JSON.stringify({ at: c.at, hash: c.hash, seq: c.seq, v: c.v })).digest('hex');
}

/** The encoding entries were hashed with before format 2 (kept here as the old code had it). */
function legacyHash(e: { at: string; actor: string; action: string; subject: string; data?: unknown; seq: number; prev: string }): string {
  const data = e.data === undefined ? '' : canonical(e.data);
  return createHash('sha256').update(`${e.prev}|${e.seq}|${e.at}|${e.actor}|${e.action}|${e.subject}|${data}`).digest('hex');
}
