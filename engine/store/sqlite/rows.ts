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

/*
 * The instance and task statements take positional parameters, made here in the order of their
 * SQL (statements.ts): named ones, bound from an object spread with the expected version, cost
 * 3.5 µs an UPDATE against 1.4 (a task's, measured in memory); every step runs three to five.
 */

/** The instance INSERT: the queried columns, then the document. */
export type InstanceInsert = [id: string, key: string, status: string, trackingNumber: string, version: number, startedAt: string, ...sla: Sla, doc: string];
/** The instance UPDATE: what a step may change, then the row it must still be (id, expected version). */
export type InstanceUpdate = [status: string, version: number, ...sla: Sla, doc: string, id: string, expected: number];

export function instanceInsert(i: InstanceRecord): InstanceInsert {
  return [i.id, i.key, i.status, i.trackingNumber, i.version, i.startedAt, ...slaColumns(i.sla), JSON.stringify(i)];
}

export function instanceUpdate(i: InstanceRecord, expected: number): InstanceUpdate {
  return [i.status, i.version, ...slaColumns(i.sla), JSON.stringify(i), i.id, expected];
}

/** The task INSERT: the queried columns, then the document. */
export type TaskInsert = [id: string, instanceId: string, ...held: TaskHeld, createdAt: string, version: number, doc: string];
/** The task UPDATE: what a step may change, then the row it must still be (id, expected version). */
export type TaskUpdate = [...held: TaskHeld, version: number, doc: string, id: string, expected: number];
/** Where a TaskUpdate holds the task's id and its expected version. */
export const TASK_UPDATE_ID = 10;
export const TASK_UPDATE_EXPECTED = 11;

export function taskInsert(t: TaskRecord): TaskInsert {
  return [t.id, t.instanceId, ...taskHeld(t), t.createdAt, t.version, JSON.stringify(t)];
}

export function taskUpdate(t: TaskRecord, expected: number): TaskUpdate {
  return [...taskHeld(t), t.version, JSON.stringify(t), t.id, expected];
}

/** due_at, warn_at, at_risk, overdue. */
type Sla = [dueAt: string | null, warnAt: string | null, atRisk: number, overdue: number];

/** The deadline's columns of an instance's `sla` or of a task (the same four fields). */
function slaColumns(sla: { readonly dueAt?: string; readonly warnAt?: string; readonly atRisk?: boolean; readonly overdue?: boolean } | undefined): Sla {
  return [sla?.dueAt ?? null, sla?.warnAt ?? null, sla?.atRisk ? 1 : 0, sla?.overdue ? 1 : 0];
}
/** assignee, candidate_group, centre, state, then the deadline's columns. */
type TaskHeld = [assignee: string | null, candidateGroup: string | null, centre: string | null, state: string, ...sla: Sla];

function taskHeld(t: TaskRecord): TaskHeld {
  return [t.assignee, t.candidateGroup ?? null, t.centre ?? null, t.state, ...slaColumns(t)];
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
