/**
 * A batch as the sqlite store applies it: its instance, task and history rows already made —
 * the columns and the documents as JSON text — when the batch reaches `commit`, on the thread
 * that stepped it; the rest of the batch as it came.
 *
 * Why made there: with the writer on its own thread (writerThread.ts) each unit crosses to it by
 * structured clone, and a record cloned as objects costs more than its JSON text, which crosses
 * as one string; the thread then stringified the documents anyway. Measured on 1,424 units
 * recorded from a national day, a unit's clone to the thread and out (postMessage, then
 * receiveMessageOnPort) took 21.4 µs as objects plus about 8 µs of the thread's JSON, against
 * 8.1 µs to make the rows here and 12.7 µs to clone them. Made here, each document is written
 * once, and what crosses is mostly strings. The writer on the event loop applies the
 * same rows, so both writers share one path.
 */
import { auditText, type AuditText } from '../../audit/chain.js';
import type { CommitBatch } from '../port.js';
import { applicantRows } from '../shared/applicantIndex.js';
import { checkNextVersion, historyByInstance } from '../shared/batchRules.js';
import { packHistory } from '../shared/historyRows.js';
import { signalNamesOf } from '../shared/signalWaits.js';
import { instanceInsert, instanceUpdate, taskInsert, taskUpdate, type InstanceInsert, type InstanceUpdate, type TaskInsert, type TaskUpdate } from './rows.js';

/** The fields of a batch that become rows here. */
type RowFields = 'instanceInserts' | 'instanceUpdates' | 'taskInserts' | 'taskUpdates' | 'history' | 'audit';
const ROW_FIELDS: ReadonlySet<string> = new Set<RowFields>(['instanceInserts', 'instanceUpdates', 'taskInserts', 'taskUpdates', 'history', 'audit']);

export interface PreparedBatch extends Omit<CommitBatch, RowFields> {
  readonly rows: PreparedRows;
}

export interface PreparedRows {
  readonly instanceInserts?: readonly InstanceInsertRow[];
  readonly instanceUpdates?: readonly InstanceUpdateRow[];
  readonly taskInserts?: readonly TaskInsert[];
  readonly taskUpdates?: readonly TaskUpdate[];
  /** One row per instance of the batch: its id and its entries packed as JSON (historyRows.ts). */
  readonly history?: readonly (readonly [instanceId: string, doc: string])[];
  /** The audit entries' canonical text, chained in the transaction after the stored tail (chain.ts#chainText). */
  readonly audit?: readonly AuditText[];
}

export interface InstanceInsertRow {
  readonly params: InstanceInsert;
  readonly id: string;
  readonly trackingNumber: string;
  readonly startedAt: string;
  /** The signals it waits for (signal_waits), undefined when none. */
  readonly signals: readonly string[] | undefined;
  /** Its applicant's index terms (the applicants table). */
  readonly applicants: readonly (readonly [kind: string, term: string])[];
}

export interface InstanceUpdateRow {
  readonly params: InstanceUpdate;
  readonly id: string;
  readonly expectedVersion: number;
  readonly signals: readonly string[] | undefined;
}

/**
 * Makes a batch's rows. Throws, before the batch joins a group or anything is written, for a
 * caller's bug: an update whose version is not its expected version + 1, or a record that cannot
 * be written as JSON (the error names it).
 */
export function prepareBatch(batch: CommitBatch): PreparedBatch {
  const rows: { -readonly [K in keyof PreparedRows]: PreparedRows[K] } = {};
  if (batch.instanceInserts?.length) {
    rows.instanceInserts = batch.instanceInserts.map((i) => ({ params: written('instance', i.id, () => instanceInsert(i)), id: i.id, trackingNumber: i.trackingNumber, startedAt: i.startedAt, signals: signalNamesOf(i), applicants: applicantRows(i) }));
  }
  if (batch.instanceUpdates?.length) {
    rows.instanceUpdates = batch.instanceUpdates.map(({ record: i, expectedVersion }) => {
      checkNextVersion('instance', i.id, i.version, expectedVersion);
      return { params: written('instance', i.id, () => instanceUpdate(i, expectedVersion)), id: i.id, expectedVersion, signals: signalNamesOf(i) };
    });
  }
  if (batch.taskInserts?.length) rows.taskInserts = batch.taskInserts.map((t) => written('task', t.id, () => taskInsert(t)));
  if (batch.taskUpdates?.length) {
    rows.taskUpdates = batch.taskUpdates.map(({ record: t, expectedVersion }) => {
      checkNextVersion('task', t.id, t.version, expectedVersion);
      return written('task', t.id, () => taskUpdate(t, expectedVersion));
    });
  }
  // One row per instance and commit (a JSON array): a step writes ~10 entries, and one insert
  // instead of ten is most of the difference between 3,000 and 10,000+ steps a second.
  if (batch.history?.length) {
    rows.history = Array.from(historyByInstance(batch.history), ([instanceId, entries]) => [instanceId, written('the history of instance', instanceId, () => JSON.stringify(packHistory(entries)))] as const);
  }
  if (batch.audit?.length) rows.audit = batch.audit.map((entry) => written('the audit entry of', entry.subject, () => auditText(entry)));
  // The other fields as they are, whatever fields CommitBatch gains (copied key by key, not
  // spread: withChanges.ts).
  const prepared: Record<string, unknown> = { rows };
  for (const key in batch) if (!ROW_FIELDS.has(key)) prepared[key] = batch[key as keyof CommitBatch];
  return prepared as unknown as PreparedBatch;
}

/** A row made, or an error that names the record whose document cannot be written as JSON. */
function written<T>(what: string, id: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    throw new Error(`${what} ${id} cannot be stored: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
