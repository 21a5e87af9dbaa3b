import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../engine/errors.js';
import { sqliteStore } from '../../../engine/store/sqlite/SqliteStore.js';
import type { InstanceRecord, TaskQuery, TaskRecord } from '../../../engine/store/port.js';
import { taskQuerySql } from '../../../engine/store/sqlite/taskQuery.js';
import { prepareStatements } from '../../../engine/store/sqlite/statements.js';
import { describeStoreContract } from './storeContract.js';
import { describeOutboxContract } from './notificationOutboxContract.js';

const dir = mkdtempSync(join(tmpdir(), 'tereze-sqlite-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('sqlite :memory:', async () => sqliteStore(':memory:'));
describeStoreContract('sqlite file', async () => sqliteStore(join(dir, `contract-${++files}.db`)));
describeOutboxContract('sqlite file', async () => sqliteStore(join(dir, `outbox-${++files}.db`)));

describe('sqlite: two stores on one file', () => {
  const record = (version: number, variables: Record<string, unknown> = {}): InstanceRecord => ({
    id: 'i1', key: 'p', definitionId: 'p:1', version, status: 'active', variables, tokens: [], incidents: [],
    trackingNumber: 'TN-1', startedAt: '2026-03-20T04:00:00.000Z', nextToken: 1,
  });

  it('see each other’s commits and refuse a stale compare-and-set', async () => {
    const file = join(dir, 'shared', 'tereze.db');
    const a = sqliteStore(file);
    const b = sqliteStore(file, { synchronous: 'full' });
    await a.init();
    await b.init();
    try {
      await a.commit({ instanceInserts: [record(1)], audit: [{ at: 'x', actor: 'a', action: 'start', subject: 'i1' }] });
      expect((await b.getInstance('i1'))?.version).toBe(1);
      await b.commit({ instanceUpdates: [{ record: record(2, { by: 'b' }), expectedVersion: 1 }], audit: [{ at: 'y', actor: 'b', action: 'step', subject: 'i1' }] });
      expect((await a.getInstance('i1'))?.variables).toEqual({ by: 'b' });
      // a read version 1 before b's step: its step is refused
      await expect(a.commit({ instanceUpdates: [{ record: record(2, { by: 'a' }), expectedVersion: 1 }] })).rejects.toBeInstanceOf(ConflictError);
      expect((await b.getInstance('i1'))?.variables).toEqual({ by: 'b' });
      expect((await a.audit({})).map((e) => [e.seq, e.actor])).toEqual([[1, 'a'], [2, 'b']]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

/** The schema of databases made before the SLA columns and the policies table (commit 35b6009). */
const SCHEMA_BEFORE_SLA = `
  CREATE TABLE IF NOT EXISTS definitions (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    version INTEGER NOT NULL,
    hash TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE UNIQUE INDEX IF NOT EXISTS definitions_key_version ON definitions (key, version);
  CREATE UNIQUE INDEX IF NOT EXISTS definitions_key_hash ON definitions (key, hash);

  CREATE TABLE IF NOT EXISTS instances (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    status TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    version INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE UNIQUE INDEX IF NOT EXISTS instances_tracking_number ON instances (tracking_number);
  CREATE INDEX IF NOT EXISTS instances_key_status ON instances (key, status, started_at);
  CREATE INDEX IF NOT EXISTS instances_status ON instances (status, started_at);

  CREATE TABLE IF NOT EXISTS tasks (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    assignee TEXT,
    candidate_group TEXT,
    state TEXT NOT NULL,
    due_at TEXT,
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  -- the inboxes: mine, and my group's queue, by deadline
  CREATE INDEX IF NOT EXISTS tasks_assignee ON tasks (assignee, state, due_at);
  CREATE INDEX IF NOT EXISTS tasks_group ON tasks (candidate_group, state, due_at);
  -- the SLA sweep
  CREATE INDEX IF NOT EXISTS tasks_state_due ON tasks (state, due_at);
  CREATE INDEX IF NOT EXISTS tasks_instance ON tasks (instance_id);

  CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    due_at TEXT NOT NULL,
    instance_id TEXT,
    token_id TEXT,
    definition_id TEXT,
    element_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    locked_until TEXT,
    lock_owner TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
  );
  CREATE INDEX IF NOT EXISTS jobs_due ON jobs (due_at);
  -- only leased jobs: nextJobDue looks at them separately
  CREATE INDEX IF NOT EXISTS jobs_locked ON jobs (locked_until) WHERE locked_until IS NOT NULL;
  CREATE INDEX IF NOT EXISTS jobs_instance ON jobs (instance_id);
  CREATE INDEX IF NOT EXISTS jobs_definition ON jobs (definition_id);

  -- seq is the rowid: insertion order, which is the order the engine wrote the entries
  CREATE TABLE IF NOT EXISTS history (
    seq INTEGER PRIMARY KEY,
    instance_id TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS history_instance ON history (instance_id, seq);

  CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY,
    subject TEXT NOT NULL,
    hash TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS audit_subject ON audit (subject, seq);

  CREATE TABLE IF NOT EXISTS notifications (
    id TEXT PRIMARY KEY,
    instance_id TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS notifications_instance ON notifications (instance_id);
`;

describe('sqlite: a database made with the schema before SLA columns and policies', () => {
  const T0 = '2026-03-20T04:00:00.000Z';
  const oldInstance: InstanceRecord = {
    id: 'i-old', key: 'p', definitionId: 'p:1', version: 3, status: 'active', variables: { amount: 5 }, tokens: [], incidents: [],
    trackingNumber: 'TN-old', startedAt: T0, nextToken: 2,
  };
  const oldTask: TaskRecord = {
    id: 't-old', instanceId: 'i-old', tokenId: 't1', key: 'p', elementId: 'review', trackingNumber: 'TN-old',
    assignee: 'ann', candidateGroup: 'g', state: 'open', createdAt: T0, dueAt: '2026-03-21T04:00:00.000Z', version: 1,
  };

  it('is migrated on open: columns and sweep indexes added, existing rows still read and swept', async () => {
    const file = join(dir, 'before-sla.db');
    const raw = new Database(file);
    raw.exec(SCHEMA_BEFORE_SLA);
    raw.prepare('INSERT INTO instances (id, key, status, tracking_number, version, started_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(oldInstance.id, oldInstance.key, oldInstance.status, oldInstance.trackingNumber, oldInstance.version, oldInstance.startedAt, JSON.stringify(oldInstance));
    raw.prepare('INSERT INTO tasks (id, instance_id, assignee, candidate_group, state, due_at, created_at, version, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(oldTask.id, oldTask.instanceId, oldTask.assignee, oldTask.candidateGroup, oldTask.state, oldTask.dueAt, oldTask.createdAt, oldTask.version, JSON.stringify(oldTask));
    raw.close();

    const store = sqliteStore(file);
    await store.init();
    try {
      expect(await store.getInstance('i-old')).toStrictEqual(oldInstance);
      expect(await store.getTask('t-old')).toStrictEqual(oldTask);
      expect(await store.findTasks({ assignee: 'ann' })).toStrictEqual([oldTask]);
      expect(await store.countOpenTasks(['ann'])).toEqual({ ann: 1 });
      // the old row's due_at is swept once it passes (its flags read as not set)
      expect(await store.findSlaCrossings({ now: T0, limit: 10 })).toEqual([]);
      expect(await store.findSlaCrossings({ now: '2026-03-22T00:00:00.000Z', limit: 10 })).toStrictEqual([oldTask]);
      // new writes use the new columns and the policies table
      const next = { ...oldInstance, version: 4, sla: { warnAt: T0, dueAt: '2026-03-25T04:00:00.000Z', atRisk: false, overdue: false } };
      await store.commit({
        instanceUpdates: [{ record: next, expectedVersion: 3 }],
        policies: [{ kind: 'user', id: 'ann', version: 1, at: T0, doc: { groups: ['g'] }, keepHistory: true }],
      });
      expect(await store.findInstanceSlaCrossings({ now: T0, limit: 10 })).toStrictEqual([next]);
      expect((await store.getPolicy('user', 'ann'))?.doc).toEqual({ groups: ['g'] });
    } finally {
      await store.close();
    }
    // opening again is a no-op migration
    const again = sqliteStore(file);
    await again.init();
    await again.close();

    const db = new Database(file, { readonly: true });
    try {
      const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
      expect(columns('tasks')).toEqual(expect.arrayContaining(['due_at', 'warn_at', 'at_risk', 'overdue']));
      expect(columns('instances')).toEqual(expect.arrayContaining(['due_at', 'warn_at', 'at_risk', 'overdue']));
      expect(columns('policies')).toEqual(['kind', 'id', 'version', 'at', 'doc']);
      const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all() as string[]);
      expect(indexes).toEqual(expect.arrayContaining(['tasks_sla_warn', 'tasks_sla_due', 'instances_sla_warn', 'instances_sla_due']));
      expect(db.prepare('SELECT at_risk, overdue, warn_at FROM tasks WHERE id = ?').get('t-old')).toEqual({ at_risk: 0, overdue: 0, warn_at: null });
    } finally {
      db.close();
    }
  });
});

describe('sqlite: a database made before idempotency keys', () => {
  it('gains the table and its expiry index on open, and keeps its rows', async () => {
    const file = join(dir, 'before-idempotency.db');
    const first = sqliteStore(file);
    await first.init();
    const old: InstanceRecord = { id: 'i-old', key: 'p', definitionId: 'p:1', version: 1, status: 'active', variables: {}, tokens: [], incidents: [], trackingNumber: 'TN-old', startedAt: '2026-03-20T04:00:00.000Z', nextToken: 1 };
    await first.commit({ instanceInserts: [old] });
    await first.close();
    // The file as the schema before this table left it.
    const raw = new Database(file);
    raw.exec('DROP TABLE idempotency_keys');
    raw.close();

    const store = sqliteStore(file);
    await store.init();
    try {
      expect(await store.getInstance('i-old')).toStrictEqual(old);
      const record = { scope: 'clerk', key: 'k1', fingerprint: 'f', instanceId: 'i-new', result: { id: 'i-new' }, at: '2026-03-20T05:00:00.000Z', expiresAt: '2026-03-21T05:00:00.000Z' };
      await store.commit({ instanceInserts: [{ ...old, id: 'i-new', trackingNumber: 'TN-new' }], idempotencyKeys: [record] });
      expect(await store.getIdempotencyKey('clerk', 'k1')).toStrictEqual(record);
    } finally {
      await store.close();
    }
    const db = new Database(file, { readonly: true });
    try {
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'idempotency_keys'").pluck().all() as string[];
      expect(indexes).toContain('idempotency_keys_expiry');
    } finally {
      db.close();
    }
  });
});

describe('sqlite: the SLA sweep reads the partial indexes', () => {
  it('plans the crossing queries as searches of tasks_sla_warn / tasks_sla_due and instances_sla_*', async () => {
    const file = join(dir, 'plan.db');
    const store = sqliteStore(file);
    await store.init();
    await store.close();
    const db = new Database(file, { readonly: true });
    try {
      const s = prepareStatements(db);
      const plan = (source: string): string[] =>
        (db.prepare(`EXPLAIN QUERY PLAN ${source}`).all({ now: '2026-03-20T04:00:00.000Z', limit: 100 }) as Array<{ detail: string }>).map((r) => r.detail);
      const tasks = plan(s.taskSlaCrossings.source);
      expect(tasks.some((d) => /SEARCH tasks USING INDEX tasks_sla_warn \(warn_at/.test(d))).toBe(true);
      expect(tasks.some((d) => /SEARCH tasks USING INDEX tasks_sla_due \(due_at/.test(d))).toBe(true);
      expect(tasks.some((d) => /SCAN tasks\b/.test(d))).toBe(false);
      const instances = plan(s.instanceSlaCrossings.source);
      expect(instances.some((d) => d.includes('USING INDEX instances_sla_warn'))).toBe(true);
      expect(instances.some((d) => d.includes('USING INDEX instances_sla_due'))).toBe(true);
      expect(instances.some((d) => /SCAN instances\b/.test(d))).toBe(false);
    } finally {
      db.close();
    }
  });
});

describe('sqlite: a database made before the applicant index', () => {
  const person = (id: string, minutes: number, applicant?: Record<string, unknown>): InstanceRecord => ({
    id, key: 'p', definitionId: 'p:1', version: 1, status: 'active', variables: {}, tokens: [], incidents: [],
    trackingNumber: `TN-${id}`, startedAt: new Date(Date.parse('2026-03-20T04:00:00.000Z') + minutes * 60_000).toISOString(), nextToken: 1,
    ...(applicant ? { applicant } : {}),
  });

  it('gains the table on open and fills it from the instances already stored, once', async () => {
    const file = join(dir, 'before-applicants.db');
    const first = sqliteStore(file);
    await first.init();
    // More than one page of the backfill, some without an applicant or with an IIN that is not a string.
    const old = Array.from({ length: 4500 }, (_, n) => person(`i${String(n).padStart(5, '0')}`, n, n % 3 === 2 ? undefined : { iin: String(900000000000 + n), name: n % 2 ? `Қайрат Сәдуақас ${n}` : 'Aigerim Seitkali' }));
    await first.commit({ instanceInserts: [...old, person('odd', 9000, { iin: 900101300123, name: 42 })] });
    await first.close();
    const raw = new Database(file);
    raw.exec('DROP TABLE applicants'); // the file as the schema before this index left it
    raw.close();

    const store = sqliteStore(file);
    await store.init();
    try {
      expect((await store.findInstancesByApplicant({ iin: '900000000001', limit: 10 })).map((r) => r.id)).toEqual(['i00001']);
      expect(await store.findInstancesByApplicant({ iin: '900000000002', limit: 10 })).toEqual([]); // no applicant
      expect((await store.findInstancesByApplicant({ namePrefix: 'САДУАҚ', limit: 5000 })).length).toBe(0); // ә is not а
      expect((await store.findInstancesByApplicant({ namePrefix: 'СӘДУАҚ', limit: 5000 })).length).toBe(1500);
      expect((await store.findInstancesByApplicant({ namePrefix: 'seitkali', limit: 2 })).map((r) => r.id)).toEqual(['i04498', 'i04494']);
      expect(await store.getInstance('odd')).toStrictEqual(person('odd', 9000, { iin: 900101300123, name: 42 }));
      // new instances are indexed by their commit
      await store.commit({ instanceInserts: [person('new', 9001, { iin: '900000000001', name: 'Aigerim Seitkali' })] });
      expect((await store.findInstancesByApplicant({ iin: '900000000001', limit: 10 })).map((r) => r.id)).toEqual(['new', 'i00001']);
    } finally {
      await store.close();
    }
    // opening again finds the table and fills nothing twice
    const again = sqliteStore(file);
    await again.init();
    await again.close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare("SELECT COUNT(*) FROM applicants WHERE kind = 'iin'").pluck().get()).toBe(3001);
    } finally {
      db.close();
    }
  });
});

describe('sqlite: the applicant lookup reads the applicants key', () => {
  it('plans an IIN as a search of the primary key in its order (no sort), a name prefix as a range of it, neither as a scan of instances', async () => {
    const file = join(dir, 'applicant-plan.db');
    const store = sqliteStore(file);
    await store.init();
    await store.close();
    const db = new Database(file, { readonly: true });
    try {
      const s = prepareStatements(db);
      const plan = (source: string, params: Record<string, unknown>): string[] =>
        (db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(params) as Array<{ detail: string }>).map((r) => r.detail);
      const page = { at: '\u{10FFFF}', id: '', limit: 20 };
      const byIin = plan(s.applicantsByIin.source, { ...page, term: '900101300123' });
      expect(byIin.some((d) => /SEARCH a USING PRIMARY KEY \(kind=\? AND term=\? AND \(started_at,instance_id\)<\(\?,\?\)\)/.test(d)), byIin.join('\n')).toBe(true);
      expect(byIin.some((d) => /TEMP B-TREE/.test(d)), byIin.join('\n')).toBe(false);
      const byName = plan(s.applicantsByName.source, { ...page, from: 'aig', to: 'aig\u{10FFFF}' });
      expect(byName.some((d) => /SEARCH applicants USING PRIMARY KEY \(kind=\? AND term>\? AND term<\?\)/.test(d)), byName.join('\n')).toBe(true);
      expect([...byIin, ...byName].some((d) => /SCAN (i|instances)\b/.test(d))).toBe(false);
    } finally {
      db.close();
    }
  });
});

describe('sqlite: a group queue reads only the tasks nobody holds', () => {
  it('plans the queues through tasks_queue / tasks_queue_centre, and a task leaves them when claimed', async () => {
    const file = join(dir, 'queue-plan.db');
    const store = sqliteStore(file);
    await store.init();
    const task = (id: string, over: Partial<TaskRecord> = {}): TaskRecord => ({
      id, instanceId: 'i1', elementId: 'review', key: 'p', name: 'Review', assignee: null, candidateGroup: 'g', state: 'open',
      createdAt: '2026-03-20T04:00:00.000Z', version: 1, ...over,
    } as TaskRecord);
    await store.commit({ taskInserts: [task('free'), task('held', { assignee: 'o1' }), task('desk', { centre: 'c1' })] });
    await store.close();
    const db = new Database(file, { readonly: true });
    try {
      const plan = (query: TaskQuery): string => {
        const { sql, params } = taskQuerySql(query, 50);
        return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
      };
      expect(plan({ candidateGroup: 'g', unassigned: true })).toMatch(/SEARCH tasks USING INDEX tasks_queue \(candidate_group=\?\)/);
      expect(plan({ candidateGroup: 'g', unassigned: true, centre: 'c1' })).toMatch(/USING INDEX tasks_queue_centre \(candidate_group=\? AND centre=\?\)/);
      expect(plan({ candidateGroup: 'g', unassigned: true, noCentre: true })).toMatch(/USING INDEX tasks_queue_centre \(candidate_group=\? AND centre=\?\)/);
      // an instance's tasks through its own index, not by walking every open task of the store
      expect(plan({ instanceId: 'i1' })).toMatch(/SEARCH tasks USING INDEX tasks_instance \(instance_id=\?\)/);
      expect(plan({ instanceId: 'i1', candidateGroup: 'g', unassigned: true })).toMatch(/USING INDEX tasks_instance/);
      // held tasks are not in the queue index at all
      const inQueue = db.prepare('SELECT id FROM tasks INDEXED BY tasks_queue WHERE candidate_group = ? AND state = \'open\' AND assignee IS NULL ORDER BY id').pluck().all('g');
      expect(inQueue).toEqual(['desk', 'free']);
      const rows = (q: TaskQuery) => {
        const { sql, params } = taskQuerySql(q, 50);
        return (db.prepare(sql).pluck().all(...params) as string[]).map((doc) => (JSON.parse(doc) as TaskRecord).id).sort();
      };
      expect(rows({ candidateGroup: 'g', unassigned: true })).toEqual(['desk', 'free']);
      expect(rows({ candidateGroup: 'g', unassigned: true, centre: 'c1' })).toEqual(['desk']);
      expect(rows({ candidateGroup: 'g', unassigned: true, noCentre: true })).toEqual(['free']);
      expect(rows({ candidateGroup: 'g' })).toEqual(['desk', 'free', 'held']);
    } finally {
      db.close();
    }
  });
});
