/**
 * The body of SqliteStore.commit: runs inside one IMMEDIATE transaction, so any throw rolls
 * the whole batch back. Guards are CAS updates checked by `changes`; duplicates become
 * ConflictErrors rather than raw SQLite errors. The instance, task and history rows come made
 * (preparedBatch.ts); this binds them.
 */
import { ConflictError } from '../../errors.js';
import type { CommitBatch } from '../port.js';
import { PRUNE_PER_COMMIT, type AuditTail, chainAuditText, checkPolicyVersion, dropsPrevious, jobNotHeld, latestPublication, messageGone, staleVersion } from '../shared/batchRules.js';
import type { PreparedBatch } from './preparedBatch.js';
import { jobParams, TASK_UPDATE_EXPECTED, TASK_UPDATE_ID } from './rows.js';
import type { Statements } from './statements.js';

export function applyBatch(s: Statements, batch: PreparedBatch, auditTail: AuditTailCursor): void {
  if (batch.definitions) {
    for (const d of batch.definitions) {
      try {
        s.insertDefinition.run(d.id, d.key, d.version, d.hash, JSON.stringify(d));
      } catch (err) {
        throw duplicate(err, `definition ${d.id} (or one of key ${d.key} with the same hash) already exists`, d.id);
      }
    }
  }
  const { rows } = batch;
  for (const i of rows.instanceInserts ?? []) {
    try {
      s.insertInstance.run(...i.params);
    } catch (err) {
      throw duplicate(err, `instance ${i.id} or tracking number ${i.trackingNumber} already exists`, i.id);
    }
    for (const name of i.signals ?? []) s.insertSignalWait.run(name, i.id);
    // The applicant is part of the intake record: indexed once, here; no later step changes it.
    for (const [kind, term] of i.applicants) s.insertApplicant.run(kind, term, i.startedAt, i.id);
  }
  for (const i of rows.instanceUpdates ?? []) {
    if (s.updateInstance.run(...i.params).changes !== 1) throw staleVersion('instance', i.id, i.expectedVersion);
    s.clearSignalWaits.run(i.id);
    for (const name of i.signals ?? []) s.insertSignalWait.run(name, i.id);
  }
  for (const t of rows.taskInserts ?? []) {
    try {
      s.insertTask.run(...t);
    } catch (err) {
      throw duplicate(err, `task ${t[0]} already exists`, t[0]);
    }
  }
  for (const t of rows.taskUpdates ?? []) {
    if (s.updateTask.run(...t).changes !== 1) throw staleVersion('task', t[TASK_UPDATE_ID], t[TASK_UPDATE_EXPECTED]);
  }
  // Deletes and completions before inserts, so a step may re-arm a job under the same id.
  if (batch.jobDeletes) for (const id of batch.jobDeletes) s.deleteJob.run(id);
  if (batch.jobCompletions) {
    for (const { id, owner } of batch.jobCompletions) {
      if (s.completeJob.run(id, owner).changes !== 1) throw jobNotHeld(id, owner);
    }
  }
  if (batch.jobInserts) {
    for (const j of batch.jobInserts) {
      try {
        s.insertJob.run(...jobParams(j));
      } catch (err) {
        throw duplicate(err, `job ${j.id} already exists`, j.id);
      }
    }
  }
  for (const [instanceId, doc] of rows.history ?? []) s.insertHistory.run(instanceId, doc);
  if (rows.audit && rows.audit.length > 0) {
    const entries = chainAuditText(rows.audit, auditTail.read(s));
    for (const entry of entries) s.insertAudit.run(entry.seq, entry.subject, entry.hash, entry.doc);
    const last = entries[entries.length - 1]!;
    auditTail.moved({ seq: last.seq, hash: last.hash });
  }
  applyPolicies(s, batch);
  if (batch.notifications) {
    for (const n of batch.notifications) {
      try {
        s.insertNotification.run(n.id, n.instanceId, JSON.stringify(n));
      } catch (err) {
        throw duplicate(err, `notification ${n.id} already exists`, n.id);
      }
    }
  }
  for (const { record, content } of batch.attachments ?? []) {
    try {
      s.insertAttachment.run(record.id, record.instanceId, JSON.stringify(record), content);
    } catch (err) {
      throw duplicate(err, `attachment ${record.id} already exists`, record.id);
    }
  }
  for (const id of batch.messageConsumptions ?? []) {
    if (s.consumeMessage.run(id).changes !== 1) throw messageGone(id);
  }
  const keptAt = latestPublication(batch);
  if (keptAt) s.pruneMessages.run(keptAt, PRUNE_PER_COMMIT);
  for (const m of batch.messageInserts ?? []) {
    try {
      s.insertMessage.run(m.id, m.instanceId, m.name, m.publishedAt, m.expiresAt, JSON.stringify(m));
    } catch (err) {
      throw duplicate(err, `message ${m.id} already exists`, m.id);
    }
  }
}

/**
 * The audit chain's tail as one write transaction moves it: read from the table by the first unit
 * that appends (inside the transaction, so no other writer can append between this read and its
 * rows), then carried from unit to unit of the group instead of read again by each. Whoever
 * begins a transaction, or rolls a unit back alone, forgets it (writeTransactions.ts). Measured on
 * the national day: 7.2 reads of the tail an application, one per unit, became one per group.
 */
export class AuditTailCursor {
  private tail: AuditTail | undefined;
  private known = false;

  read(s: Statements): AuditTail | undefined {
    if (!this.known) {
      this.tail = s.lastAudit.get();
      this.known = true;
    }
    return this.tail;
  }

  moved(tail: AuditTail): void {
    this.tail = tail;
    this.known = true;
  }

  forget(): void {
    this.tail = undefined;
    this.known = false;
  }
}

function applyPolicies(s: Statements, batch: Pick<CommitBatch, 'policies'>): void {
  for (const p of batch.policies ?? []) {
    const latest = s.latestPolicyVersion.get(p.kind, p.id) ?? 0;
    checkPolicyVersion(p, latest);
    s.insertPolicy.run({ kind: p.kind, id: p.id, version: p.version, at: p.at, doc: JSON.stringify(p.doc) });
    if (dropsPrevious(p, latest)) s.deletePolicyVersion.run(p.kind, p.id, latest);
  }
}

/** A UNIQUE / PRIMARY KEY violation is a lost race or a repeated request: a ConflictError. */
function duplicate(err: unknown, message: string, subject: string): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return new ConflictError(`${message} (${(err as Error).message})`, subject);
  }
  return err;
}
