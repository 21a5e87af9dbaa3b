/**
 * The body of PostgresStore.commit, inside one READ COMMITTED transaction: guards are
 * `UPDATE … WHERE version = $expected` (a concurrent writer's update makes ours wait, then
 * match nothing), inserts use `ON CONFLICT DO NOTHING` and count rows, so a lost race is a
 * ConflictError and not an aborted transaction. The audit tail is read under a transaction
 * advisory lock, taken last (held only from then to COMMIT): every node appends to one chain.
 * Returns the ids the commit's notification names (see changeFeed.ts).
 */
import type { PoolClient } from 'pg';
import type { AuditInput, CommitBatch } from '../port.js';
import { packHistory } from '../shared/historyRows.js';
import {
  alreadyExists,
  chainAudit,
  checkNextVersion,
  checkPolicyVersion,
  dropsPrevious,
  historyByInstance,
  jobNotHeld,
  messageGone,
  keyTaken,
  latestPublication,
  PRUNE_PER_COMMIT,
  staleVersion,
  type AuditTail,
} from '../shared/batchRules.js';
import type { ChangedIds } from './changeFeed.js';
import { applyOutbox } from './notificationOutbox.js';
import { instanceParams, jobParams, json, taskParams } from './rows.js';
import { insertApplicants } from './applicants.js';

/** One key for the whole database's audit chain, whatever the node. */
export const AUDIT_LOCK_KEY = 'tereze.audit';

/**
 * The audit chain's last link, read under the audit lock at every audited commit. ORDER BY the
 * column (audit.seq), not an alias of a cast: `SELECT seq::int AS seq … ORDER BY seq` sorted by
 * the cast and read the whole table for its last row (the national day on PostgreSQL: 120,870
 * rows read per application). The bigint comes as text, made a number by the caller.
 */
export const AUDIT_TAIL_SQL = 'SELECT seq, hash FROM audit ORDER BY audit.seq DESC LIMIT 1';

const INSERT_INSTANCE = `INSERT INTO instances (id, key, status, tracking_number, version, started_at, due_at, warn_at, at_risk, overdue, doc, signals)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`;
const UPDATE_INSTANCE = `UPDATE instances SET key = $2, status = $3, tracking_number = $4, version = $5, started_at = $6, due_at = $7, warn_at = $8,
  at_risk = $9, overdue = $10, doc = $11, signals = $12 WHERE id = $1 AND version = $13`;
const INSERT_TASK = `INSERT INTO tasks (id, instance_id, assignee, candidate_group, centre, state, due_at, warn_at, at_risk, overdue, created_at, version, doc)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING`;
const UPDATE_TASK = `UPDATE tasks SET instance_id = $2, assignee = $3, candidate_group = $4, centre = $5, state = $6, due_at = $7, warn_at = $8,
  at_risk = $9, overdue = $10, created_at = $11, version = $12, doc = $13 WHERE id = $1 AND version = $14`;
const INSERT_JOB = `INSERT INTO jobs (id, type, due_at, instance_id, token_id, definition_id, element_id, payload, locked_until, lock_owner, attempts)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`;

/**
 * `deferAudit`: the caller appends the batch's audit entries itself (appendAudit), as a group
 * commit does for all its units at once at the end.
 */
export async function applyBatch(c: PoolClient, batch: CommitBatch, options: { readonly deferAudit?: boolean } = {}): Promise<ChangedIds> {
  const changed: ChangedIds = { tasksCreated: [], tasksChanged: [], instancesStarted: [], instancesChanged: [] };
  for (const record of batch.idempotencyKeys ?? []) {
    // A lapsed key may be used again; a few other lapsed ones go too (skipping any another
    // commit is pruning, so two nodes never wait on each other here).
    await c.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND expires_at <= $3', [record.scope, record.key, record.at]);
    await c.query(
      'DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at <= $1 LIMIT 100 FOR UPDATE SKIP LOCKED)',
      [record.at],
    );
    const inserted = await c.query('INSERT INTO idempotency_keys (scope, key, expires_at, doc) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
      record.scope,
      record.key,
      record.expiresAt,
      json(record),
    ]);
    if (inserted.rowCount !== 1) throw keyTaken(record.key);
  }
  for (const d of batch.definitions ?? []) {
    const r = await c.query('INSERT INTO definitions (id, key, version, hash, doc) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [d.id, d.key, d.version, d.hash, json(d)]);
    if (r.rowCount !== 1) throw alreadyExists(`definition ${d.id} (or one of key ${d.key} with the same hash)`, d.id);
  }
  for (const i of batch.instanceInserts ?? []) {
    const r = await c.query(INSERT_INSTANCE, instanceParams(i));
    if (r.rowCount !== 1) throw alreadyExists(`instance ${i.id} or tracking number ${i.trackingNumber}`, i.id);
    changed.instancesStarted.push(i.id);
  }
  // The applicant is part of the intake record: indexed once, with the insert.
  if (batch.instanceInserts?.length) await insertApplicants(c, batch.instanceInserts);
  for (const { record: i, expectedVersion } of batch.instanceUpdates ?? []) {
    checkNextVersion('instance', i.id, i.version, expectedVersion);
    const r = await c.query(UPDATE_INSTANCE, [...instanceParams(i), expectedVersion]);
    if (r.rowCount !== 1) throw staleVersion('instance', i.id, expectedVersion);
    changed.instancesChanged.push(i.id);
  }
  for (const t of batch.taskInserts ?? []) {
    const r = await c.query(INSERT_TASK, taskParams(t));
    if (r.rowCount !== 1) throw alreadyExists(`task ${t.id}`, t.id);
    changed.tasksCreated.push(t.id);
  }
  for (const { record: t, expectedVersion } of batch.taskUpdates ?? []) {
    checkNextVersion('task', t.id, t.version, expectedVersion);
    const r = await c.query(UPDATE_TASK, [...taskParams(t), expectedVersion]);
    if (r.rowCount !== 1) throw staleVersion('task', t.id, expectedVersion);
    changed.tasksChanged.push(t.id);
  }
  if (batch.jobDeletes?.length) await c.query('DELETE FROM jobs WHERE id = ANY($1::text[])', [[...batch.jobDeletes]]);
  for (const { id, owner } of batch.jobCompletions ?? []) {
    const r = await c.query('DELETE FROM jobs WHERE id = $1 AND lock_owner = $2', [id, owner]);
    if (r.rowCount !== 1) throw jobNotHeld(id, owner);
  }
  for (const j of batch.jobInserts ?? []) {
    const r = await c.query(INSERT_JOB, jobParams(j));
    if (r.rowCount !== 1) throw alreadyExists(`job ${j.id}`, j.id);
  }
  if (batch.history?.length) {
    for (const [instanceId, entries] of historyByInstance(batch.history)) {
      await c.query('INSERT INTO history (instance_id, doc) VALUES ($1, $2)', [instanceId, json(packHistory(entries))]);
    }
  }
  for (const p of batch.policies ?? []) {
    const latestRow = await c.query<{ v: number | null }>('SELECT MAX(version) AS v FROM policies WHERE kind = $1 AND id = $2', [p.kind, p.id]);
    const latest = latestRow.rows[0]?.v ?? 0;
    checkPolicyVersion(p, latest);
    const r = await c.query('INSERT INTO policies (kind, id, version, at, doc) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [p.kind, p.id, p.version, p.at, json(p.doc)]);
    // a concurrent writer of the same version committed first
    if (r.rowCount !== 1) checkPolicyVersion(p, p.version);
    if (dropsPrevious(p, latest)) await c.query('DELETE FROM policies WHERE kind = $1 AND id = $2 AND version = $3', [p.kind, p.id, latest]);
  }
  for (const n of batch.notifications ?? []) {
    const r = await c.query('INSERT INTO notifications (id, instance_id, doc) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [n.id, n.instanceId, json(n)]);
    if (r.rowCount !== 1) throw alreadyExists(`notification ${n.id}`, n.id);
  }
  for (const { record, content } of batch.attachments ?? []) {
    const r = await c.query('INSERT INTO attachments (id, instance_id, doc, content) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
      record.id,
      record.instanceId,
      json(record),
      Buffer.from(content.buffer, content.byteOffset, content.byteLength),
    ]);
    if (r.rowCount !== 1) throw alreadyExists(`attachment ${record.id}`, record.id);
  }
  await applyOutbox(c, batch);
  for (const id of batch.messageConsumptions ?? []) {
    // Row-locked by the DELETE: of two nodes consuming one message, the second finds no row.
    const r = await c.query('DELETE FROM kept_messages WHERE id = $1', [id]);
    if (r.rowCount !== 1) throw messageGone(id);
  }
  const keptAt = latestPublication(batch);
  if (keptAt) {
    // Another node pruning the same rows skips them rather than waiting.
    await c.query('DELETE FROM kept_messages WHERE ctid IN (SELECT ctid FROM kept_messages WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)', [keptAt, PRUNE_PER_COMMIT]);
  }
  for (const m of batch.messageInserts ?? []) {
    const r = await c.query('INSERT INTO kept_messages (id, instance_id, name, published_at, expires_at, doc) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING', [
      m.id,
      m.instanceId,
      m.name,
      m.publishedAt,
      m.expiresAt,
      json(m),
    ]);
    if (r.rowCount !== 1) throw alreadyExists(`message ${m.id}`, m.id);
  }
  if (!options.deferAudit) await appendAudit(c, batch.audit ?? []);
  return changed;
}

/**
 * Appends entries to the audit chain: last in a transaction, so the audit lock (one for the
 * whole database, every node) is held only from here to COMMIT; the tail read under it is the
 * latest. A group commit calls it once for all its units' entries, in their order, after their
 * savepoints: were each unit to append its own, the first audited unit would take the lock and
 * hold it through the rest of the group, and one group in the whole cluster would pass at a time
 * (measured on the national day: 0.9 / 2.8 / 4.6 sessions waiting on it with 1 / 2 / 3 nodes).
 */
export async function appendAudit(c: PoolClient, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [AUDIT_LOCK_KEY]);
  const tail = await c.query<{ seq: string; hash: string }>(AUDIT_TAIL_SQL);
  const last = tail.rows[0];
  for (const entry of chainAudit(inputs, last ? ({ seq: Number(last.seq), hash: last.hash } satisfies AuditTail) : undefined)) {
    await c.query('INSERT INTO audit (seq, subject, hash, doc) VALUES ($1, $2, $3, $4)', [entry.seq, entry.subject, entry.hash, json(entry)]);
  }
}
