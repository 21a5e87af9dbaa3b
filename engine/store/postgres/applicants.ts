/**
 * The applicant index in PostgreSQL (store/shared/applicantIndex.ts): the same table as sqlite's,
 * terms folded in JavaScript (PostgreSQL's lower() follows the database's locale, and under "C"
 * folds ASCII only), compared in byte order ("C"), so a name prefix is a range of the key.
 */
import type { PoolClient } from 'pg';
import type { InstanceRecord } from '../port.js';
import { applicantRows } from '../shared/applicantIndex.js';

/** Instances read per step of the migration's backfill. */
const BACKFILL_PAGE = 2000;

/** The index rows of the instances a commit inserts, in one statement. */
export async function insertApplicants(c: PoolClient, instances: readonly Pick<InstanceRecord, 'id' | 'startedAt' | 'applicant'>[]): Promise<void> {
  const kinds: string[] = [];
  const terms: string[] = [];
  const startedAt: string[] = [];
  const ids: string[] = [];
  for (const i of instances) {
    for (const [kind, term] of applicantRows(i)) kinds.push(kind), terms.push(term), startedAt.push(i.startedAt), ids.push(i.id);
  }
  if (ids.length === 0) return;
  await c.query('INSERT INTO applicants (kind, term, started_at, instance_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])', [kinds, terms, startedAt, ids]);
}

export const APPLICANTS_MIGRATION = {
  version: 7,
  name: 'the applicant index (IIN and name terms), filled from the instances already stored',
  sql: `
CREATE TABLE applicants (
  kind text COLLATE "C" NOT NULL,
  term text COLLATE "C" NOT NULL,
  started_at text COLLATE "C" NOT NULL,
  instance_id text COLLATE "C" NOT NULL,
  PRIMARY KEY (kind, term, started_at, instance_id)
);
`,
  /** In the migration's transaction: the index is complete when the migration is recorded. */
  async backfill(c: PoolClient): Promise<void> {
    for (let after = ''; ; ) {
      const page = await c.query<{ id: string; started_at: string; applicant: Record<string, unknown> }>(
        `SELECT id, started_at, doc->'applicant' AS applicant FROM instances
         WHERE id > $1 AND jsonb_typeof(doc->'applicant') = 'object' ORDER BY id LIMIT $2`,
        [after, BACKFILL_PAGE],
      );
      if (page.rows.length === 0) return;
      await insertApplicants(c, page.rows.map((row) => ({ id: row.id, startedAt: row.started_at, applicant: row.applicant })));
      after = page.rows.at(-1)!.id;
    }
  },
};
