/**
 * Collections and their indexes, following the queries (see the sqlite schema for the same set).
 * `_id` is the record's id everywhere; audit's `_id` is its seq, so seq is unique for free and
 * two writers appending the same seq conflict inside their transactions.
 *
 * The SLA sweep reads tasks and instances through partial indexes over the store-private `_sla`
 * field (see applyBatch's slaFields): only open / active documents whose warning or due moment is
 * set and not yet flagged are in them, so a sweep costs what it finds, not what is open. The flags
 * are explicit booleans there because a partial filter cannot select "absent or false".
 */
import type { Document, IndexDescription } from 'mongodb';

export const COLLECTIONS = ['definitions', 'instances', 'tasks', 'jobs', 'history', 'audit', 'notifications', 'policies', 'idempotency', 'sequences', 'attachments', 'notificationOutbox', 'messages'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

export type SlaCrossing = 'warn' | 'due';

/** The store-private field the sweep reads, and the flag that takes a document out of it. */
export const SLA_FIELDS: Readonly<Record<SlaCrossing, { readonly at: string; readonly flag: string }>> = {
  warn: { at: '_sla.warnAt', flag: '_sla.atRisk' },
  due: { at: '_sla.dueAt', flag: '_sla.overdue' },
};

const SLA_OPEN = { tasks: { state: 'open' }, instances: { status: 'active' } } as const;

/**
 * The documents a sweep index holds. The sweep query repeats this filter (adding its bound on
 * the instant), so the planner can see the query is covered by the partial index.
 */
export function slaPartialFilter(collection: keyof typeof SLA_OPEN, crossing: SlaCrossing): Document {
  const { at, flag } = SLA_FIELDS[crossing];
  return { ...SLA_OPEN[collection], [flag]: false, [at]: { $type: 'string' } };
}

export function slaIndexName(crossing: SlaCrossing): string {
  return `sla_${crossing}`;
}

function slaIndex(collection: keyof typeof SLA_OPEN, crossing: SlaCrossing): IndexDescription {
  // _id second: the sweep's order (crossing time, then id) comes from the index, so a limited
  // sweep stops after `limit` entries instead of sorting every crossing
  return { key: { [SLA_FIELDS[crossing].at]: 1, _id: 1 }, name: slaIndexName(crossing), partialFilterExpression: slaPartialFilter(collection, crossing) };
}

/**
 * One sweep scan: the crossings of one kind due by `now`, earliest first. The `hint` names the
 * partial index, so the planner never picks the broader `state_due` / `status` index (whose
 * plan reads every open task) when its statistics mislead it.
 */
export function slaCrossingFind(collection: keyof typeof SLA_OPEN, crossing: SlaCrossing, now: string, limit: number) {
  const { at } = SLA_FIELDS[crossing];
  return {
    filter: { ...slaPartialFilter(collection, crossing), [at]: { $type: 'string', $lte: now } } as Document,
    options: { sort: { [at]: 1, _id: 1 } as Document, limit, hint: slaIndexName(crossing) },
  };
}

/** The store-private applicant fields (store/shared/applicantIndex.ts, applyBatch's instanceDoc). */
export const APPLICANT_FIELDS = { iin: '_applicant.iin', terms: '_applicant.terms' } as const;

/**
 * One page of an applicant lookup: the IIN exactly, or a range of name terms ($elemMatch, so one
 * term satisfies both bounds), strictly older than the cursor, newest first. The query repeats
 * each partial index's filter, so the planner can see the index covers it; the hint names it.
 */
export function applicantLookupFind(
  key: { readonly kind: 'iin'; readonly term: string } | { readonly kind: 'name'; readonly from: string; readonly to: string },
  after: { readonly startedAt: string; readonly id: string },
  limit: number,
) {
  const field = key.kind === 'iin' ? APPLICANT_FIELDS.iin : APPLICANT_FIELDS.terms;
  const match = key.kind === 'iin' ? { $exists: true, $eq: key.term } : { $exists: true, $elemMatch: { $gte: key.from, $lt: key.to } };
  const older = { $or: [{ startedAt: { $lt: after.startedAt } }, { startedAt: after.startedAt, _id: { $lt: after.id } }] };
  return {
    filter: { [field]: match, ...older } as Document,
    options: { sort: { startedAt: -1, _id: -1 } as Document, limit, hint: key.kind === 'iin' ? 'applicant_iin' : 'applicant_name' },
  };
}

export const INDEXES: Readonly<Record<CollectionName, readonly IndexDescription[]>> = {
  definitions: [
    { key: { key: 1, version: 1 }, unique: true, name: 'key_version' },
    { key: { key: 1, hash: 1 }, unique: true, name: 'key_hash' },
  ],
  instances: [
    { key: { trackingNumber: 1 }, unique: true, name: 'trackingNumber' },
    { key: { key: 1, status: 1, startedAt: 1 }, name: 'key_status' },
    { key: { status: 1, startedAt: 1 }, name: 'status' },
    slaIndex('instances', 'warn'),
    slaIndex('instances', 'due'),
    // a signal broadcast's waiters (store/shared/signalWaits.ts), by name then id (paged)
    { key: { _signals: 1, _id: 1 }, name: 'signal_waits', partialFilterExpression: { _signals: { $exists: true } } },
    // an applicant's history by IIN, newest first from the index; a name prefix over the terms
    // (multikey), see applicantLookupFind
    { key: { [APPLICANT_FIELDS.iin]: 1, startedAt: -1, _id: -1 }, name: 'applicant_iin', partialFilterExpression: { [APPLICANT_FIELDS.iin]: { $exists: true } } },
    { key: { [APPLICANT_FIELDS.terms]: 1, startedAt: -1, _id: -1 }, name: 'applicant_name', partialFilterExpression: { [APPLICANT_FIELDS.terms]: { $exists: true } } },
  ],
  tasks: [
    // the inboxes: mine, and my group's queue, by deadline; then the sweep (partial, see above)
    { key: { assignee: 1, state: 1, dueAt: 1 }, name: 'inbox_assignee' },
    { key: { candidateGroup: 1, state: 1, dueAt: 1 }, name: 'inbox_group' },
    // a clerk's queue: their group's front-office tasks of their own centre
    { key: { candidateGroup: 1, centre: 1, state: 1, dueAt: 1 }, name: 'inbox_group_centre', partialFilterExpression: { centre: { $type: 'string' } } },
    { key: { state: 1, dueAt: 1 }, name: 'state_due' },
    { key: { instanceId: 1 }, name: 'instance' },
    slaIndex('tasks', 'warn'),
    slaIndex('tasks', 'due'),
  ],
  jobs: [
    { key: { dueAt: 1 }, name: 'due' },
    { key: { lockedUntil: 1 }, name: 'lease' },
    { key: { instanceId: 1 }, name: 'instance' },
    { key: { definitionId: 1 }, name: 'definition' },
  ],
  // `_seq`: the instance's commit-order counter (sequences.ts)
  history: [{ key: { instanceId: 1, _seq: 1 }, name: 'instance_commit_order' }],
  audit: [{ key: { subject: 1, _id: 1 }, name: 'subject' }],
  notifications: [{ key: { instanceId: 1, _seq: 1 }, name: 'instance_commit_order' }],
  // every version of each document; the latest is the highest version of (kind, id)
  policies: [{ key: { kind: 1, id: 1, version: 1 }, unique: true, name: 'kind_id_version' }],
  // (scope, key) is the unique `_id` (idempotencyKeys.ts); a TTL index drops keys past their retention
  idempotency: [{ key: { _expires: 1 }, name: 'expiry', expireAfterSeconds: 0 }],
  // one counter per (kind, instance) under its `_id`: nothing more to index
  sequences: [],
  // scans: the record and its bytes (a Binary), read by application in upload order
  attachments: [{ key: { 'record.instanceId': 1, _order: 1 }, name: 'instance_upload_order' }],
  // the delivery worker's query: pending, due, earliest first (notificationOutbox.ts)
  notificationOutbox: [{ key: { state: 1, nextAttemptAt: 1, _id: 1 }, name: 'due' }],
  // messages kept for a catch not yet entered (correlate with a ttl), found by instance and name
  messages: [
    { key: { instanceId: 1, name: 1, expiresAt: 1 }, name: 'catch' },
    // the expired ones pruned as new ones are kept (applyBatch.ts)
    { key: { expiresAt: 1 }, name: 'expiry' },
  ],
};

