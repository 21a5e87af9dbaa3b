/**
 * The shared test PostgreSQL (postgresGlobalSetup.ts) from inside a test file: a fresh schema per
 * store, so tests never see each other's rows, and the reason when there is no server.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export const postgresUrl: string | undefined = inject('postgresUrl');
export const postgresSkip: string | undefined = postgresUrl ? undefined : (inject('postgresSkip') ?? 'no PostgreSQL for the tests');

/** A new schema name, dropped by `dropTestSchemas`. */
const made: string[] = [];
export function freshSchema(): string {
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  made.push(schema);
  return schema;
}

export async function dropTestSchemas(): Promise<void> {
  if (!postgresUrl || made.length === 0) return;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    for (const schema of made.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
