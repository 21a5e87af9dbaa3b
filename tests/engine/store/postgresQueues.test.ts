/**
 * The group queues on PostgreSQL (migration 8): partial indexes of the open tasks nobody holds,
 * so a queue read takes its first entries instead of skipping the group's held tasks.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../engine/store/port.js';
import { postgresStore } from '../../../engine/store/postgres/PostgresStore.js';
import { dropTestSchemas, freshSchema, postgresSkip, postgresUrl, withClient } from '../../support/postgresTestStore.js';

afterAll(dropTestSchemas);

const task = (id: string, over: Partial<TaskRecord> = {}): TaskRecord =>
  ({ id, instanceId: 'i1', elementId: 'review', key: 'p', name: 'Review', assignee: null, candidateGroup: 'g', state: 'open', createdAt: '2026-03-20T04:00:00.000Z', version: 1, ...over }) as TaskRecord;

function plan(schema: string, text: string): Promise<string> {
  return withClient(schema, async (client) => {
    await client.query('SET enable_seqscan = off');
    return (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

describe.skipIf(postgresSkip !== undefined)(`postgres: the group queues${postgresSkip ? ` (skipped: ${postgresSkip})` : ''}`, () => {
  it('should read a queue through tasks_queue / tasks_queue_centre and give only the tasks nobody holds', async () => {
    const schema = freshSchema();
    const store = postgresStore({ url: postgresUrl!, schema, poolSize: 2 });
    await store.init();
    try {
      await store.commit({ taskInserts: [task('free'), task('held', { assignee: 'o1' }), task('desk', { centre: 'c1' })] });
      expect((await store.findTasks({ candidateGroup: 'g', unassigned: true })).map((t) => t.id).sort()).toEqual(['desk', 'free']);
      expect((await store.findTasks({ candidateGroup: 'g', unassigned: true, centre: 'c1' })).map((t) => t.id)).toEqual(['desk']);
      expect((await store.findTasks({ candidateGroup: 'g', unassigned: true, noCentre: true })).map((t) => t.id)).toEqual(['free']);
      expect((await store.findTasks({ candidateGroup: 'g' })).map((t) => t.id).sort()).toEqual(['desk', 'free', 'held']);
    } finally {
      await store.close();
    }
    const queue = "SELECT doc FROM tasks WHERE candidate_group = 'g' AND state = 'open' AND assignee IS NULL ORDER BY due_at NULLS LAST, created_at, id LIMIT 50";
    expect(await plan(schema, queue)).toMatch(/using tasks_queue on tasks/);
    const centre = "SELECT doc FROM tasks WHERE candidate_group = 'g' AND centre = 'c1' AND state = 'open' AND assignee IS NULL ORDER BY due_at NULLS LAST, created_at, id LIMIT 50";
    expect(await plan(schema, centre)).toMatch(/using tasks_queue_centre on tasks/);
  });
});
