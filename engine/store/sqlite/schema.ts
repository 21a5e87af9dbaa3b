import type Database from 'better-sqlite3';
import { applicantRows } from '../shared/applicantIndex.js';

/**
 * SQLite schema. Documents (instance state, definition graph, task, history/audit entry) are
 * stored whole as JSON text; the fields the port queries or guards on are real columns, so the
 * indexes below can serve them. Every statement is idempotent (`IF NOT EXISTS`).
 */
export const SCHEMA_SQL = `
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
  due_at TEXT,
  warn_at TEXT,
  at_risk INTEGER NOT NULL DEFAULT 0,
  overdue INTEGER NOT NULL DEFAULT 0,
  doc TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS instances_tracking_number ON instances (tracking_number);
CREATE INDEX IF NOT EXISTS instances_key_status ON instances (key, status, started_at);

CREATE TABLE IF NOT EXISTS tasks (
  id TEXT PRIMARY KEY,
  instance_id TEXT NOT NULL,
  assignee TEXT,
  candidate_group TEXT,
  state TEXT NOT NULL,
  due_at TEXT,
  warn_at TEXT,
  at_risk INTEGER NOT NULL DEFAULT 0,
  overdue INTEGER NOT NULL DEFAULT 0,
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

-- users, absences, calendars, routing policy, rotation: every version of each document
CREATE TABLE IF NOT EXISTS policies (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  at TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (kind, id, version)
);

CREATE TABLE IF NOT EXISTS notifications (
  id TEXT PRIMARY KEY,
  instance_id TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS notifications_instance ON notifications (instance_id);

-- messages kept for a catch not yet entered (correlate with a ttl); a new table, so files made
-- before it gain it here, at the next open
CREATE TABLE IF NOT EXISTS kept_messages (
  id TEXT PRIMARY KEY,
  instance_id TEXT NOT NULL,
  name TEXT NOT NULL,
  published_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS kept_messages_catch ON kept_messages (instance_id, name, expires_at);
-- expired messages are pruned as new ones are kept (applyBatch.ts)
CREATE INDEX IF NOT EXISTS kept_messages_expiry ON kept_messages (expires_at);

-- the signals each active instance waits for (store/shared/signalWaits.ts), rewritten with its
-- row: a broadcast finds its waiters by name; a new table, so older files gain it at the next open
CREATE TABLE IF NOT EXISTS signal_waits (
  name TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  PRIMARY KEY (name, instance_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS signal_waits_instance ON signal_waits (instance_id);

-- starts recorded under a caller's Idempotency-Key (idempotencyKeys.ts); a new table, so files
-- made before it gain it here, at the next open
CREATE TABLE IF NOT EXISTS idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_expiry ON idempotency_keys (expires_at);

-- scans attached to applications: the record as JSON, the bytes beside it (never in the
-- instance row); a new table, so older files gain it at the next open
CREATE TABLE IF NOT EXISTS attachments (
  id TEXT PRIMARY KEY,
  instance_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  content BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS attachments_instance ON attachments (instance_id);
`;

/** Indexes over columns that databases made before they existed gain in migrate(). */
export const SLA_INDEXES_SQL = `
-- no query reads instances by status alone (listings go by key): an index only to maintain
DROP INDEX IF EXISTS instances_status;
-- the SLA sweep: only open, not-yet-flagged rows are in these indexes
CREATE INDEX IF NOT EXISTS tasks_sla_warn ON tasks (warn_at) WHERE state = 'open' AND at_risk = 0 AND warn_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS tasks_sla_due ON tasks (due_at) WHERE state = 'open' AND overdue = 0 AND due_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS instances_sla_warn ON instances (warn_at) WHERE status = 'active' AND at_risk = 0 AND warn_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS instances_sla_due ON instances (due_at) WHERE status = 'active' AND overdue = 0 AND due_at IS NOT NULL;
-- the queues: a group's open tasks nobody holds, by deadline; a clerk's of their own centre. Only
-- those rows are in them (a task enters when it opens unassigned, leaves when it is claimed),
-- so a read takes the first 50 entries however many of the group's tasks are held: over a
-- group-wide index (candidate_group, state, due_at) it had to skip every held task, measured
-- at 5,000,000 open tasks (nine in ten held) as 1,189 reads/s with p99 86 ms. findTasks names
-- them (INDEXED BY): with no statistics the planner prefers the index with more equalities.
-- tasks_queue_centre serves centre = ? and centre IS NULL (the desk's and portal's files).
CREATE INDEX IF NOT EXISTS tasks_queue ON tasks (candidate_group, due_at) WHERE state = 'open' AND assignee IS NULL;
CREATE INDEX IF NOT EXISTS tasks_queue_centre ON tasks (candidate_group, centre, due_at) WHERE state = 'open' AND assignee IS NULL;
-- replaced by tasks_queue_centre: rewritten at every update of a front-office task, held or not
DROP INDEX IF EXISTS tasks_group_centre;
`;

/** Columns added after the first schema, for databases created before them. */
export const ADDED_COLUMNS: ReadonlyArray<readonly [table: string, column: string, definition: string]> = [
  ['tasks', 'warn_at', 'TEXT'],
  ['tasks', 'at_risk', 'INTEGER NOT NULL DEFAULT 0'],
  ['tasks', 'overdue', 'INTEGER NOT NULL DEFAULT 0'],
  ['instances', 'due_at', 'TEXT'],
  ['instances', 'warn_at', 'TEXT'],
  ['instances', 'at_risk', 'INTEGER NOT NULL DEFAULT 0'],
  ['instances', 'overdue', 'INTEGER NOT NULL DEFAULT 0'],
  ['tasks', 'centre', 'TEXT'],
];

/**
 * The applicant index (store/shared/applicantIndex.ts): the IIN (`kind = 'iin'`) and the name's
 * terms (`kind = 'name'`) of each instance's applicant, written with the instance insert. The
 * key leads with (kind, term), so an IIN is one range of the primary key, already in the order
 * a lookup answers (started_at, instance_id descending), and a name prefix is a range of terms.
 * Created by migrateApplicants, not SCHEMA_SQL: a file made before it is backfilled as it gains it.
 */
export const APPLICANTS_SQL = `
CREATE TABLE applicants (
  kind TEXT NOT NULL,
  term TEXT NOT NULL,
  started_at TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  PRIMARY KEY (kind, term, started_at, instance_id)
) WITHOUT ROWID;
`;

/** Instances read per step of the backfill (the statement is not held open while rows are written). */
const BACKFILL_PAGE = 2000;

/**
 * Creates the applicant index once, and fills it from the instances already in the file, in one
 * IMMEDIATE transaction: of two processes opening an older file together, one creates and fills
 * it, the other then finds it there. A new file creates it empty. Only `doc.applicant` is read
 * (json_extract), not each whole document.
 */
export function migrateApplicants(db: Database.Database): void {
  const exists = db.prepare<[], number>("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'applicants'").pluck();
  if (exists.get() !== undefined) return;
  db.transaction(() => {
    if (exists.get() !== undefined) return;
    db.exec(APPLICANTS_SQL);
    const page = db.prepare<[string, number], { id: string; started_at: string; applicant: string }>(
      `SELECT id, started_at, json_extract(doc, '$.applicant') AS applicant FROM instances
       WHERE id > ? AND json_type(doc, '$.applicant') = 'object' ORDER BY id LIMIT ?`,
    );
    const insert = db.prepare<[string, string, string, string]>('INSERT INTO applicants (kind, term, started_at, instance_id) VALUES (?, ?, ?, ?)');
    for (let after = '', rows = page.all(after, BACKFILL_PAGE); rows.length > 0; rows = page.all(after, BACKFILL_PAGE)) {
      for (const row of rows) {
        const applicant = JSON.parse(row.applicant) as Record<string, unknown>;
        for (const [kind, term] of applicantRows({ applicant })) insert.run(kind, term, row.started_at, row.id);
      }
      after = rows.at(-1)!.id;
    }
  }).immediate();
}
