/**
 * Row <-> record mapping for the tables whose records are not stored as one JSON document
 * (jobs: their lease columns change without rewriting the payload). Optional fields that are
 * NULL in a row stay absent in the record, so records round-trip without invented fields.
 */
import type { InstanceRecord, JobRecord, JobType, PolicyKind, PolicyRecord, TaskRecord } from '../port.js';

export interface JobRow {
  readonly id: string;
  readonly type: string;
  readonly due_at: string;
  readonly instance_id: string | null;
  readonly token_id: string | null;
  readonly definition_id: string | null;
  readonly element_id: string;
  readonly payload: string;
  readonly locked_until: string | null;
  readonly lock_owner: string | null;
  readonly attempts: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The positional parameters of the job INSERT, in column order. */
export type JobParams = [string, string, string, string | null, string | null, string | null, string, string, string | null, string | null, number];

export function jobParams(job: JobRecord): JobParams {
  return [
    job.id,
    job.type,
    job.dueAt,
    job.instanceId ?? null,
    job.tokenId ?? null,
    job.definitionId ?? null,
    job.elementId,
    JSON.stringify(job.payload),
    job.lockedUntil ?? null,
    job.lockOwner ?? null,
    job.attempts,
  ];
}

/** The lease fields are always present (null when free): they are the store's lease state. */
export function toJob(row: JobRow, lease?: { owner: string; lockedUntil: string }): JobRecord {
  const job: Mutable<JobRecord> = {
    id: row.id,
    type: row.type as JobType,
    dueAt: row.due_at,
    elementId: row.element_id,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    lockedUntil: lease ? lease.lockedUntil : row.locked_until,
    lockOwner: lease ? lease.owner : row.lock_owner,
    attempts: row.attempts,
  };
  if (row.instance_id !== null) job.instanceId = row.instance_id;
  if (row.token_id !== null) job.tokenId = row.token_id;
  if (row.definition_id !== null) job.definitionId = row.definition_id;
  return job;
}

/** Parses a JSON document column. */
export function parseDoc<T>(doc: string): T {
  return JSON.parse(doc) as T;
}

/** Named parameters of the instance INSERT / UPDATE: the queried columns plus the document. */
export interface InstanceRow {
  readonly id: string;
  readonly key: string;
  readonly status: string;
  readonly tracking_number: string;
  readonly version: number;
  readonly started_at: string;
  readonly due_at: string | null;
  readonly warn_at: string | null;
  readonly at_risk: number;
  readonly overdue: number;
  readonly doc: string;
}

export function instanceRow(i: InstanceRecord): InstanceRow {
  return {
    id: i.id,
    key: i.key,
    status: i.status,
    tracking_number: i.trackingNumber,
    version: i.version,
    started_at: i.startedAt,
    due_at: i.sla?.dueAt ?? null,
    warn_at: i.sla?.warnAt ?? null,
    at_risk: i.sla?.atRisk ? 1 : 0,
    overdue: i.sla?.overdue ? 1 : 0,
    doc: JSON.stringify(i),
  };
}

export interface TaskRow {
  readonly id: string;
  readonly instance_id: string;
  readonly assignee: string | null;
  readonly candidate_group: string | null;
  readonly centre: string | null;
  readonly state: string;
  readonly due_at: string | null;
  readonly warn_at: string | null;
  readonly at_risk: number;
  readonly overdue: number;
  readonly created_at: string;
  readonly version: number;
  readonly doc: string;
}

export function taskRow(t: TaskRecord): TaskRow {
  return {
    id: t.id,
    instance_id: t.instanceId,
    assignee: t.assignee,
    candidate_group: t.candidateGroup ?? null,
    centre: t.centre ?? null,
    state: t.state,
    due_at: t.dueAt ?? null,
    warn_at: t.warnAt ?? null,
    at_risk: t.atRisk ? 1 : 0,
    overdue: t.overdue ? 1 : 0,
    created_at: t.createdAt,
    version: t.version,
    doc: JSON.stringify(t),
  };
}

export interface PolicyRow {
  readonly kind: string;
  readonly id: string;
  readonly version: number;
  readonly at: string;
  readonly doc: string;
}

export function toPolicy<T>(row: PolicyRow): PolicyRecord<T> {
  return { kind: row.kind as PolicyKind, id: row.id, version: row.version, at: row.at, doc: JSON.parse(row.doc) as T };
}
