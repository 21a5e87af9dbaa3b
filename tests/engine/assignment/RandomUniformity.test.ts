import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Directory, TaskAssigner, sqliteStore, type Store } from '../../../engine/index.js';
import { PolicyDocuments } from '../../../engine/PolicyDocuments.js';
import { chiSquareUniform } from '../../support/chiSquare.js';

describe('random assignment', () => {
  let store: Store;
  let assigner: TaskAssigner;
  const officials = Array.from({ length: 40 }, (_, i) => `official-${String(i + 1).padStart(2, '0')}`);
  const absent = ['official-03', 'official-17', 'official-29'];
  const excluded = ['official-08', 'official-40'];

  beforeAll(async () => {
    store = sqliteStore(':memory:');
    await store.init();
    const now = () => new Date('2026-03-02T05:00:00Z');
    const directory = new Directory(new PolicyDocuments(store, now, 60_000), now);
    for (const id of officials) await directory.putUser({ id, name: id, roles: ['official'], groups: ['land'] });
    for (const id of absent) await directory.setAbsence(id, { from: '2026-03-01', to: '2026-03-06' });
    assigner = new TaskAssigner(directory, store);
  });
  afterAll(() => store.close());

  it('should spread 100,000 draws uniformly over the eligible officials (chi-square p > 0.001), never to an absent or excluded one', async () => {
    const eligible = officials.filter((o) => !absent.includes(o) && !excluded.includes(o));
    const counts = new Map(eligible.map((id) => [id, 0]));
    const spec = { assignment: 'random', candidateGroup: 'land', office: 'back', excludeAssigneesOf: ['first'], returnsResult: false } as const;
    for (let i = 0; i < 100_000; i++) {
      const { assignee } = await assigner.assign({ taskId: `t${i}`, instanceId: 'i', elementId: 'review', spec, at: '2026-03-02T05:00:00Z', localDate: '2026-03-02', excluded, rotations: new Map() });
      expect(counts.has(assignee!)).toBe(true);
      counts.set(assignee!, counts.get(assignee!)! + 1);
    }
    const { p, degreesOfFreedom } = chiSquareUniform([...counts.values()]);
    expect(degreesOfFreedom).toBe(34);
    expect(p).toBeGreaterThan(0.001);
  });

  it('should tell a skewed distribution apart (the test can fail)', () => {
    const skewed = Array.from({ length: 35 }, (_, i) => (i === 0 ? 3_200 : 2_765));
    expect(chiSquareUniform(skewed).p).toBeLessThan(0.001);
    expect(chiSquareUniform(Array.from({ length: 35 }, () => 2_857)).p).toBeGreaterThan(0.99);
  });
});
