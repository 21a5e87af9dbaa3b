/**
 * PostgreSQL schema as numbered migrations, applied once each under an advisory lock by
 * `migrate` (init), so nodes starting together do not race. Records are JSONB documents; the
 * fields the port queries or guards on are real columns with the indexes sqlite has. Instants
 * stay ISO-8601 UTC text (as in the other stores): they sort as they compare, and come back
 * exactly as written. Text columns the port orders by use the "C" collation (byte order, as
 * sqlite), whatever the database's locale.
 */
import type { PoolClient } from 'pg';
import { APPLICANTS_MIGRATION } from './applicants.js';
import { OUTBOX_MIGRATION } from './notificationOutbox.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Rows to derive from those already stored (in JavaScript), run after `sql` in the same transaction. */
  readonly backfill?: (client: PoolClient) => Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE definitions (
  id text COLLATE "C" PRIMARY KEY,
  key text COLLATE "C" NOT NULL,
  version integer NOT NULL,
  hash text NOT NULL,
  doc jsonb NOT NULL,
  UNIQUE (key, version),
  UNIQUE (key, hash)
);

CREATE TABLE instances (
  id text COLLATE "C" PRIMARY KEY,
  key text COLLATE "C" NOT NULL,
  status text NOT NULL,
  tracking_number text NOT NULL UNIQUE,
  version integer NOT NULL,
  started_at text COLLATE "C" NOT NULL,
  due_at text COLLATE "C",
  warn_at text COLLATE "C",
  at_risk boolean NOT NULL DEFAULT false,
  overdue boolean NOT NULL DEFAULT false,
  doc jsonb NOT NULL
);
CREATE INDEX instances_key_status ON instances (key, status, started_at);
CREATE INDEX instances_sla_warn ON instances (warn_at) WHERE status = 'active' AND NOT at_risk AND warn_at IS NOT NULL;
CREATE INDEX instances_sla_due ON instances (due_at) WHERE status = 'active' AND NOT overdue AND due_at IS NOT NULL;

CREATE TABLE tasks (
  id text COLLATE "C" PRIMARY KEY,
  instance_id text COLLATE "C" NOT NULL,
  assignee text COLLATE "C",
  candidate_group text COLLATE "C",
  centre text COLLATE "C",
  state text NOT NULL,
  due_at text COLLATE "C",
  warn_at text COLLATE "C",
  at_risk boolean NOT NULL DEFAULT false,
  overdue boolean NOT NULL DEFAULT false,
  created_at text COLLATE "C" NOT NULL,
  version integer NOT NULL,
  doc jsonb NOT NULL
);
-- the inboxes: mine, my group's queue, my group's queue at my centre, by deadline
CREATE INDEX tasks_assignee ON tasks (assignee, state, due_at);
CREATE INDEX tasks_group ON tasks (candidate_group, state, due_at);
CREATE INDEX tasks_group_centre ON tasks (candidate_group, centre, state, due_at) WHERE centre IS NOT NULL;
CREATE INDEX tasks_instance ON tasks (instance_id);
-- the SLA sweep: only open, not-yet-flagged rows are in these indexes
CREATE INDEX tasks_sla_warn ON tasks (warn_at) WHERE state = 'open' AND NOT at_risk AND warn_at IS NOT NULL;
CREATE INDEX tasks_sla_due ON tasks (due_at) WHERE state = 'open' AND NOT overdue AND due_at IS NOT NULL;

CREATE TABLE jobs (
  id text COLLATE "C" PRIMARY KEY,
  type text NOT NULL,
  due_at text COLLATE "C" NOT NULL,
  instance_id text COLLATE "C",
  token_id text,
  definition_id text COLLATE "C",
  element_id text NOT NULL,
  payload jsonb NOT NULL,
  locked_until text COLLATE "C",
  lock_owner text,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX jobs_due ON jobs (due_at, id);
CREATE INDEX jobs_locked ON jobs (locked_until) WHERE locked_until IS NOT NULL;
CREATE INDEX jobs_instance ON jobs (instance_id);
CREATE INDEX jobs_definition ON jobs (definition_id);

-- one row per instance and commit (a JSON array of entries), in insertion order
CREATE TABLE history (
  seq bigserial PRIMARY KEY,
  instance_id text COLLATE "C" NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX history_instance ON history (instance_id, seq);

CREATE TABLE audit (
  seq bigint PRIMARY KEY,
  subject text COLLATE "C" NOT NULL,
  hash text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX audit_subject ON audit (subject, seq);

CREATE TABLE policies (
  kind text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  version integer NOT NULL,
  at text NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (kind, id, version)
);

CREATE TABLE notifications (
  seq bigserial PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  instance_id text COLLATE "C" NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX notifications_instance ON notifications (instance_id, seq);

CREATE TABLE idempotency_keys (
  scope text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  expires_at text COLLATE "C" NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
`,
  },
  {
    version: 2,
    name: 'attachments',
    // the bytes in their own table, never in the instance rows every step reads
    sql: `
CREATE TABLE attachments (
  seq bigserial PRIMARY KEY,
  id text COLLATE "C" NOT NULL UNIQUE,
  instance_id text COLLATE "C" NOT NULL,
  doc jsonb NOT NULL,
  content bytea NOT NULL
);
CREATE INDEX attachments_instance ON attachments (instance_id, seq);
`,
  },
  OUTBOX_MIGRATION,
  {
    version: 4,
    name: 'messages kept for a catch not yet entered (correlate with a ttl)',
    sql: `
CREATE TABLE kept_messages (
  id text COLLATE "C" PRIMARY KEY,
  instance_id text COLLATE "C" NOT NULL,
  name text NOT NULL,
  published_at text COLLATE "C" NOT NULL,
  expires_at text COLLATE "C" NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX kept_messages_catch ON kept_messages (instance_id, name, expires_at);
`,
  },
  {
    version: 5,
    name: 'the signals each active instance waits for (a broadcast finds its waiters by name)',
    // NULL for the instances that wait for no signal (store/shared/signalWaits.ts): outside the
    // partial index, they cost it nothing. No signal wait existed before, so nothing to backfill.
    sql: `
ALTER TABLE instances ADD COLUMN signals text[];
CREATE INDEX instances_signal_waits ON instances USING gin (signals) WHERE signals IS NOT NULL;
`,
  },
  {
    version: 6,
    name: 'kept messages pruned by expiry as new ones are kept',
    sql: `
CREATE INDEX kept_messages_expiry ON kept_messages (expires_at);
`,
  },
  APPLICANTS_MIGRATION,
  {
    version: 8,
    name: 'the group queues: partial indexes of the open tasks nobody holds',
    // As in the sqlite store (schema.ts there): a queue read takes its first entries instead of
    // skipping every held task of the group; a task leaves the index when it is claimed.
    sql: `
CREATE INDEX tasks_queue ON tasks (candidate_group, due_at) WHERE state = 'open' AND assignee IS NULL;
CREATE INDEX tasks_queue_centre ON tasks (candidate_group, centre, due_at) WHERE state = 'open' AND assignee IS NULL;
DROP INDEX IF EXISTS tasks_group_centre;
`,
  },
];

/** Quotes an identifier (a schema name from the options). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Creates the schema and applies the migrations not yet applied, in one transaction under an
 * advisory lock keyed by the schema: of two nodes starting at once one migrates, the other then
 * finds everything applied. Idempotent.
 */
export async function migrate(client: PoolClient, schema: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tereze.migrate.${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
    await client.query(`SET LOCAL search_path TO ${ident(schema)}`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      await client.query(m.sql);
      await m.backfill?.(client);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
