/**
 * Record <-> row mapping: the queried columns beside the JSONB document (which node-postgres
 * parses on the way back). Jobs are columns only: their lease changes without rewriting them.
 */
import type { InstanceRecord, JobRecord, JobType, PolicyKind, PolicyRecord, TaskRecord } from '../port.js';
import { signalNamesOf } from '../shared/signalWaits.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** JSON text for a jsonb parameter (node-postgres would send an array as a postgres array). */
export const json = (value: unknown): string => JSON.stringify(value);

export function instanceParams(i: InstanceRecord): unknown[] {
  return [i.id, i.key, i.status, i.trackingNumber, i.version, i.startedAt, i.sla?.dueAt ?? null, i.sla?.warnAt ?? null, i.sla?.atRisk === true, i.sla?.overdue === true, json(i), signalNamesOf(i) ?? null];
}

export function taskParams(t: TaskRecord): unknown[] {
  return [t.id, t.instanceId, t.assignee, t.candidateGroup ?? null, t.centre ?? null, t.state, t.dueAt ?? null, t.warnAt ?? null, t.atRisk === true, t.overdue === true, t.createdAt, t.version, json(t)];
}

export function jobParams(j: JobRecord): unknown[] {
  return [j.id, j.type, j.dueAt, j.instanceId ?? null, j.tokenId ?? null, j.definitionId ?? null, j.elementId, json(j.payload), j.lockedUntil ?? null, j.lockOwner ?? null, j.attempts];
}

export interface JobRow {
  readonly id: string;
  readonly type: string;
  readonly due_at: string;
  readonly instance_id: string | null;
  readonly token_id: string | null;
  readonly definition_id: string | null;
  readonly element_id: string;
  readonly payload: Record<string, unknown>;
  readonly locked_until: string | null;
  readonly lock_owner: string | null;
  readonly attempts: number;
}

export function toJob(row: JobRow): JobRecord {
  const job: Mutable<JobRecord> = {
    id: row.id,
    type: row.type as JobType,
    dueAt: row.due_at,
    elementId: row.element_id,
    payload: row.payload,
    lockedUntil: row.locked_until,
    lockOwner: row.lock_owner,
    attempts: row.attempts,
  };
  if (row.instance_id !== null) job.instanceId = row.instance_id;
  if (row.token_id !== null) job.tokenId = row.token_id;
  if (row.definition_id !== null) job.definitionId = row.definition_id;
  return job;
}

export interface PolicyRow {
  readonly kind: string;
  readonly id: string;
  readonly version: number;
  readonly at: string;
  readonly doc: unknown;
}

export function toPolicy<T>(row: PolicyRow): PolicyRecord<T> {
  return { kind: row.kind as PolicyKind, id: row.id, version: row.version, at: row.at, doc: row.doc as T };
}
