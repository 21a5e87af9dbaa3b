/**
 * Collections and their indexes, following the queries (see the sqlite schema for the same set).
 * `_id` is the record's id everywhere; audit's `_id` is its seq, so seq is unique for free and
 * two writers appending the same seq conflict inside their transactions.
 */
import type { IndexDescription } from 'mongodb';

export const COLLECTIONS = ['definitions', 'instances', 'tasks', 'jobs', 'history', 'audit', 'notifications'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

export const INDEXES: Readonly<Record<CollectionName, readonly IndexDescription[]>> = {
  definitions: [
    { key: { key: 1, version: 1 }, unique: true, name: 'key_version' },
    { key: { key: 1, hash: 1 }, unique: true, name: 'key_hash' },
  ],
  instances: [
    { key: { trackingNumber: 1 }, unique: true, name: 'trackingNumber' },
    { key: { key: 1, status: 1, startedAt: 1 }, name: 'key_status' },
    { key: { status: 1, startedAt: 1 }, name: 'status' },
  ],
  tasks: [
    // the inboxes: mine, and my group's queue, by deadline; then the SLA sweep
    { key: { assignee: 1, state: 1, dueAt: 1 }, name: 'inbox_assignee' },
    { key: { candidateGroup: 1, state: 1, dueAt: 1 }, name: 'inbox_group' },
    { key: { state: 1, dueAt: 1 }, name: 'state_due' },
    { key: { instanceId: 1 }, name: 'instance' },
  ],
  jobs: [
    { key: { dueAt: 1 }, name: 'due' },
    { key: { lockedUntil: 1 }, name: 'lease' },
    { key: { instanceId: 1 }, name: 'instance' },
    { key: { definitionId: 1 }, name: 'definition' },
  ],
  history: [{ key: { instanceId: 1, v: 1, _id: 1 }, name: 'instance_order' }],
  audit: [{ key: { subject: 1, _id: 1 }, name: 'subject' }],
  notifications: [{ key: { instanceId: 1, o: 1 }, name: 'instance_order' }],
};
