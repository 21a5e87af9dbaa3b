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

/** Runs `run` on a connection of its own to the test server, in `schema` when one is given. */
export async function withClient<T>(schema: string | undefined, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    if (schema !== undefined) await client.query(`SET search_path TO "${schema}"`);
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function dropTestSchemas(): Promise<void> {
  if (!postgresUrl || made.length === 0) return;
  await withClient(undefined, async (client) => {
    for (const schema of made.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
}
