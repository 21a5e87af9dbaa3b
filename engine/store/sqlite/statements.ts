/**
 * Every fixed statement, prepared once when the store opens: commit() never prepares.
 * Queries with optional filters (findTasks, listInstances, listJobs) build their SQL from the
 * filters present and cache the prepared statement per shape, in SqliteStore.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { JobParams, JobRow } from './rows.js';

/** Written out because declaration emit cannot name better-sqlite3's namespaced Statement type. */
export interface Statements {
  readonly insertDefinition: Statement<[string, string, number, string, string]>;
  readonly getDefinition: Statement<[string], string>;
  readonly latestDefinition: Statement<[string], string>;
  readonly definitionByHash: Statement<[string, string], string>;
  readonly definitionVersions: Statement<[string], string>;
  readonly latestDefinitions: Statement<[], string>;
  readonly insertInstance: Statement<[string, string, string, string, number, string, string]>;
  readonly updateInstance: Statement<[string, number, string, string, number]>;
  readonly getInstance: Statement<[string], string>;
  readonly instanceByTracking: Statement<[string], string>;
  readonly insertTask: Statement<[string, string, string | null, string | null, string, string | null, string, number, string]>;
  readonly updateTask: Statement<[string | null, string | null, string, string | null, number, string, string, number]>;
  readonly getTask: Statement<[string], string>;
  readonly insertJob: Statement<JobParams>;
  readonly deleteJob: Statement<[string]>;
  readonly completeJob: Statement<[string, string]>;
  readonly dueJobs: Statement<[string, string, number], JobRow>;
  readonly dueJob: Statement<[string, string, string], JobRow>;
  readonly lockJob: Statement<[string, string, string]>;
  readonly releaseJob: Statement<[string, string, string, string]>;
  readonly nextFreeJob: Statement<[], string>;
  readonly nextLeasedJob: Statement<[], string>;
  readonly insertHistory: Statement<[string, string]>;
  readonly history: Statement<[string], string>;
  readonly lastAudit: Statement<[], { seq: number; hash: string }>;
  readonly insertAudit: Statement<[number, string, string, string]>;
  readonly audit: Statement<[number, number], string>;
  readonly auditBySubject: Statement<[string, number, number], string>;
  readonly insertNotification: Statement<[string, string, string]>;
  readonly notifications: Statement<[string], string>;
}

export function prepareStatements(db: Database): Statements {
  return {
    insertDefinition: db.prepare<[string, string, number, string, string]>(
      'INSERT INTO definitions (id, key, version, hash, doc) VALUES (?, ?, ?, ?, ?)',
    ),
    getDefinition: db.prepare<[string], string>('SELECT doc FROM definitions WHERE id = ?').pluck(),
    latestDefinition: db
      .prepare<[string], string>('SELECT doc FROM definitions WHERE key = ? ORDER BY version DESC LIMIT 1')
      .pluck(),
    definitionByHash: db.prepare<[string, string], string>('SELECT doc FROM definitions WHERE key = ? AND hash = ?').pluck(),
    definitionVersions: db.prepare<[string], string>('SELECT doc FROM definitions WHERE key = ? ORDER BY version').pluck(),
    latestDefinitions: db
      .prepare<[], string>(
        `SELECT doc FROM definitions d
         WHERE version = (SELECT MAX(version) FROM definitions WHERE key = d.key) ORDER BY key`,
      )
      .pluck(),

    insertInstance: db.prepare<[string, string, string, string, number, string, string]>(
      'INSERT INTO instances (id, key, status, tracking_number, version, started_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    updateInstance: db.prepare<[string, number, string, string, number]>(
      'UPDATE instances SET status = ?, version = ?, doc = ? WHERE id = ? AND version = ?',
    ),
    getInstance: db.prepare<[string], string>('SELECT doc FROM instances WHERE id = ?').pluck(),
    instanceByTracking: db.prepare<[string], string>('SELECT doc FROM instances WHERE tracking_number = ?').pluck(),

    insertTask: db.prepare<[string, string, string | null, string | null, string, string | null, string, number, string]>(
      `INSERT INTO tasks (id, instance_id, assignee, candidate_group, state, due_at, created_at, version, doc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateTask: db.prepare<[string | null, string | null, string, string | null, number, string, string, number]>(
      `UPDATE tasks SET assignee = ?, candidate_group = ?, state = ?, due_at = ?, version = ?, doc = ?
       WHERE id = ? AND version = ?`,
    ),
    getTask: db.prepare<[string], string>('SELECT doc FROM tasks WHERE id = ?').pluck(),

    insertJob: db.prepare<JobParams>(
      `INSERT INTO jobs (id, type, due_at, instance_id, token_id, definition_id, element_id, payload,
                         locked_until, lock_owner, attempts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deleteJob: db.prepare<[string]>('DELETE FROM jobs WHERE id = ?'),
    completeJob: db.prepare<[string, string]>('DELETE FROM jobs WHERE id = ? AND lock_owner = ?'),
    dueJobs: db.prepare<[string, string, number], JobRow>(
      `SELECT * FROM jobs WHERE due_at <= ? AND (locked_until IS NULL OR locked_until < ?)
       ORDER BY due_at, id LIMIT ?`,
    ),
    dueJob: db.prepare<[string, string, string], JobRow>(
      'SELECT * FROM jobs WHERE id = ? AND due_at <= ? AND (locked_until IS NULL OR locked_until < ?)',
    ),
    lockJob: db.prepare<[string, string, string]>('UPDATE jobs SET lock_owner = ?, locked_until = ? WHERE id = ?'),
    releaseJob: db.prepare<[string, string, string, string]>(
      `UPDATE jobs SET due_at = ?, last_error = ?, lock_owner = NULL, locked_until = NULL, attempts = attempts + 1
       WHERE id = ? AND lock_owner = ?`,
    ),
    nextFreeJob: db
      .prepare<[], string>('SELECT due_at FROM jobs WHERE locked_until IS NULL ORDER BY due_at LIMIT 1')
      .pluck(),
    // a leased job can be taken again once its lease has passed, not before
    nextLeasedJob: db
      .prepare<[], string>(
        'SELECT MAX(due_at, locked_until) AS t FROM jobs WHERE locked_until IS NOT NULL ORDER BY t LIMIT 1',
      )
      .pluck(),

    insertHistory: db.prepare<[string, string]>('INSERT INTO history (instance_id, doc) VALUES (?, ?)'),
    history: db.prepare<[string], string>('SELECT doc FROM history WHERE instance_id = ? ORDER BY seq').pluck(),

    lastAudit: db.prepare<[], { seq: number; hash: string }>(
      'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1',
    ),
    insertAudit: db.prepare<[number, string, string, string]>('INSERT INTO audit (seq, subject, hash, doc) VALUES (?, ?, ?, ?)'),
    audit: db.prepare<[number, number], string>('SELECT doc FROM audit WHERE seq > ? ORDER BY seq LIMIT ?').pluck(),
    auditBySubject: db
      .prepare<[string, number, number], string>('SELECT doc FROM audit WHERE subject = ? AND seq > ? ORDER BY seq LIMIT ?')
      .pluck(),

    insertNotification: db.prepare<[string, string, string]>('INSERT INTO notifications (id, instance_id, doc) VALUES (?, ?, ?)'),
    notifications: db
      .prepare<[string], string>('SELECT doc FROM notifications WHERE instance_id = ? ORDER BY rowid')
      .pluck(),
  };
}
