/**
 * Live updates across nodes with LISTEN/NOTIFY. A commit that touched tasks or instances sends,
 * inside its transaction, one or more notifications naming the ids (delivered at COMMIT, to
 * every node; none on rollback). A payload holds at most ~7,000 bytes (the server's limit is
 * 8,000): more ids go in more notifications. The listener reads the rows the ids name, so a
 * watcher sees the records as they now are, never a copy squeezed into a payload.
 */
import pg from 'pg';
import type { PoolClient, PoolConfig } from 'pg';
import type { InstanceRecord, StoreChange, StoreWatch, TaskRecord } from '../port.js';
import { ident } from './schema.js';

export interface ChangedIds {
  readonly tasksCreated: string[];
  readonly tasksChanged: string[];
  readonly instancesStarted: string[];
  readonly instancesChanged: string[];
}

type Part = keyof ChangedIds;
const PARTS: readonly Part[] = ['tasksCreated', 'tasksChanged', 'instancesStarted', 'instancesChanged'];
const MAX_PAYLOAD_BYTES = 7_000;

/** The channel of one schema's changes (LISTEN names are identifiers: at most 63 bytes). */
export function channelOf(schema: string): string {
  return `tereze_changes_${schema}`.slice(0, 63);
}

/** Splits the ids into payloads under the limit; none when nothing changed. */
export function payloadsOf(changed: ChangedIds): string[] {
  const payloads: string[] = [];
  let current: Partial<Record<Part, string[]>> = {};
  let size = 2;
  for (const part of PARTS) {
    for (const id of changed[part]) {
      const cost = Buffer.byteLength(JSON.stringify(id)) + part.length + 6;
      if (size + cost > MAX_PAYLOAD_BYTES && size > 2) {
        payloads.push(JSON.stringify(current));
        current = {};
        size = 2;
      }
      (current[part] ??= []).push(id);
      size += cost;
    }
  }
  if (size > 2) payloads.push(JSON.stringify(current));
  return payloads;
}

export async function notifyChanges(c: PoolClient, channel: string, changed: ChangedIds): Promise<void> {
  for (const payload of payloadsOf(changed)) await c.query('SELECT pg_notify($1, $2)', [channel, payload]);
}

/**
 * Listens on its own connection (a pooled one would be handed to others). A lost connection is
 * reported through `onError`: the caller (engine/events/StoreFeed) reopens the watch.
 */
export async function listenForChanges(
  config: PoolConfig,
  schema: string,
  onChange: (change: StoreChange) => void,
  onError: (error: unknown) => void,
): Promise<StoreWatch> {
  const client = new pg.Client(config);
  let closed = false;
  const failed = (error: unknown) => {
    if (closed) return;
    closed = true;
    client.end().catch(() => {});
    onError(error);
  };
  client.on('error', failed);
  client.on('end', () => failed(new Error('the change feed connection closed')));
  await client.connect();
  await client.query(`SET search_path TO ${ident(schema)}`);
  // Rows are read in notification order, one at a time, so changes reach the listener in commit order.
  let reading = Promise.resolve();
  client.on('notification', (message) => {
    if (!message.payload) return;
    const ids = JSON.parse(message.payload) as Partial<Record<Part, string[]>>;
    reading = reading.then(async () => {
      if (closed) return;
      try {
        const tasks = await rowsById<TaskRecord>(client, 'tasks', [...(ids.tasksCreated ?? []), ...(ids.tasksChanged ?? [])]);
        const instances = await rowsById<InstanceRecord>(client, 'instances', [...(ids.instancesStarted ?? []), ...(ids.instancesChanged ?? [])]);
        const pick = <T>(found: Map<string, T>, list: string[] | undefined): T[] => (list ?? []).flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
        onChange({
          tasksCreated: pick(tasks, ids.tasksCreated),
          tasksChanged: pick(tasks, ids.tasksChanged),
          instancesStarted: pick(instances, ids.instancesStarted),
          instancesChanged: pick(instances, ids.instancesChanged),
        });
      } catch (error) {
        failed(error);
      }
    });
  });
  await client.query(`LISTEN ${ident(channelOf(schema))}`);
  return {
    async close() {
      if (closed) return;
      closed = true;
      await reading;
      await client.end().catch(() => {});
    },
  };
}

async function rowsById<T>(client: pg.Client, table: 'tasks' | 'instances', ids: string[]): Promise<Map<string, T>> {
  if (ids.length === 0) return new Map();
  const result = await client.query<{ id: string; doc: T }>(`SELECT id, doc FROM ${table} WHERE id = ANY($1::text[])`, [ids]);
  return new Map(result.rows.map((row) => [row.id, row.doc]));
}
