/**
 * The order and shape of one commit's writes, checked against a recording stand-in for the
 * driver's collections (it answers each call as a fresh database would, and remembers the call).
 * It does not stand for a server: what a server decides (conflicts, snapshots) is the contract
 * suite's, run where MONGODB_URI names one.
 */
import type { ClientSession, Collection } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { expectedHash } from '../../../../engine/audit/chain.js';
import { InvalidArgumentError } from '../../../../engine/errors.js';
import type { AuditEntry, CommitBatch, TaskRecord } from '../../../../engine/store/port.js';
import type { Collections, StoredDoc } from '../../../../engine/store/mongo/applyBatch.js';
import { commitBody } from '../../../../engine/store/mongo/commitBody.js';
import { COLLECTIONS } from '../../../../engine/store/mongo/indexes.js';
import { fromStoredJson } from '../../../../engine/store/mongo/jsonRecord.js';

interface Call {
  readonly op: string;
  readonly args: unknown[];
}

function recordingCollections(counters: Record<string, number> = {}) {
  const calls: Call[] = [];
  const session = { id: 'session-1' } as unknown as ClientSession;
  const collection = (name: string) =>
    new Proxy({}, {
      get: (_, method: string) => async (...args: unknown[]) => {
        calls.push({ op: `${name}.${method}`, args });
        if (method === 'replaceOne') return { matchedCount: 1 };
        if (method === 'deleteOne') return { deletedCount: 1 };
        if (method === 'findOneAndUpdate') {
          const id = (args[0] as { _id: string })._id;
          counters[id] = (counters[id] ?? 0) + (args[1] as { $inc: { n: number } }).$inc.n;
          return { _id: id, n: counters[id] };
        }
        if (method === 'findOne') return null;
        return {};
      },
    }) as unknown as Collection<StoredDoc>;
  const c = Object.fromEntries(COLLECTIONS.map((name) => [name, collection(name)])) as unknown as Collections;
  const inserted = (name: string) => calls.filter((call) => call.op === `${name}.insertMany`).flatMap((call) => call.args[0] as StoredDoc[]);
  return { c, calls, session, inserted };
}

const task = (id: string, version = 1): TaskRecord => ({ id, instanceId: 'i1', tokenId: 't', key: 'p', elementId: 'review', trackingNumber: 'KZ-1', assignee: null, state: 'open', createdAt: '2026-01-01T00:00:00.000Z', version });
const audit = (subject: string, data?: Record<string, unknown>) => ({ at: '2026-01-01T00:00:00.000Z', actor: 'sla', action: 'task.overdue', subject, ...(data ? { data } : {}) });

describe('commitBody', () => {
  it('should claim the audit tail before any other write, even in a 500-update sweep chunk', async () => {
    const { c, calls, session } = recordingCollections();
    const taskUpdates = Array.from({ length: 500 }, (_, n) => ({ record: task(`t${n}`, 2), expectedVersion: 1 }));
    await commitBody(c, { taskUpdates, audit: [audit('t0')], idempotencyKeys: [] }, session);
    expect(calls.slice(0, 2).map((call) => call.op)).toEqual(['audit.findOne', 'audit.insertMany']);
    expect(calls).toHaveLength(502);
    for (const call of calls) expect(call.args.at(-1)).toMatchObject({ session });
  });

  it('should number history and notifications by each instance counter advanced in the commit, not by ids made before it', async () => {
    const { c, calls, session, inserted } = recordingCollections({ 'history:i1': 7 });
    const entry = (instanceId: string, elementId: string) => ({ instanceId, at: '2026-01-01T00:00:00.000Z', elementId, event: 'enter' as const });
    const batch: CommitBatch = {
      history: [entry('i1', 'a'), entry('i2', 'x'), entry('i1', 'b')],
      notifications: [{ id: 'n1', instanceId: 'i1', at: '2026-01-01T00:00:00.000Z', elementId: 'e', messageName: 'm', trackingNumber: 'KZ-1', payload: {} }],
    };
    await commitBody(c, batch, session);
    expect(inserted('history').map((d) => [d['instanceId'], d['elementId'], d['_seq']])).toEqual([['i1', 'a', 8], ['i2', 'x', 1], ['i1', 'b', 9]]);
    expect(inserted('notifications').map((d) => d['_seq'])).toEqual([1]);
    const reserved = calls.filter((call) => call.op === 'sequences.findOneAndUpdate');
    expect(reserved.map((call) => call.args[0])).toEqual([{ _id: 'history:i1' }, { _id: 'history:i2' }, { _id: 'notifications:i1' }]);
  });

  it("should keep the applicant index in the instance document (`_applicant`), folded, on insert and on every rewrite", async () => {
    const { c, calls, session, inserted } = recordingCollections();
    const record = { id: 'i1', key: 'p', definitionId: 'p:1', version: 1, status: 'active' as const, variables: {}, tokens: [], incidents: [], trackingNumber: 'KZ-1', startedAt: '2026-01-01T00:00:00.000Z', nextToken: 1, applicant: { iin: '900101300123', name: 'ӘЛІБЕКОВА Гүлнұр' } };
    await commitBody(c, { instanceInserts: [record], instanceUpdates: [{ record: { ...record, id: 'i2', trackingNumber: 'KZ-2', version: 2 }, expectedVersion: 1 }] }, session);
    const keys = { iin: '900101300123', terms: ['әлібекова гүлнұр', 'гүлнұр'] };
    expect(inserted('instances').map((d) => d['_applicant'])).toEqual([keys]);
    const replaced = calls.find((call) => call.op === 'instances.replaceOne')!.args[1] as StoredDoc;
    expect(replaced['_applicant']).toEqual(keys);
  });

  it('should refuse a job completion with no id before touching any job', async () => {
    const { c, calls, session } = recordingCollections();
    const batch = { jobCompletions: [{ id: undefined as unknown as string, owner: 'node-1' }] };
    await expect(commitBody(c, batch, session)).rejects.toThrow(InvalidArgumentError);
    await expect(commitBody(c, batch, session)).rejects.toThrow(/job completion\._id: is undefined/);
    expect(calls.filter((call) => call.op.startsWith('jobs.'))).toEqual([]);
  });

  it('should write records as JSON, keys escaped, with the sweep fields added after', async () => {
    const { c, session, inserted } = recordingCollections();
    const record = { ...task('t1'), dueAt: '2026-01-05T00:00:00.000Z', variables: { 'a.b': new Date(0), $where: NaN } } as unknown as TaskRecord;
    await commitBody(c, { taskInserts: [record] }, session);
    const [doc] = inserted('tasks');
    expect(doc).toMatchObject({ _id: 't1', _sla: { dueAt: '2026-01-05T00:00:00.000Z', atRisk: false, overdue: false } });
    expect(doc!['variables']).toEqual({ 'a%2Eb': '1970-01-01T00:00:00.000Z', '%24where': null });
    const { _id, _sla, ...back } = doc!;
    expect(fromStoredJson(back)).toEqual(JSON.parse(JSON.stringify(record)));
  });

  it('should chain audit entries over the JSON the trail reads back, so odd keys and dates still verify', async () => {
    const { c, session, inserted } = recordingCollections();
    await commitBody(c, { audit: [audit('t1', { $set: 1, 'x.y': new Date(0) })] }, session);
    const { _id, ...stored } = inserted('audit')[0]!;
    const entry = fromStoredJson<AuditEntry>(stored);
    expect(entry.data).toEqual({ $set: 1, 'x.y': '1970-01-01T00:00:00.000Z' });
    expect(entry.hash).toBe(expectedHash(entry));
    expect(_id).toBe(1);
  });
});
