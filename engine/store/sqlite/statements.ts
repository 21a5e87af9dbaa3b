/**
 * Every fixed statement, prepared once when the store opens: commit() never prepares.
 * Queries with optional filters (findTasks, listInstances, listJobs) build their SQL from the
 * filters present and cache the prepared statement per shape, in SqliteStore.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { InstanceInsert, InstanceUpdate, JobParams, JobRow, PolicyRow, TaskInsert, TaskUpdate } from './rows.js';

export interface SlaSweepParams {
  readonly now: string;
  readonly limit: number;
}

/** Written out because declaration emit cannot name better-sqlite3's namespaced Statement type. */
export interface Statements {
  readonly insertDefinition: Statement<[string, string, number, string, string]>;
  readonly getDefinition: Statement<[string], string>;
  readonly latestDefinition: Statement<[string], string>;
  readonly definitionByHash: Statement<[string, string], string>;
  readonly definitionVersions: Statement<[string], string>;
  readonly latestDefinitions: Statement<[], string>;
  readonly definitionVersionIds: Statement<[string], string>;
  readonly latestDefinitionIds: Statement<[], string>;
  readonly insertInstance: Statement<InstanceInsert>;
  readonly updateInstance: Statement<InstanceUpdate>;
  readonly getInstance: Statement<[string], string>;
  readonly instanceByTracking: Statement<[string], string>;
  readonly insertTask: Statement<TaskInsert>;
  readonly updateTask: Statement<TaskUpdate>;
  readonly taskSlaCrossings: Statement<[SlaSweepParams], string>;
  readonly instanceSlaCrossings: Statement<[SlaSweepParams], string>;
  readonly openTaskCount: Statement<[string], number>;
  readonly insertPolicy: Statement<[PolicyRow]>;
  readonly deletePolicyVersion: Statement<[string, string, number]>;
  readonly latestPolicyVersion: Statement<[string, string], number>;
  readonly getPolicy: Statement<[string, string], PolicyRow>;
  readonly listPolicies: Statement<[string], PolicyRow>;
  readonly policyVersions: Statement<[string, string], PolicyRow>;
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
  readonly auditRows: Statement<[number, number], { seq: number; subject: string; hash: string; doc: string }>;
  readonly insertNotification: Statement<[string, string, string]>;
  readonly notifications: Statement<[string], string>;
  readonly insertAttachment: Statement<[string, string, string, Uint8Array]>;
  readonly attachments: Statement<[string], string>;
  readonly attachmentContent: Statement<[string, string], Buffer>;
  readonly insertMessage: Statement<[string, string, string, string, string, string]>;
  readonly consumeMessage: Statement<[string]>;
  readonly pruneMessages: Statement<[string, number]>;
  readonly keptMessages: Statement<[string, string, string], string>;
  readonly clearSignalWaits: Statement<[string]>;
  readonly insertSignalWait: Statement<[string, string]>;
  readonly signalWaiters: Statement<[string, string, number], string>;
  readonly insertApplicant: Statement<[string, string, string, string]>;
  readonly applicantsByIin: Statement<[ApplicantReadParams & { term: string }], string>;
  readonly applicantsByName: Statement<[ApplicantReadParams & { from: string; to: string }], string>;
}

/** A page of an applicant lookup: strictly older than (at, id), newest first. */
export interface ApplicantReadParams {
  readonly at: string;
  readonly id: string;
  readonly limit: number;
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
    definitionVersionIds: db.prepare<[string], string>('SELECT id FROM definitions WHERE key = ? ORDER BY version').pluck(),
    latestDefinitionIds: db
      .prepare<[], string>('SELECT id FROM definitions d WHERE version = (SELECT MAX(version) FROM definitions WHERE key = d.key) ORDER BY key')
      .pluck(),
    latestDefinitions: db
      .prepare<[], string>(
        `SELECT doc FROM definitions d
         WHERE version = (SELECT MAX(version) FROM definitions WHERE key = d.key) ORDER BY key`,
      )
      .pluck(),

    // positional, in the order of rows.ts#instanceInsert / #instanceUpdate
    insertInstance: db.prepare<InstanceInsert>(
      `INSERT INTO instances (id, key, status, tracking_number, version, started_at, due_at, warn_at, at_risk, overdue, doc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateInstance: db.prepare<InstanceUpdate>(
      `UPDATE instances SET status = ?, version = ?, due_at = ?, warn_at = ?, at_risk = ?, overdue = ?, doc = ?
       WHERE id = ? AND version = ?`,
    ),
    getInstance: db.prepare<[string], string>('SELECT doc FROM instances WHERE id = ?').pluck(),
    instanceByTracking: db.prepare<[string], string>('SELECT doc FROM instances WHERE tracking_number = ?').pluck(),

    // positional, in the order of rows.ts#taskInsert / #taskUpdate
    insertTask: db.prepare<TaskInsert>(
      `INSERT INTO tasks (id, instance_id, assignee, candidate_group, centre, state, due_at, warn_at, at_risk, overdue, created_at, version, doc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateTask: db.prepare<TaskUpdate>(
      `UPDATE tasks SET assignee = ?, candidate_group = ?, centre = ?, state = ?, due_at = ?, warn_at = ?, at_risk = ?, overdue = ?,
         version = ?, doc = ?
       WHERE id = ? AND version = ?`,
    ),
    // Two index range scans over partial indexes (open and not yet flagged), merged: the sweep
    // reads only the rows that crossed, however many tasks are open. A row past both moments is
    // in both scans: GROUP BY gives it once, at its earlier crossing (the bare doc column comes
    // from that row; it is the same document either way). INDEXED BY: without it the planner
    // prefers the equality on state (tasks_state_due / instances_status) and reads every open row.
    taskSlaCrossings: db
      .prepare<[SlaSweepParams], string>(
        `SELECT doc FROM (
           SELECT id, warn_at AS at, doc FROM tasks INDEXED BY tasks_sla_warn WHERE state = 'open' AND at_risk = 0 AND warn_at IS NOT NULL AND warn_at <= @now
           UNION ALL
           SELECT id, due_at AS at, doc FROM tasks INDEXED BY tasks_sla_due WHERE state = 'open' AND overdue = 0 AND due_at IS NOT NULL AND due_at <= @now
         ) GROUP BY id ORDER BY MIN(at), id LIMIT @limit`,
      )
      .pluck(),
    instanceSlaCrossings: db
      .prepare<[SlaSweepParams], string>(
        `SELECT doc FROM (
           SELECT id, warn_at AS at, doc FROM instances INDEXED BY instances_sla_warn WHERE status = 'active' AND at_risk = 0 AND warn_at IS NOT NULL AND warn_at <= @now
           UNION ALL
           SELECT id, due_at AS at, doc FROM instances INDEXED BY instances_sla_due WHERE status = 'active' AND overdue = 0 AND due_at IS NOT NULL AND due_at <= @now
         ) GROUP BY id ORDER BY MIN(at), id LIMIT @limit`,
      )
      .pluck(),
    openTaskCount: db.prepare<[string], number>("SELECT COUNT(*) FROM tasks WHERE assignee = ? AND state = 'open'").pluck(),
    insertPolicy: db.prepare<[PolicyRow]>('INSERT INTO policies (kind, id, version, at, doc) VALUES (@kind, @id, @version, @at, @doc)'),
    deletePolicyVersion: db.prepare<[string, string, number]>('DELETE FROM policies WHERE kind = ? AND id = ? AND version = ?'),
    latestPolicyVersion: db.prepare<[string, string], number>('SELECT MAX(version) FROM policies WHERE kind = ? AND id = ?').pluck(),
    getPolicy: db.prepare<[string, string], PolicyRow>('SELECT * FROM policies WHERE kind = ? AND id = ? ORDER BY version DESC LIMIT 1'),
    listPolicies: db.prepare<[string], PolicyRow>(
      'SELECT * FROM policies p WHERE kind = ? AND version = (SELECT MAX(version) FROM policies WHERE kind = p.kind AND id = p.id) ORDER BY id',
    ),
    policyVersions: db.prepare<[string, string], PolicyRow>('SELECT * FROM policies WHERE kind = ? AND id = ? ORDER BY version'),
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
    auditRows: db.prepare<[number, number], { seq: number; subject: string; hash: string; doc: string }>(
      'SELECT seq, subject, hash, doc FROM audit WHERE seq > ? ORDER BY seq LIMIT ?',
    ),
    auditBySubject: db
      .prepare<[string, number, number], string>('SELECT doc FROM audit WHERE subject = ? AND seq > ? ORDER BY seq LIMIT ?')
      .pluck(),

    insertNotification: db.prepare<[string, string, string]>('INSERT INTO notifications (id, instance_id, doc) VALUES (?, ?, ?)'),
    notifications: db
      .prepare<[string], string>('SELECT doc FROM notifications WHERE instance_id = ? ORDER BY rowid')
      .pluck(),

    insertAttachment: db.prepare<[string, string, string, Uint8Array]>('INSERT INTO attachments (id, instance_id, doc, content) VALUES (?, ?, ?, ?)'),
    attachments: db.prepare<[string], string>('SELECT doc FROM attachments WHERE instance_id = ? ORDER BY rowid').pluck(),
    attachmentContent: db.prepare<[string, string], Buffer>('SELECT content FROM attachments WHERE instance_id = ? AND id = ?').pluck(),
    insertMessage: db.prepare<[string, string, string, string, string, string]>(
      'INSERT INTO kept_messages (id, instance_id, name, published_at, expires_at, doc) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    consumeMessage: db.prepare<[string]>('DELETE FROM kept_messages WHERE id = ?'),
    pruneMessages: db.prepare<[string, number]>('DELETE FROM kept_messages WHERE rowid IN (SELECT rowid FROM kept_messages WHERE expires_at <= ? LIMIT ?)'),
    keptMessages: db
      .prepare<[string, string, string], string>('SELECT doc FROM kept_messages WHERE instance_id = ? AND name = ? AND expires_at > ? ORDER BY published_at, rowid')
      .pluck(),
    clearSignalWaits: db.prepare<[string]>('DELETE FROM signal_waits WHERE instance_id = ?'),
    insertSignalWait: db.prepare<[string, string]>('INSERT INTO signal_waits (name, instance_id) VALUES (?, ?)'),
    signalWaiters: db.prepare<[string, string, number], string>('SELECT instance_id FROM signal_waits WHERE name = ? AND instance_id > ? ORDER BY instance_id LIMIT ?').pluck(),
    insertApplicant: db.prepare<[string, string, string, string]>('INSERT INTO applicants (kind, term, started_at, instance_id) VALUES (?, ?, ?, ?)'),
    // One IIN is one range of the primary key, read backwards from the cursor: no sort.
    applicantsByIin: db
      .prepare<[ApplicantReadParams & { term: string }], string>(
        `SELECT i.doc FROM applicants a JOIN instances i ON i.id = a.instance_id
         WHERE a.kind = 'iin' AND a.term = @term AND (a.started_at, a.instance_id) < (@at, @id)
         ORDER BY a.started_at DESC, a.instance_id DESC LIMIT @limit`,
      )
      .pluck(),
    // A name prefix is a range of terms: its index entries (not the documents) are sorted by
    // age, an instance matched by two of its terms counted once; then only the page is read.
    applicantsByName: db
      .prepare<[ApplicantReadParams & { from: string; to: string }], string>(
        `SELECT i.doc FROM (
           SELECT DISTINCT started_at, instance_id FROM applicants
           WHERE kind = 'name' AND term >= @from AND term < @to AND (started_at, instance_id) < (@at, @id)
           ORDER BY started_at DESC, instance_id DESC LIMIT @limit
         ) a JOIN instances i ON i.id = a.instance_id ORDER BY a.started_at DESC, a.instance_id DESC`,
      )
      .pluck(),
  };
}
