import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Directory, TaskAssigner, sqliteStore, type Store } from '../../../engine/index.js';
import { PolicyDocuments } from '../../../engine/PolicyDocuments.js';

describe('TaskAssigner', () => {
  let store: Store;
  let assigner: TaskAssigner;
  const request = (spec: Record<string, unknown>) => ({
    taskId: 't1',
    instanceId: 'i1',
    elementId: 'review',
    spec: { assignment: 'random', candidateGroup: 'land', office: 'back', excludeAssigneesOf: [], returnsResult: false, ...spec } as never,
    at: '2026-03-02T05:00:00Z',
    localDate: '2026-03-02',
    excluded: [],
    rotations: new Map(),
  });

  beforeAll(async () => {
    store = sqliteStore(':memory:');
    await store.init();
    const now = () => new Date('2026-03-02T05:00:00Z');
    const directory = new Directory(new PolicyDocuments(store, now, 60_000), now);
    for (const id of ['ana', 'bek']) await directory.putUser({ id, name: id, roles: ['official'], groups: ['land'] });
    assigner = new TaskAssigner(directory, store, () => 0.99);
  });
  afterAll(() => store.close());

  it('should draw from the group for a random task', async () => {
    expect(await assigner.assign(request({}))).toMatchObject({ assignee: 'bek', audit: { action: 'task.assign', data: { poolSize: 2, pick: 'bek' } } });
  });

  it('should draw nobody, and audit nothing, for a claim task or a task without a candidate group', async () => {
    expect(await assigner.assign(request({ assignment: 'claim' }))).toEqual({ assignee: null });
    expect(await assigner.assign(request({ candidateGroup: undefined }))).toEqual({ assignee: null });
  });
});
