/**
 * The body of SqliteStore.commit: runs inside one IMMEDIATE transaction, so any throw rolls
 * the whole batch back. Guards are CAS updates checked by `changes`; duplicates become
 * ConflictErrors rather than raw SQLite errors.
 */
import { chainEntry, GENESIS } from '../../audit/chain.js';
import { ConflictError } from '../../errors.js';
import type { CommitBatch, HistoryEntry } from '../port.js';
import { instanceRow, jobParams, taskRow } from './rows.js';
import type { Statements } from './statements.js';

export function applyBatch(s: Statements, batch: CommitBatch): void {
  if (batch.definitions) {
    for (const d of batch.definitions) {
      try {
        s.insertDefinition.run(d.id, d.key, d.version, d.hash, JSON.stringify(d));
      } catch (err) {
        throw duplicate(err, `definition ${d.id} (or one of key ${d.key} with the same hash) already exists`, d.id);
      }
    }
  }
  if (batch.instanceInserts) {
    for (const i of batch.instanceInserts) {
      try {
        s.insertInstance.run(instanceRow(i));
      } catch (err) {
        throw duplicate(err, `instance ${i.id} or tracking number ${i.trackingNumber} already exists`, i.id);
      }
    }
  }
  if (batch.instanceUpdates) {
    for (const { record: i, expectedVersion } of batch.instanceUpdates) {
      checkNextVersion('instance', i.id, i.version, expectedVersion);
      if (s.updateInstance.run({ ...instanceRow(i), expected: expectedVersion }).changes !== 1) {
        throw new ConflictError(`instance ${i.id} is no longer at version ${expectedVersion}`, i.id);
      }
    }
  }
  if (batch.taskInserts) {
    for (const t of batch.taskInserts) {
      try {
        s.insertTask.run(taskRow(t));
      } catch (err) {
        throw duplicate(err, `task ${t.id} already exists`, t.id);
      }
    }
  }
  if (batch.taskUpdates) {
    for (const { record: t, expectedVersion } of batch.taskUpdates) {
      checkNextVersion('task', t.id, t.version, expectedVersion);
      const changes = s.updateTask.run({ ...taskRow(t), expected: expectedVersion }).changes;
      if (changes !== 1) throw new ConflictError(`task ${t.id} is no longer at version ${expectedVersion}`, t.id);
    }
  }
  // Deletes and completions before inserts, so a step may re-arm a job under the same id.
  if (batch.jobDeletes) for (const id of batch.jobDeletes) s.deleteJob.run(id);
  if (batch.jobCompletions) {
    for (const { id, owner } of batch.jobCompletions) {
      if (s.completeJob.run(id, owner).changes !== 1) throw new ConflictError(`job ${id} is no longer held by ${owner}`, id);
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
  if (batch.history && batch.history.length > 0) {
    // One row per instance and commit (a JSON array): a step writes ~10 entries, and one insert
    // instead of ten is most of the difference between 3,000 and 10,000+ steps a second.
    const byInstance = new Map<string, HistoryEntry[]>();
    for (const h of batch.history) {
      const list = byInstance.get(h.instanceId);
      if (list) list.push(h);
      else byInstance.set(h.instanceId, [h]);
    }
    for (const [instanceId, entries] of byInstance) s.insertHistory.run(instanceId, JSON.stringify(entries));
  }
  if (batch.audit && batch.audit.length > 0) {
    // Read inside the write transaction: no other writer can append between this read and ours.
    const last = s.lastAudit.get();
    let seq = last?.seq ?? 0;
    let prev = last?.hash ?? GENESIS;
    for (const input of batch.audit) {
      const entry = chainEntry(input, ++seq, prev);
      s.insertAudit.run(seq, entry.subject, entry.hash, JSON.stringify(entry));
      prev = entry.hash;
    }
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
}

function applyPolicies(s: Statements, batch: CommitBatch): void {
  for (const p of batch.policies ?? []) {
    const latest = s.latestPolicyVersion.get(p.kind, p.id) ?? 0;
    if (p.version !== latest + 1) {
      throw new ConflictError(`${p.kind} ${p.id} is at version ${latest}, not ${p.version - 1}: someone changed it meanwhile`, p.id);
    }
    s.insertPolicy.run({ kind: p.kind, id: p.id, version: p.version, at: p.at, doc: JSON.stringify(p.doc) });
    if (!p.keepHistory && latest > 0) s.deletePolicyVersion.run(p.kind, p.id, latest);
  }
}

function checkNextVersion(what: string, id: string, version: number, expected: number): void {
  // A caller bug, not a race: say so rather than store a version that breaks the next CAS.
  if (version !== expected + 1) {
    throw new Error(`${what} ${id}: record.version ${version} must be expectedVersion + 1 (${expected + 1})`);
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
