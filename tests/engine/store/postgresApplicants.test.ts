/**
 * The applicant index on PostgreSQL beyond the contract: migration 7 fills it from the instances
 * a database already holds, and the lookup can be served by the table's key.
 */
import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { InstanceRecord } from '../../../engine/store/port.js';
import { postgresStore } from '../../../engine/store/postgres/PostgresStore.js';
import { dropTestSchemas, freshSchema, postgresSkip, postgresUrl, withClient } from '../../support/postgresTestStore.js';

afterAll(dropTestSchemas);

const person = (id: string, minutes: number, applicant?: Record<string, unknown>): InstanceRecord => ({
  id, key: 'p', definitionId: 'p:1', version: 1, status: 'active', variables: {}, tokens: [], incidents: [],
  trackingNumber: `TN-${id}`, startedAt: new Date(Date.parse('2026-03-20T04:00:00.000Z') + minutes * 60_000).toISOString(), nextToken: 1,
  ...(applicant ? { applicant } : {}),
});

/** Runs the statements in the schema, one by one; the last one's rows. */
function sql<T extends pg.QueryResultRow>(schema: string, ...statements: string[]): Promise<T[]> {
  return withClient(schema, async (client) => {
    let rows: T[] = [];
    for (const text of statements) rows = (await client.query<T>(text)).rows;
    return rows;
  });
}

describe.skipIf(postgresSkip !== undefined)(`postgres: the applicant index${postgresSkip ? ` (skipped: ${postgresSkip})` : ''}`, () => {
  it('should fill it from the instances stored before migration 7, in that migration, once', async () => {
    const schema = freshSchema();
    const first = postgresStore({ url: postgresUrl!, schema, poolSize: 2 });
    await first.init();
    const old = Array.from({ length: 4500 }, (_, n) => person(`i${String(n).padStart(5, '0')}`, n, n % 3 === 2 ? undefined : { iin: String(900000000000 + n), name: n % 2 ? `Қайрат Сәдуақас ${n}` : 'Aigerim Seitkali' }));
    await first.commit({ instanceInserts: [...old, person('odd', 9000, { iin: 900101300123, name: 42 })] });
    await first.close();
    // The database as it was at migration 6.
    await sql(schema, 'DROP TABLE applicants', 'DELETE FROM schema_migrations WHERE version = 7');

    const store = postgresStore({ url: postgresUrl!, schema, poolSize: 2 });
    await store.init();
    try {
      expect((await store.findInstancesByApplicant({ iin: '900000000001', limit: 10 })).map((r) => r.id)).toEqual(['i00001']);
      expect(await store.findInstancesByApplicant({ iin: '900000000002', limit: 10 })).toEqual([]);
      expect((await store.findInstancesByApplicant({ namePrefix: 'СӘДУАҚ', limit: 5000 })).length).toBe(1500);
      expect((await store.findInstancesByApplicant({ namePrefix: 'seitkali', limit: 2 })).map((r) => r.id)).toEqual(['i04498', 'i04494']);
      await store.commit({ instanceInserts: [person('new', 9001, { iin: '900000000001', name: 'Aigerim Seitkali' })] });
      expect((await store.findInstancesByApplicant({ iin: '900000000001', limit: 10 })).map((r) => r.id)).toEqual(['new', 'i00001']);
    } finally {
      await store.close();
    }
    const again = postgresStore({ url: postgresUrl!, schema, poolSize: 2 });
    await again.init();
    await again.close();
    expect(await sql<{ n: number }>(schema, "SELECT COUNT(*)::int AS n FROM applicants WHERE kind = 'iin'")).toEqual([{ n: 3001 }]);
    expect(await sql<{ name: string }>(schema, 'SELECT name FROM schema_migrations WHERE version = 7')).toEqual([{ name: expect.stringContaining('applicant index') }]);
  });

  it("should read an IIN's page from the applicants key, in its order", async () => {
    const schema = freshSchema();
    const store = postgresStore({ url: postgresUrl!, schema, poolSize: 2 });
    await store.init();
    await store.close();
    const plan = await sql<{ 'QUERY PLAN': string }>(
      schema,
      'SET enable_seqscan = off',
      `EXPLAIN SELECT started_at, instance_id FROM applicants
       WHERE kind = 'iin' AND term = '900101300123' AND (started_at, instance_id) < ('\u{10FFFF}', '')
       ORDER BY started_at DESC, instance_id DESC LIMIT 20`,
    );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index Only Scan Backward using applicants_pkey/);
    expect(text).not.toMatch(/Sort/);
  });
});
