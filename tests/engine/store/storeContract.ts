/**
 * The store contract: every adapter runs this same suite. A fresh, initialised store per test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findBrokenLink, GENESIS } from '../../../engine/audit/chain.js';
import { ConflictError } from '../../../engine/errors.js';
import type { ProcessGraph } from '../../../engine/model/types.js';
import type {
  AttachmentWrite,
  DefinitionRecord,
  IdempotencyRecord,
  InstanceRecord,
  JobRecord,
  MessageRecord,
  NotificationRecord,
  PolicyWrite,
  Store,
  TaskRecord,
} from '../../../engine/store/port.js';

const T0 = '2026-03-20T04:00:00.000Z';
/** T0 plus some minutes, as an ISO instant. */
const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

const graph = (key: string): ProcessGraph => ({
  id: key,
  nodes: {
    start: { id: 'start', kind: 'startEvent', scope: null, incoming: [], outgoing: ['f1'], boundaries: [] },
    end: { id: 'end', kind: 'endEvent', scope: null, incoming: ['f1'], outgoing: [], boundaries: [] },
  },
  flows: { f1: { id: 'f1', source: 'start', target: 'end', condition: 'amount > 100' } },
  starts: { none: 'start', byChannel: { centre: 'start' }, message: {}, timer: [] },
  reach: { start: ['end'], end: [] },
});

const definition = (key: string, version: number, hash = `h-${key}-${version}`): DefinitionRecord => ({
  id: `${key}:${version}`,
  key,
  version,
  hash,
  xml: `<definitions id="${key}"/>`,
  name: `Process ${key}`,
  deployedAt: at(version),
  graph: graph(key),
});

const instance = (id: string, over: Partial<InstanceRecord> = {}): InstanceRecord => ({
  id,
  key: 'p',
  definitionId: 'p:1',
  version: 1,
  status: 'active',
  variables: {},
  tokens: [],
  incidents: [],
  trackingNumber: `TN-${id}`,
  startedAt: T0,
  nextToken: 1,
  ...over,
});

const task = (id: string, over: Partial<TaskRecord> = {}): TaskRecord => ({
  id,
  instanceId: 'i1',
  tokenId: 't1',
  key: 'p',
  elementId: 'review',
  trackingNumber: 'TN-i1',
  assignee: null,
  state: 'open',
  createdAt: T0,
  version: 1,
  ...over,
});

const job = (id: string, over: Partial<JobRecord> = {}): JobRecord => ({
  id,
  type: 'timer',
  dueAt: T0,
  instanceId: 'i1',
  tokenId: 't1',
  elementId: 'timer1',
  payload: {},
  attempts: 0,
  ...over,
});

const policy = (kind: PolicyWrite['kind'], id: string, version: number, doc: Record<string, unknown> = {}, keepHistory = true): PolicyWrite => ({
  kind,
  id,
  version,
  at: at(version),
  doc: { id, version, ...doc },
  keepHistory,
});

/** The record the store gives back for a write: keepHistory is how to write, not what was written. */
const stored = ({ keepHistory: _k, ...record }: PolicyWrite) => record;

const keyRecord = (scope: string, key: string, instanceId: string, over: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
  scope,
  key,
  fingerprint: `fp-${instanceId}`,
  instanceId,
  result: { id: instanceId, trackingNumber: `TN-${instanceId}`, state: 'active' },
  at: T0,
  expiresAt: at(24 * 60),
  ...over,
});

const sla = (warnAt: string, dueAt: string, over: Partial<NonNullable<InstanceRecord['sla']>> = {}): NonNullable<InstanceRecord['sla']> => ({
  warnAt,
  dueAt,
  atRisk: false,
  overdue: false,
  ...over,
});

export function describeStoreContract(name: string, makeStore: () => Promise<Store>, skipReason?: string): void {
  if (skipReason !== undefined) {
    // Say why in the report, so a skip is never mistaken for a pass.
    console.warn(`[store contract] ${name} skipped: ${skipReason}`);
    describe.skip(`store contract: ${name} (skipped: ${skipReason})`, () => {
      it.skip(`every contract test (skipped: ${skipReason})`, () => {});
    });
    return;
  }

  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      await store.init();
    });
    afterEach(async () => {
      await store.close();
    });

    const ids = (records: readonly { id: string }[]): string[] => records.map((r) => r.id);

    describe('definitions', () => {
      it('inserts, gets, finds the latest and by hash, lists; init is idempotent', async () => {
        await store.init();
        await store.commit({ definitions: [definition('a', 1), definition('a', 2), definition('b', 1)] });
        expect(await store.getDefinition('a:1')).toStrictEqual(definition('a', 1));
        expect(await store.getDefinition('a:9')).toBeUndefined();
        expect((await store.latestDefinition('a'))?.id).toBe('a:2');
        expect(await store.latestDefinition('zzz')).toBeUndefined();
        expect((await store.findDefinitionByHash('a', 'h-a-1'))?.id).toBe('a:1');
        expect(await store.findDefinitionByHash('b', 'h-a-1')).toBeUndefined();
        expect(ids(await store.listDefinitions('a'))).toEqual(['a:1', 'a:2']);
        expect(ids(await store.listDefinitions())).toEqual(['a:2', 'b:1']);
        expect(await store.listDefinitionIds('a')).toEqual(['a:1', 'a:2']);
        expect(await store.listDefinitionIds()).toEqual(['a:2', 'b:1']);
        expect(await store.listDefinitionIds('zzz')).toEqual([]);
      });

      it('refuses a taken version or a repeated hash of the same key with a ConflictError', async () => {
        await store.commit({ definitions: [definition('a', 1)] });
        await expect(store.commit({ definitions: [definition('a', 1, 'other')] })).rejects.toBeInstanceOf(ConflictError);
        await expect(store.commit({ definitions: [definition('a', 2, 'h-a-1')] })).rejects.toBeInstanceOf(ConflictError);
        // the same hash under another key is a different process
        await store.commit({ definitions: [definition('b', 1, 'h-a-1')] });
        expect(ids(await store.listDefinitions())).toEqual(['a:1', 'b:1']);
      });
    });

    describe('instances', () => {
      it('inserts, gets by id and by tracking number, lists by key and status', async () => {
        await store.commit({
          instanceInserts: [instance('i1'), instance('i2', { key: 'q', startedAt: at(1) }), instance('i3', { status: 'completed', startedAt: at(2) })],
        });
        expect(await store.getInstance('i1')).toStrictEqual(instance('i1'));
        expect(await store.getInstance('nope')).toBeUndefined();
        expect((await store.getInstanceByTrackingNumber('TN-i2'))?.id).toBe('i2');
        expect(await store.getInstanceByTrackingNumber('TN-nope')).toBeUndefined();
        expect(ids(await store.listInstances({}))).toEqual(['i1', 'i2', 'i3']);
        expect(ids(await store.listInstances({ key: 'p' }))).toEqual(['i1', 'i3']);
        expect(ids(await store.listInstances({ status: 'active' }))).toEqual(['i1', 'i2']);
        expect(ids(await store.listInstances({ key: 'p', status: 'completed' }))).toEqual(['i3']);
        expect(ids(await store.listInstances({ limit: 1 }))).toEqual(['i1']);
      });

      it('round-trips a nested instance document exactly', async () => {
        const doc = instance('deep', {
          channel: 'portal',
          serviceCode: 'S-101',
          applicant: { name: 'Aigerim', ids: [1, 2.5, -3], address: { city: 'Astana', zip: null } },
          variables: { amount: 150, approved: false, list: [{ a: 1 }, [1, [2]]], text: 'ünïcödé "quoted"', empty: {} },
          tokens: [
            { id: 't1', elementId: 'review', scopeId: null, state: 'waiting', wait: { kind: 'userTask', taskId: 'task1' }, boundaries: [{ boundaryId: 'b1', jobId: 'j1' }], enteredAt: T0 },
            { id: 't2', elementId: 'join', scopeId: 't1', state: 'joining', arrivedBy: 'f3', enteredAt: at(1) },
          ],
          incidents: [{ tokenId: 't3', elementId: 'svc', message: 'handler failed', at: at(2) }],
          parent: { instanceId: 'p1', tokenId: 't9' },
          nextToken: 4,
        });
        await store.commit({ instanceInserts: [doc] });
        expect(await store.getInstance('deep')).toStrictEqual(doc);
      });

      it('updates by compare-and-set on the version', async () => {
        await store.commit({ instanceInserts: [instance('i1')] });
        const next = instance('i1', { version: 2, status: 'completed', endedAt: at(5), variables: { x: 1 } });
        await store.commit({ instanceUpdates: [{ record: next, expectedVersion: 1 }] });
        expect(await store.getInstance('i1')).toStrictEqual(next);
        expect(ids(await store.listInstances({ status: 'completed' }))).toEqual(['i1']);
      });

      it('refuses a stale version with a ConflictError and writes nothing of the batch', async () => {
        await store.commit({ instanceInserts: [instance('i1')] });
        await store.commit({ instanceUpdates: [{ record: instance('i1', { version: 2 }), expectedVersion: 1 }] });
        const stale = {
          taskInserts: [task('task-x')],
          history: [{ instanceId: 'i1', at: T0, elementId: 'review', event: 'enter' as const }],
          audit: [{ at: T0, actor: 'u', action: 'x', subject: 'i1' }],
          instanceUpdates: [{ record: instance('i1', { version: 2, variables: { lost: true } }), expectedVersion: 1 }],
        };
        await expect(store.commit(stale)).rejects.toBeInstanceOf(ConflictError);
        expect(await store.getTask('task-x')).toBeUndefined();
        expect(await store.history('i1')).toEqual([]);
        expect(await store.audit({})).toEqual([]);
        expect((await store.getInstance('i1'))?.variables).toEqual({});
      });

      it('lets exactly one of two racing updates win', async () => {
        await store.commit({ instanceInserts: [instance('i1')] });
        const results = await Promise.allSettled([
          store.commit({ instanceUpdates: [{ record: instance('i1', { version: 2, variables: { by: 'a' } }), expectedVersion: 1 }] }),
          store.commit({ instanceUpdates: [{ record: instance('i1', { version: 2, variables: { by: 'b' } }), expectedVersion: 1 }] }),
        ]);
        const rejected = results.filter((r) => r.status === 'rejected');
        expect(rejected).toHaveLength(1);
        expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
        expect((await store.getInstance('i1'))?.version).toBe(2);
      });

      it('refuses a duplicate id or tracking number with a ConflictError', async () => {
        await store.commit({ instanceInserts: [instance('i1')] });
        await expect(store.commit({ instanceInserts: [instance('i1', { trackingNumber: 'TN-new' })] })).rejects.toBeInstanceOf(ConflictError);
        await expect(store.commit({ instanceInserts: [instance('i2', { trackingNumber: 'TN-i1' })] })).rejects.toBeInstanceOf(ConflictError);
        expect(await store.getInstance('i2')).toBeUndefined();
      });
    });

    describe('tasks', () => {
      it('round-trips a task without inventing absent fields', async () => {
        const bare = task('t-bare');
        const full = task('t-full', {
          name: 'Review', serviceCode: 'S-1', office: 'back', candidateGroup: 'g', assignment: 'random',
          assignee: 'ann', dueAt: at(60), warnAt: at(48), atRisk: false, overdue: false,
        });
        await store.commit({ taskInserts: [bare, full] });
        expect(await store.getTask('t-bare')).toStrictEqual(bare);
        expect(await store.getTask('t-full')).toStrictEqual(full);
        expect(await store.getTask('nope')).toBeUndefined();
      });

      it('updates a task guarded by its version', async () => {
        await store.commit({ taskInserts: [task('t1', { candidateGroup: 'g' })] });
        const claimed = task('t1', { candidateGroup: 'g', assignee: 'ann', version: 2 });
        await store.commit({ taskUpdates: [{ record: claimed, expectedVersion: 1 }] });
        expect(await store.getTask('t1')).toStrictEqual(claimed);
        const late = task('t1', { candidateGroup: 'g', assignee: 'bob', version: 2 });
        await expect(store.commit({ taskUpdates: [{ record: late, expectedVersion: 1 }] })).rejects.toBeInstanceOf(ConflictError);
        expect((await store.getTask('t1'))?.assignee).toBe('ann');
        expect(ids(await store.findTasks({ assignee: 'ann' }))).toEqual(['t1']);
        expect(await store.findTasks({ candidateGroup: 'g', unassigned: true })).toEqual([]);
      });

      it('finds tasks by filter, ordered by dueAt (none last) then createdAt', async () => {
        await store.commit({
          taskInserts: [
            task('no-due-late', { createdAt: at(2), candidateGroup: 'g' }),
            task('no-due-early', { createdAt: at(1), candidateGroup: 'g' }),
            task('due-late', { dueAt: at(100), candidateGroup: 'g', assignee: 'ann' }),
            task('due-early', { dueAt: at(50), candidateGroup: 'h', assignee: 'ann', instanceId: 'i2' }),
            task('due-tie-b', { dueAt: at(70), createdAt: at(5), candidateGroup: 'g' }),
            task('due-tie-a', { dueAt: at(70), createdAt: at(4), candidateGroup: 'g' }),
            task('done', { dueAt: at(10), state: 'completed', assignee: 'ann', completedAt: at(3), completedBy: 'ann', outcome: 'ok' }),
          ],
        });
        expect(ids(await store.findTasks({}))).toEqual(['due-early', 'due-tie-a', 'due-tie-b', 'due-late', 'no-due-early', 'no-due-late']);
        expect(ids(await store.findTasks({ assignee: 'ann' }))).toEqual(['due-early', 'due-late']);
        expect(ids(await store.findTasks({ candidateGroup: 'g' }))).toEqual(['due-tie-a', 'due-tie-b', 'due-late', 'no-due-early', 'no-due-late']);
        expect(ids(await store.findTasks({ candidateGroup: 'g', unassigned: true }))).toEqual(['due-tie-a', 'due-tie-b', 'no-due-early', 'no-due-late']);
        expect(ids(await store.findTasks({ state: 'completed' }))).toEqual(['done']);
        expect(ids(await store.findTasks({ state: 'any', assignee: 'ann' }))).toEqual(['done', 'due-early', 'due-late']);
        expect(ids(await store.findTasks({ instanceId: 'i2' }))).toEqual(['due-early']);
        expect(ids(await store.findTasks({ instanceId: 'i1', limit: 3 }))).toEqual(['due-tie-a', 'due-tie-b', 'due-late']);
        expect(ids(await store.findTasks({ instanceId: 'i1', state: 'any', limit: 2 }))).toEqual(['done', 'due-tie-a']);
        expect(await store.findTasks({ instanceId: 'i1', limit: 0 })).toEqual([]);
        expect(ids(await store.findTasks({ limit: 2 }))).toEqual(['due-early', 'due-tie-a']);
        expect(ids(await store.findTasks({ candidateGroup: 'g', unassigned: true, limit: 3 }))).toEqual(['due-tie-a', 'due-tie-b', 'no-due-early']);
        expect(await store.findTasks({ assignee: 'nobody' })).toEqual([]);
      });
    });

    describe('jobs', () => {
      const lease = (owner: string, now: string, lockedUntil: string, limit = 10) => ({ owner, now, lockedUntil, limit });

      it('acquires only due jobs, earliest first, up to the limit, and leases them', async () => {
        await store.commit({ jobInserts: [job('later', { dueAt: at(10) }), job('due2', { dueAt: at(-1) }), job('due1', { dueAt: at(-2) }), job('due3', { dueAt: T0 })] });
        const got = await store.acquireJobs(lease('A', T0, at(5), 2));
        expect(ids(got)).toEqual(['due1', 'due2']);
        expect(got[0]).toMatchObject({ lockOwner: 'A', lockedUntil: at(5), attempts: 0, dueAt: at(-2) });
        expect(ids(await store.acquireJobs(lease('A', T0, at(5))))).toEqual(['due3']);
        expect(await store.acquireJobs(lease('A', T0, at(5)))).toEqual([]);
      });

      it('keeps a leased job from another owner until the lease has passed', async () => {
        await store.commit({ jobInserts: [job('j1')] });
        expect(ids(await store.acquireJobs(lease('A', T0, at(5))))).toEqual(['j1']);
        expect(await store.acquireJobs(lease('B', at(1), at(6)))).toEqual([]);
        expect(await store.acquireJobs(lease('B', at(5), at(10)))).toEqual([]);
        const taken = await store.acquireJobs(lease('B', at(6), at(11)));
        expect(taken).toMatchObject([{ id: 'j1', lockOwner: 'B', lockedUntil: at(11) }]);
        // A lost its lease: completing now is a conflict
        await expect(store.commit({ jobCompletions: [{ id: 'j1', owner: 'A' }] })).rejects.toBeInstanceOf(ConflictError);
      });

      it('acquires one given job by id, only when it is due and free', async () => {
        await store.commit({ jobInserts: [job('a', { dueAt: at(-1) }), job('b'), job('future', { dueAt: at(10) })] });
        expect(ids(await store.acquireJobs({ ...lease('A', T0, at(5)), id: 'b' }))).toEqual(['b']);
        expect(await store.acquireJobs({ ...lease('A', T0, at(5)), id: 'b' })).toEqual([]);
        expect(await store.acquireJobs({ ...lease('A', T0, at(5)), id: 'future' })).toEqual([]);
        expect(await store.acquireJobs({ ...lease('A', T0, at(5)), id: 'missing' })).toEqual([]);
        expect(ids(await store.acquireJobs(lease('A', T0, at(5))))).toEqual(['a']);
      });

      it('completes a job held by its owner; the wrong owner rolls the whole batch back', async () => {
        await store.commit({ jobInserts: [job('j1'), job('j2')] });
        await store.acquireJobs(lease('A', T0, at(5)));
        const wrong = {
          instanceInserts: [instance('i9')],
          history: [{ instanceId: 'i9', at: T0, elementId: 'start', event: 'start' as const }],
          jobCompletions: [{ id: 'j1', owner: 'A' }, { id: 'j2', owner: 'B' }],
        };
        await expect(store.commit(wrong)).rejects.toBeInstanceOf(ConflictError);
        expect(await store.getInstance('i9')).toBeUndefined();
        expect(await store.history('i9')).toEqual([]);
        expect(ids(await store.listJobs({}))).toEqual(['j1', 'j2']);
        await store.commit({ jobCompletions: [{ id: 'j1', owner: 'A' }, { id: 'j2', owner: 'A' }] });
        expect(await store.listJobs({})).toEqual([]);
        // a job never acquired, or already gone, cannot be completed
        await store.commit({ jobInserts: [job('j3')] });
        await expect(store.commit({ jobCompletions: [{ id: 'j3', owner: 'A' }] })).rejects.toBeInstanceOf(ConflictError);
        await expect(store.commit({ jobCompletions: [{ id: 'j1', owner: 'A' }] })).rejects.toBeInstanceOf(ConflictError);
      });

      it('releases a job for a retry at a new time; a release by another owner changes nothing', async () => {
        await store.commit({ jobInserts: [job('j1')] });
        await store.acquireJobs(lease('A', T0, at(5)));
        await store.releaseJob('j1', 'B', { dueAt: at(2), error: 'x' });
        expect(await store.listJobs({})).toMatchObject([{ id: 'j1', dueAt: T0, lockOwner: 'A', attempts: 0 }]);
        await store.releaseJob('j1', 'A', { dueAt: at(2), error: 'handler failed' });
        expect(await store.listJobs({})).toStrictEqual([{ ...job('j1'), dueAt: at(2), attempts: 1, lockOwner: null, lockedUntil: null }]);
        expect(await store.acquireJobs(lease('B', at(1), at(6)))).toEqual([]);
        expect(await store.acquireJobs(lease('B', at(2), at(7)))).toMatchObject([{ id: 'j1', lockOwner: 'B', attempts: 1 }]);
      });

      it('tells when the next job can run: its dueAt, or the end of its lease', async () => {
        expect(await store.nextJobDue()).toBeUndefined();
        await store.commit({ jobInserts: [job('j1', { dueAt: at(3) }), job('j2', { dueAt: at(1) })] });
        expect(await store.nextJobDue()).toBe(at(1));
        await store.acquireJobs(lease('A', at(1), at(10)));
        expect(await store.nextJobDue()).toBe(at(3));
        await store.acquireJobs(lease('A', at(3), at(8)));
        expect(await store.nextJobDue()).toBe(at(8));
      });

      it('lists jobs by instance or definition and round-trips them', async () => {
        const start = job('s1', { type: 'startTimer', definitionId: 'p:1', instanceId: undefined, tokenId: undefined, elementId: 'st', payload: { repeat: 3, spec: { kind: 'cycle' } } });
        const { instanceId: _i, tokenId: _t, ...startJob } = start;
        await store.commit({ jobInserts: [startJob, job('t1', { dueAt: at(1) }), job('t2', { instanceId: 'i2', type: 'continuation' })] });
        expect(await store.listJobs({ definitionId: 'p:1' })).toStrictEqual([{ ...startJob, lockOwner: null, lockedUntil: null }]);
        expect(ids(await store.listJobs({ instanceId: 'i1' }))).toEqual(['t1']);
        expect(ids(await store.listJobs({}))).toEqual(['s1', 't2', 't1']);
      });

      it('deletes jobs, ignoring ones already gone', async () => {
        await store.commit({ jobInserts: [job('j1'), job('j2')] });
        await store.commit({ jobDeletes: ['j1', 'missing'] });
        expect(ids(await store.listJobs({}))).toEqual(['j2']);
      });
    });

    describe('policies', () => {
      it('stores a first and a next version; the latest is current, every version is kept', async () => {
        expect(await store.getPolicy('user', 'ann')).toBeUndefined();
        await store.commit({ policies: [policy('user', 'ann', 1, { groups: ['front'] })] });
        expect(await store.getPolicy('user', 'ann')).toStrictEqual(stored(policy('user', 'ann', 1, { groups: ['front'] })));
        await store.commit({ policies: [policy('user', 'ann', 2, { groups: ['front', 'back'], nested: { a: [1, null] } })] });
        expect(await store.getPolicy('user', 'ann')).toStrictEqual(stored(policy('user', 'ann', 2, { groups: ['front', 'back'], nested: { a: [1, null] } })));
        expect(await store.policyVersions('user', 'ann')).toStrictEqual([
          stored(policy('user', 'ann', 1, { groups: ['front'] })),
          stored(policy('user', 'ann', 2, { groups: ['front', 'back'], nested: { a: [1, null] } })),
        ]);
        expect(await store.policyVersions('user', 'nobody')).toEqual([]);
      });

      it('writes several versions of one document in one batch, in order', async () => {
        await store.commit({ policies: [policy('calendar', 'centre', 1), policy('calendar', 'centre', 2), policy('calendar', 'centre', 3)] });
        expect((await store.policyVersions('calendar', 'centre')).map((p) => p.version)).toEqual([1, 2, 3]);
      });

      it('refuses a stale or skipped version with a ConflictError and writes nothing of the batch', async () => {
        await store.commit({ policies: [policy('routing', 'r', 1), policy('routing', 'r', 2)] });
        const stale = {
          taskInserts: [task('task-x')],
          audit: [{ at: T0, actor: 'admin', action: 'routing', subject: 'r' }],
          policies: [policy('user', 'bob', 1), policy('routing', 'r', 2, { lost: true })],
        };
        await expect(store.commit(stale)).rejects.toBeInstanceOf(ConflictError);
        expect(await store.getTask('task-x')).toBeUndefined();
        expect(await store.audit({})).toEqual([]);
        expect(await store.getPolicy('user', 'bob')).toBeUndefined();
        expect(await store.getPolicy('routing', 'r')).toStrictEqual(stored(policy('routing', 'r', 2)));
        // a first write that is not version 1, and a gap, are refused too
        await expect(store.commit({ policies: [policy('user', 'carl', 2)] })).rejects.toBeInstanceOf(ConflictError);
        await expect(store.commit({ policies: [policy('routing', 'r', 4)] })).rejects.toBeInstanceOf(ConflictError);
        expect(await store.getPolicy('user', 'carl')).toBeUndefined();
        expect((await store.policyVersions('routing', 'r')).map((p) => p.version)).toEqual([1, 2]);
      });

      it('lets exactly one of two writers of the same next version win', async () => {
        await store.commit({ policies: [policy('rotation', 'g', 1, {}, false)] });
        const results = await Promise.allSettled([
          store.commit({ policies: [policy('rotation', 'g', 2, { by: 'a' }, false)] }),
          store.commit({ policies: [policy('rotation', 'g', 2, { by: 'b' }, false)] }),
        ]);
        const rejected = results.filter((r) => r.status === 'rejected');
        expect(rejected).toHaveLength(1);
        expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
        expect((await store.policyVersions('rotation', 'g')).map((p) => p.version)).toEqual([2]);
      });

      it('keeps only the latest version when written with keepHistory false', async () => {
        await store.commit({ policies: [policy('rotation', 'g', 1, { next: 0 }, false)] });
        await store.commit({ policies: [policy('rotation', 'g', 2, { next: 1 }, false)] });
        await store.commit({ policies: [policy('rotation', 'g', 3, { next: 2 }, false)] });
        expect(await store.policyVersions('rotation', 'g')).toStrictEqual([stored(policy('rotation', 'g', 3, { next: 2 }, false))]);
        expect((await store.getPolicy('rotation', 'g'))?.doc).toEqual({ id: 'g', version: 3, next: 2 });
        // the guard still holds against the one kept version
        await expect(store.commit({ policies: [policy('rotation', 'g', 3, {}, false)] })).rejects.toBeInstanceOf(ConflictError);
        // a versioned write after replacing ones keeps history from then on
        await store.commit({ policies: [policy('rotation', 'g', 4, { next: 3 })] });
        expect((await store.policyVersions('rotation', 'g')).map((p) => p.version)).toEqual([3, 4]);
      });

      it('lists the latest version of every document of a kind, ordered by id; kinds are separate', async () => {
        await store.commit({ policies: [policy('user', 'carl', 1), policy('user', 'ann', 1), policy('user', 'bob', 1)] });
        await store.commit({ policies: [policy('user', 'ann', 2), policy('absence', 'ann', 1, { from: at(0) })] });
        await store.commit({ policies: [policy('absence', 'ann', 2, { from: at(1) }), policy('absence', 'ann', 3, { from: at(2) })] });
        expect((await store.listPolicies('user')).map((p) => [p.id, p.version])).toEqual([['ann', 2], ['bob', 1], ['carl', 1]]);
        expect(await store.listPolicies('absence')).toStrictEqual([stored(policy('absence', 'ann', 3, { from: at(2) }))]);
        expect(await store.listPolicies('calendar')).toEqual([]);
        // the same id under another kind is another document with its own versions
        expect((await store.getPolicy('user', 'ann'))?.version).toBe(2);
        expect((await store.getPolicy('absence', 'ann'))?.version).toBe(3);
        expect(await store.getPolicy('routing', 'ann')).toBeUndefined();
        await store.commit({ policies: [policy('routing', 'ann', 1)] });
        expect((await store.policyVersions('routing', 'ann')).map((p) => p.version)).toEqual([1]);
      });
    });

    describe('SLA sweep', () => {
      const sweep = (now: string, limit = 100) => ({ now, limit });

      it('finds open tasks whose warning moment passed until they are flagged atRisk, then again when due', async () => {
        const t = task('t1', { warnAt: at(10), dueAt: at(20), atRisk: false, overdue: false });
        await store.commit({ taskInserts: [t] });
        expect(await store.findSlaCrossings(sweep(at(9)))).toEqual([]);
        expect(await store.findSlaCrossings(sweep(at(10)))).toStrictEqual([t]);
        const flagged = { ...t, atRisk: true, version: 2 };
        await store.commit({ taskUpdates: [{ record: flagged, expectedVersion: 1 }] });
        expect(await store.findSlaCrossings(sweep(at(15)))).toEqual([]);
        expect(await store.findSlaCrossings(sweep(at(20)))).toStrictEqual([flagged]);
        const late = { ...flagged, overdue: true, version: 3 };
        await store.commit({ taskUpdates: [{ record: late, expectedVersion: 2 }] });
        expect(await store.findSlaCrossings(sweep(at(1000)))).toEqual([]);
        expect(await store.getTask('t1')).toStrictEqual(late);
      });

      it('treats absent flags as not flagged, and returns a task past both moments once', async () => {
        const t = task('t1', { warnAt: at(10), dueAt: at(20) });
        await store.commit({ taskInserts: [t] });
        expect(await store.findSlaCrossings(sweep(at(30)))).toStrictEqual([t]);
        expect(await store.findSlaCrossings(sweep(at(30), 1))).toStrictEqual([t]);
      });

      it('never returns completed or cancelled tasks, nor tasks without an SLA', async () => {
        await store.commit({
          taskInserts: [
            task('done', { warnAt: at(1), dueAt: at(2), state: 'completed', completedAt: at(1) }),
            task('gone', { warnAt: at(1), dueAt: at(2), state: 'cancelled' }),
            task('none'),
            task('open', { warnAt: at(5), dueAt: at(6) }),
          ],
        });
        expect(ids(await store.findSlaCrossings(sweep(at(100))))).toEqual(['open']);
        const completed = task('open', { warnAt: at(5), dueAt: at(6), state: 'completed', completedAt: at(7), version: 2 });
        await store.commit({ taskUpdates: [{ record: completed, expectedVersion: 1 }] });
        expect(await store.findSlaCrossings(sweep(at(100)))).toEqual([]);
      });

      it('orders tasks by the moment crossed, earliest first, and respects the limit', async () => {
        await store.commit({
          taskInserts: [
            task('warn-3', { warnAt: at(3), dueAt: at(50) }),
            task('due-2', { warnAt: at(1), dueAt: at(2), atRisk: true }),
            task('warn-1', { warnAt: at(1), dueAt: at(60) }),
            task('due-4', { warnAt: at(0), dueAt: at(4), atRisk: true }),
            task('future', { warnAt: at(40), dueAt: at(70) }),
          ],
        });
        expect(ids(await store.findSlaCrossings(sweep(at(10))))).toEqual(['warn-1', 'due-2', 'warn-3', 'due-4']);
        expect(ids(await store.findSlaCrossings(sweep(at(10), 2)))).toEqual(['warn-1', 'due-2']);
        expect(await store.findSlaCrossings(sweep(at(10), 0))).toEqual([]);
      });

      it('finds active instances with a process SLA the same way, and gives them back exactly', async () => {
        const i1 = instance('i1', { sla: sla(at(10), at(20)) });
        const i2 = instance('i2', { sla: sla(at(5), at(8), { atRisk: true }) });
        const paused = instance('i3', { sla: sla(at(1), at(2), { pausedAt: at(0), remainingMs: 60_000 }), status: 'completed', endedAt: at(3) });
        await store.commit({ instanceInserts: [i1, i2, paused, instance('plain')] });
        expect(await store.getInstance('i1')).toStrictEqual(i1);
        expect(await store.getInstance('i3')).toStrictEqual(paused);
        expect(await store.getInstance('plain')).toStrictEqual(instance('plain'));
        expect(await store.findInstanceSlaCrossings(sweep(at(7)))).toEqual([]);
        expect(await store.findInstanceSlaCrossings(sweep(at(10)))).toStrictEqual([i2, i1]);
        expect(ids(await store.findInstanceSlaCrossings(sweep(at(10), 1)))).toEqual(['i2']);
        // flagged: out of the warning sweep, back in when due
        const flagged = instance('i1', { version: 2, sla: sla(at(10), at(20), { atRisk: true }) });
        await store.commit({ instanceUpdates: [{ record: flagged, expectedVersion: 1 }] });
        expect(ids(await store.findInstanceSlaCrossings(sweep(at(15))))).toEqual(['i2']);
        expect(await store.findInstanceSlaCrossings(sweep(at(20)))).toStrictEqual([i2, flagged]);
        // an update that ends the instance, or drops its SLA, takes it out
        const { sla: _dropped, ...withoutSla } = instance('i2', { version: 2 });
        await store.commit({
          instanceUpdates: [
            { record: instance('i1', { version: 3, status: 'completed', endedAt: at(21), sla: sla(at(10), at(20), { atRisk: true }) }), expectedVersion: 2 },
            { record: withoutSla, expectedVersion: 1 },
          ],
        });
        expect(await store.findInstanceSlaCrossings(sweep(at(1000)))).toEqual([]);
        expect(await store.getInstance('i2')).toStrictEqual(withoutSla);
      });
    });

    describe('kept messages', () => {
      const message = (id: string, over: Partial<MessageRecord> = {}): MessageRecord => ({
        id,
        name: 'documentsProvided',
        instanceId: 'i1',
        variables: { broughtDocuments: ['passport', 'диплом'], nested: { n: 1 } },
        publishedAt: at(0),
        expiresAt: at(60),
        by: 'clerk',
        ...over,
      });

      it('keeps messages and finds an instance\'s unexpired ones of a name, oldest first, exactly as written', async () => {
        await store.commit({ messageInserts: [message('m2', { publishedAt: at(2) }), message('m1'), message('other', { name: 'paid' }), message('late', { publishedAt: at(1), expiresAt: at(5) }), message('elsewhere', { instanceId: 'i2' })] });
        expect(ids(await store.keptMessages({ instanceId: 'i1', name: 'documentsProvided', now: at(1) }))).toEqual(['m1', 'late', 'm2']);
        expect(await store.keptMessages({ instanceId: 'i1', name: 'documentsProvided', now: at(5) })).toEqual([message('m1'), message('m2', { publishedAt: at(2) })]);
        expect(await store.keptMessages({ instanceId: 'i1', name: 'documentsProvided', now: at(60) })).toEqual([]);
      });

      it('consumes a message once: a second consumption is a ConflictError that writes nothing of its batch', async () => {
        await store.commit({ messageInserts: [message('m1'), message('m2', { publishedAt: at(1) })] });
        await store.commit({ messageConsumptions: ['m1'] });
        const error = await store.commit({ messageConsumptions: ['m2', 'm1'], notifications: [{ id: 'n-lost', instanceId: 'i1', at: T0, elementId: 'send', messageName: 'resultReady', trackingNumber: 'TN-i1', payload: {} }] }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConflictError);
        expect(ids(await store.keptMessages({ instanceId: 'i1', name: 'documentsProvided', now: at(0) }))).toEqual(['m2']);
        expect(await store.notifications('i1')).toEqual([]);
      });

      it('prunes the messages expired when a later one is kept, by the time it is kept', async () => {
        await store.commit({ messageInserts: [message('short', { expiresAt: at(5) }), message('long', { publishedAt: at(1) })] });
        // Read as of a moment before 'short' expired: it is still stored.
        expect(ids(await store.keptMessages({ instanceId: 'i1', name: 'documentsProvided', now: at(2) }))).toEqual(['short', 'long']);
        await store.commit({ messageInserts: [message('next', { instanceId: 'i2', publishedAt: at(10) })] });
        // Kept at 10, the commit deleted what had expired by then, of any instance.
        expect(ids(await store.keptMessages({ instanceId: 'i1', name: 'documentsProvided', now: at(2) }))).toEqual(['long']);
      });

      it('refuses a duplicate message id with a ConflictError', async () => {
        await store.commit({ messageInserts: [message('m1')] });
        await expect(store.commit({ messageInserts: [message('m1', { name: 'paid' })] })).rejects.toBeInstanceOf(ConflictError);
      });
    });

    describe('signal waiters', () => {
      const waiting = (id: string, tokens: InstanceRecord['tokens'], over: Partial<InstanceRecord> = {}) => instance(id, { tokens, ...over });
      const catchOf = (signalName: string): InstanceRecord['tokens'][number] => ({ id: 't1', elementId: 'c', scopeId: null, state: 'waiting', wait: { kind: 'signal', signalName }, enteredAt: T0 });
      const armedOn = (...signalNames: string[]): InstanceRecord['tokens'][number] => ({
        id: 't2', elementId: 'review', scopeId: null, state: 'waiting', wait: { kind: 'userTask', taskId: 'k' }, enteredAt: T0,
        boundaries: signalNames.map((signalName, n) => ({ boundaryId: `b${n}`, signalName })),
      });

      it('finds the instances waiting for a signal by name (catches and armed boundaries), ordered by id and paged', async () => {
        await store.commit({
          instanceInserts: [
            waiting('i3', [catchOf('storm')]),
            waiting('i1', [armedOn('storm', 'holiday')]),
            waiting('i2', [catchOf('holiday')]),
            waiting('i4', [catchOf('storm'), armedOn('storm')]),
            waiting('i5', []),
          ],
        });
        expect(await store.signalWaiters({ name: 'storm', limit: 10 })).toEqual(['i1', 'i3', 'i4']);
        expect(await store.signalWaiters({ name: 'storm', limit: 2 })).toEqual(['i1', 'i3']);
        expect(await store.signalWaiters({ name: 'storm', after: 'i3', limit: 2 })).toEqual(['i4']);
        expect(await store.signalWaiters({ name: 'holiday', limit: 10 })).toEqual(['i1', 'i2']);
        expect(await store.signalWaiters({ name: 'nobody', limit: 10 })).toEqual([]);
        // The index is the store's own: records read back exactly as written.
        expect(await store.getInstance('i1')).toEqual(waiting('i1', [armedOn('storm', 'holiday')]));
      });

      it('follows each instance write: a wait that moved on or an instance that ended is no longer found', async () => {
        await store.commit({ instanceInserts: [waiting('i1', [catchOf('storm')]), waiting('i2', [catchOf('storm')])] });
        await store.commit({
          instanceUpdates: [
            { record: waiting('i1', [catchOf('holiday')], { version: 2 }), expectedVersion: 1 },
            { record: waiting('i2', [catchOf('storm')], { version: 2, status: 'terminated' }), expectedVersion: 1 },
          ],
        });
        expect(await store.signalWaiters({ name: 'storm', limit: 10 })).toEqual([]);
        expect(await store.signalWaiters({ name: 'holiday', limit: 10 })).toEqual(['i1']);
        // A batch rejected by a guard changes no wait either.
        const stale = store.commit({ instanceUpdates: [{ record: waiting('i1', [catchOf('storm')], { version: 2 }), expectedVersion: 1 }] });
        await expect(stale).rejects.toBeInstanceOf(ConflictError);
        expect(await store.signalWaiters({ name: 'storm', limit: 10 })).toEqual([]);
      });
    });

    describe('applicant lookup', () => {
      const applied = (id: string, applicant: Record<string, unknown> | undefined, minutes: number, over: Partial<InstanceRecord> = {}) =>
        instance(id, { startedAt: at(minutes), ...(applicant ? { applicant } : {}), ...over });
      const IIN = '900101300123';

      it("finds an applicant's applications by exact IIN, newest first (startedAt, then id), paged after the last one", async () => {
        await store.commit({
          instanceInserts: [
            applied('a1', { iin: IIN, name: 'Aigerim Seitkali' }, 1),
            applied('a3', { iin: IIN, name: 'Aigerim Seitkali' }, 3),
            applied('a2', { iin: IIN, name: 'Aigerim Seitkali' }, 3),
            applied('b1', { iin: '850202400456', name: 'Someone Else' }, 2),
            applied('c1', undefined, 4),
          ],
        });
        expect(ids(await store.findInstancesByApplicant({ iin: IIN, limit: 10 }))).toEqual(['a3', 'a2', 'a1']);
        const first = await store.findInstancesByApplicant({ iin: IIN, limit: 2 });
        expect(ids(first)).toEqual(['a3', 'a2']);
        const last = first.at(-1)!;
        expect(ids(await store.findInstancesByApplicant({ iin: IIN, limit: 2, after: { startedAt: last.startedAt, id: last.id } }))).toEqual(['a1']);
        // exact: no prefix of an IIN, no other person's
        expect(await store.findInstancesByApplicant({ iin: '9001', limit: 10 })).toEqual([]);
        expect(await store.findInstancesByApplicant({ iin: '111111111111', limit: 10 })).toEqual([]);
        // the record comes back exactly as written: the index is the store's own
        expect((await store.findInstancesByApplicant({ iin: '850202400456', limit: 10 }))[0]).toEqual(applied('b1', { iin: '850202400456', name: 'Someone Else' }, 2));
      });

      it('finds by a case-insensitive prefix of the name or of any word in it, Kazakh and Russian Cyrillic folded, each instance once', async () => {
        await store.commit({
          instanceInserts: [
            applied('k1', { iin: '900101300123', name: 'ӘЛІБЕКОВА Гүлнұр Қайратқызы' }, 1),
            applied('r1', { iin: '910303500789', name: 'Семёнова Анна-Мария' }, 2),
            applied('l1', { iin: '920404600111', name: 'Aigerim   Aigerimova' }, 3),
            applied('n1', { iin: '930505700222' }, 4),
          ],
        });
        const byName = async (namePrefix: string) => ids(await store.findInstancesByApplicant({ namePrefix, limit: 10 }));
        expect(await byName('әлібек')).toEqual(['k1']);
        expect(await byName('ГҮЛНҰР')).toEqual(['k1']);
        expect(await byName('қайратқ')).toEqual(['k1']);
        expect(await byName('әлібекова гүл')).toEqual(['k1']);
        expect(await byName('семенова')).toEqual(['r1']); // ё as е
        expect(await byName('СЕМЁН')).toEqual(['r1']);
        expect(await byName('мария')).toEqual(['r1']); // after a hyphen
        expect(await byName('анна-м')).toEqual(['r1']);
        expect(await byName('aigerim aig')).toEqual(['l1']); // spaces collapsed
        expect(await byName('aig')).toEqual(['l1']); // two matching words, found once
        // not from the middle of a word, not a word order the name does not have
        expect(await byName('либек')).toEqual([]);
        expect(await byName('гүлнұр әлібекова')).toEqual([]);
        expect(await byName('   ')).toEqual([]);
        expect(await byName('z')).toEqual([]);
      });

      it('pages a name prefix newest first and combines it with an IIN', async () => {
        await store.commit({
          instanceInserts: [
            applied('p1', { iin: '900101300123', name: 'Dana Omarova' }, 1),
            applied('p2', { iin: '910101300123', name: 'Dana Omarbekova' }, 2),
            applied('p3', { iin: '900101300123', name: 'Omarov Dana' }, 3),
            applied('p4', { iin: '900101300123', name: 'Erlan Tokayev' }, 4),
          ],
        });
        const page1 = await store.findInstancesByApplicant({ namePrefix: 'omar', limit: 2 });
        expect(ids(page1)).toEqual(['p3', 'p2']);
        const after = { startedAt: page1[1]!.startedAt, id: page1[1]!.id };
        expect(ids(await store.findInstancesByApplicant({ namePrefix: 'omar', limit: 2, after }))).toEqual(['p1']);
        expect(ids(await store.findInstancesByApplicant({ iin: '900101300123', namePrefix: 'dana', limit: 10 }))).toEqual(['p3', 'p1']);
        expect(ids(await store.findInstancesByApplicant({ iin: '900101300123', namePrefix: 'dana', limit: 1 }))).toEqual(['p3']);
        expect(await store.findInstancesByApplicant({ limit: 10 })).toEqual([]);
      });

      it('indexes the applicant in the commit that inserts the instance, keeps it through updates, and a refused batch indexes nothing', async () => {
        await store.commit({ instanceInserts: [applied('u1', { iin: IIN, name: 'Kairat Sadykov' }, 1)] });
        await store.commit({ instanceUpdates: [{ record: applied('u1', { iin: IIN, name: 'Kairat Sadykov' }, 1, { version: 2, status: 'completed' }), expectedVersion: 1 }] });
        expect((await store.findInstancesByApplicant({ iin: IIN, limit: 10 })).map((r) => [r.id, r.status])).toEqual([['u1', 'completed']]);
        expect(ids(await store.findInstancesByApplicant({ namePrefix: 'sady', limit: 10 }))).toEqual(['u1']);
        // a duplicate tracking number fails the batch: the other instance of it is not indexed either
        const refused = store.commit({ instanceInserts: [applied('u2', { iin: '990909900999', name: 'Lyazzat Nurova' }, 2), applied('u3', { iin: IIN }, 3, { trackingNumber: 'TN-u1' })] });
        await expect(refused).rejects.toBeInstanceOf(ConflictError);
        expect(await store.findInstancesByApplicant({ iin: '990909900999', limit: 10 })).toEqual([]);
        expect(await store.findInstancesByApplicant({ namePrefix: 'lyazzat', limit: 10 })).toEqual([]);
      });
    });

    describe('open task counts', () => {
      it('counts only open tasks, per asked assignee, leaving out those with none', async () => {
        await store.commit({
          taskInserts: [
            task('a1', { assignee: 'ann' }),
            task('a2', { assignee: 'ann' }),
            task('a3', { assignee: 'ann', state: 'completed', completedAt: at(1) }),
            task('b1', { assignee: 'bob' }),
            task('b2', { assignee: 'bob', state: 'cancelled' }),
            task('c1', { assignee: 'carl', state: 'completed', completedAt: at(1) }),
            task('d1', { assignee: 'dora' }),
            task('q1', { candidateGroup: 'g' }),
          ],
        });
        expect(await store.countOpenTasks(['ann', 'bob', 'carl', 'eve'])).toEqual({ ann: 2, bob: 1 });
        expect(await store.countOpenTasks([])).toEqual({});
        await store.commit({ taskUpdates: [{ record: task('a1', { assignee: 'bob', version: 2 }), expectedVersion: 1 }] });
        expect(await store.countOpenTasks(['ann', 'bob'])).toEqual({ ann: 1, bob: 2 });
      });
    });

    describe('history, audit, notifications', () => {
      it('keeps history in the order written, per instance', async () => {
        const h = (instanceId: string, elementId: string, event: 'enter' | 'leave') => ({ instanceId, at: T0, elementId, event, tokenId: 't1' });
        await store.commit({ instanceInserts: [instance('i1')], history: [h('i1', 'start', 'enter'), h('i1', 'start', 'leave'), h('i2', 'x', 'enter')] });
        await store.commit({
          instanceUpdates: [{ record: instance('i1', { version: 2 }), expectedVersion: 1 }],
          history: [{ instanceId: 'i1', at: at(1), elementId: 'review', event: 'enter', data: { by: 'ann', n: [1] } }],
        });
        await store.commit({ history: [h('i1', 'review', 'leave')] });
        expect(await store.history('i1')).toStrictEqual([
          h('i1', 'start', 'enter'),
          h('i1', 'start', 'leave'),
          { instanceId: 'i1', at: at(1), elementId: 'review', event: 'enter', data: { by: 'ann', n: [1] } },
          h('i1', 'review', 'leave'),
        ]);
        expect(await store.history('i2')).toHaveLength(1);
        expect(await store.history('none')).toEqual([]);
      });

      it('chains audit entries: seq 1..n, each linked to the previous hash', async () => {
        const a = (n: number, subject = 'i1') => ({ at: at(n), actor: 'ann', action: `act${n}`, subject, ...(n % 2 ? { data: { n, nested: { k: [n] } } } : {}) });
        await store.commit({ audit: [a(1), a(2)] });
        await store.commit({ audit: [a(3, 'i2')] });
        await store.commit({ audit: [a(4), a(5, 'i2')] });
        const all = await store.audit({});
        expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
        expect(all[0]?.prev).toBe(GENESIS);
        expect(all[1]?.prev).toBe(all[0]?.hash);
        expect(findBrokenLink(all)).toBeUndefined();
        expect(all[2]).toMatchObject(a(3, 'i2'));
        expect((await store.audit({ subject: 'i2' })).map((e) => e.seq)).toEqual([3, 5]);
        expect((await store.audit({ afterSeq: 2, limit: 2 })).map((e) => e.seq)).toEqual([3, 4]);
        const tail = await store.audit({ afterSeq: 3 });
        expect(findBrokenLink(tail, all[2]?.hash)).toBeUndefined();
      });

      it('reads the audit rows with their stored seq beside each entry, for verification', async () => {
        await store.commit({ audit: [1, 2, 3].map((n) => ({ at: at(n), actor: 'ann', action: `act${n}`, subject: `s${n}` })) });
        const rows = await store.auditRows({ afterSeq: 1, limit: 5 });
        expect(rows.map((r) => r.entry)).toEqual((await store.audit({})).slice(1));
        // Every adapter keeps the seq twice (sqlite's column, mongo's _id): the copy must be readable.
        expect(rows.map((r) => r.columns.seq)).toEqual([2, 3]);
        for (const { entry, columns } of rows) for (const [field, value] of Object.entries(columns)) expect(value).toBe(entry[field as keyof typeof entry]);
      });

      it('keeps the audit chain intact under concurrent commits', async () => {
        await Promise.all(
          Array.from({ length: 6 }, (_, n) => store.commit({ audit: [{ at: at(n), actor: 'x', action: 'a', subject: `s${n}` }, { at: at(n), actor: 'x', action: 'b', subject: `s${n}` }] })),
        );
        const all = await store.audit({});
        expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        expect(findBrokenLink(all)).toBeUndefined();
      });

      it('stores notifications per instance', async () => {
        const n = (id: string, instanceId: string): NotificationRecord => ({ id, instanceId, at: T0, elementId: 'send', messageName: 'resultReady', trackingNumber: `TN-${instanceId}`, payload: { channel: 'sms', text: 'ready' } });
        await store.commit({ notifications: [n('n1', 'i1'), n('n2', 'i2')] });
        await store.commit({ notifications: [n('n3', 'i1')] });
        expect(await store.notifications('i1')).toStrictEqual([n('n1', 'i1'), n('n3', 'i1')]);
        expect(await store.notifications('none')).toEqual([]);
      });
    });

    describe('idempotency keys', () => {
      it('records a key with the start it belongs to and reads it back exactly; an unknown key is undefined', async () => {
        const record = keyRecord('clerk', 'k1', 'i1');
        await store.commit({ instanceInserts: [instance('i1')], idempotencyKeys: [record], audit: [{ at: T0, actor: 'clerk', action: 'instance.start', subject: 'i1' }] });
        expect(await store.getIdempotencyKey('clerk', 'k1')).toStrictEqual(record);
        expect(await store.getIdempotencyKey('clerk', 'k2')).toBeUndefined();
        expect(await store.getIdempotencyKey('other', 'k1')).toBeUndefined();
      });

      it('refuses a key already held in its scope with a ConflictError and writes nothing of the batch', async () => {
        await store.commit({ instanceInserts: [instance('i1')], idempotencyKeys: [keyRecord('clerk', 'k1', 'i1')] });
        const second = { instanceInserts: [instance('i2')], idempotencyKeys: [keyRecord('clerk', 'k1', 'i2', { at: at(5) })], audit: [{ at: at(5), actor: 'clerk', action: 'instance.start', subject: 'i2' }] };
        await expect(store.commit(second)).rejects.toBeInstanceOf(ConflictError);
        expect(await store.getInstance('i2')).toBeUndefined();
        expect(await store.audit({})).toEqual([]);
        expect((await store.getIdempotencyKey('clerk', 'k1'))?.instanceId).toBe('i1');
      });

      it('keeps scopes apart: the same key in another scope is another key', async () => {
        await store.commit({ idempotencyKeys: [keyRecord('clerk', 'k1', 'i1'), keyRecord('clerk-2', 'k1', 'i2')] });
        expect((await store.getIdempotencyKey('clerk', 'k1'))?.instanceId).toBe('i1');
        expect((await store.getIdempotencyKey('clerk-2', 'k1'))?.instanceId).toBe('i2');
      });

      it('replaces a key whose retention has passed', async () => {
        await store.commit({ idempotencyKeys: [keyRecord('clerk', 'k1', 'i1', { expiresAt: at(60) })] });
        await expect(store.commit({ idempotencyKeys: [keyRecord('clerk', 'k1', 'i2', { at: at(59) })] })).rejects.toBeInstanceOf(ConflictError);
        const later = keyRecord('clerk', 'k1', 'i2', { at: at(60), expiresAt: at(120) });
        await store.commit({ idempotencyKeys: [later] });
        expect(await store.getIdempotencyKey('clerk', 'k1')).toStrictEqual(later);
      });

      it('lets exactly one of racing starts under one key commit', async () => {
        const results = await Promise.allSettled(
          ['a', 'b', 'c', 'd'].map((id) => store.commit({ instanceInserts: [instance(id)], idempotencyKeys: [keyRecord('clerk', 'race', id)] })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
        const winner = (await store.getIdempotencyKey('clerk', 'race'))!.instanceId;
        expect((await store.listInstances({})).map((i) => i.id)).toEqual([winner]);
      });
    });

    describe('attachments', () => {
      const scan = (id: string, instanceId: string, bytes: number[]): AttachmentWrite => ({
        record: { id, instanceId, at: T0, by: 'clerk', fileName: `${id}.pdf`, contentType: 'application/pdf', size: bytes.length, sha256: `sha-${id}` },
        content: Uint8Array.from(bytes),
      });

      it('keeps each attachment with its bytes, listed per application in upload order without them', async () => {
        const bytes = Array.from({ length: 300 }, (_, n) => n % 256);
        await store.commit({ attachments: [scan('a1', 'i1', bytes), scan('a2', 'i2', [1])] });
        await store.commit({ attachments: [scan('a3', 'i1', [0, 255, 0])] });
        expect(await store.attachments('i1')).toStrictEqual([scan('a1', 'i1', bytes).record, scan('a3', 'i1', [0, 255, 0]).record]);
        expect(await store.attachments('none')).toEqual([]);
        expect(Array.from((await store.attachmentContent('i1', 'a1'))!)).toEqual(bytes);
        expect(Array.from((await store.attachmentContent('i1', 'a3'))!)).toEqual([0, 255, 0]);
      });

      it("serves an attachment's bytes only under its own application", async () => {
        await store.commit({ attachments: [scan('a1', 'i1', [7])] });
        expect(await store.attachmentContent('i2', 'a1')).toBeUndefined();
        expect(await store.attachmentContent('i1', 'missing')).toBeUndefined();
      });

      it('refuses a second attachment under the same id and writes nothing of the batch', async () => {
        await store.commit({ attachments: [scan('a1', 'i1', [1])] });
        const again = { attachments: [scan('a1', 'i1', [2])], audit: [{ at: T0, actor: 'clerk', action: 'attachment.add', subject: 'i1' }] };
        await expect(store.commit(again)).rejects.toBeInstanceOf(ConflictError);
        expect(Array.from((await store.attachmentContent('i1', 'a1'))!)).toEqual([1]);
        expect(await store.audit({ subject: 'i1' })).toEqual([]);
      });
    });
  });
}
