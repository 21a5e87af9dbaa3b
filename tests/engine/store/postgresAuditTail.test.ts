/**
 * The audit chain's tail on PostgreSQL: read at every audited commit under the audit lock, it
 * must come from the primary key's end, not from a sort of the whole table.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { AUDIT_TAIL_SQL } from '../../../engine/store/postgres/applyBatch.js';
import { postgresStore } from '../../../engine/store/postgres/PostgresStore.js';
import { dropTestSchemas, freshSchema, postgresSkip, postgresUrl, withClient } from '../../support/postgresTestStore.js';

afterAll(dropTestSchemas);

describe.skipIf(postgresSkip !== undefined)(`postgres: the audit tail${postgresSkip ? ` (skipped: ${postgresSkip})` : ''}`, () => {
  it('should read the last link from audit_pkey backwards, without a sort, and chain after it', async () => {
    const schema = freshSchema();
    const store = postgresStore({ url: postgresUrl!, schema, poolSize: 2 });
    await store.init();
    try {
      const entry = (n: number) => ({ at: '2026-03-20T04:00:00.000Z', actor: 'a', action: 'x.y', subject: `s${n}` });
      await store.commit({ audit: Array.from({ length: 300 }, (_, n) => entry(n)) });
      await store.commit({ audit: [entry(300)] });
      const rows = await store.auditRows({ afterSeq: 298, limit: 10 });
      expect(rows.map((r) => r.columns.seq)).toEqual([299, 300, 301]);
      expect(rows.every((r) => typeof r.columns.seq === 'number' && r.entry.seq === r.columns.seq)).toBe(true);
      expect(rows[2]!.entry.prev).toBe(rows[1]!.columns.hash);
    } finally {
      await store.close();
    }
    const plan = await withClient(schema, async (client) => {
      await client.query('ANALYZE audit');
      return (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${AUDIT_TAIL_SQL}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index Scan Backward using audit_pkey/);
    expect(plan).not.toMatch(/Sort|Seq Scan/);
  });
});
