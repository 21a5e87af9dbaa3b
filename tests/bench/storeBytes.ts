/**
 * What a run wrote, in bytes (issue 15, item 3): the bytes the process handed to the kernel
 * (`wchar` of /proc/self/io: the WAL frames of every commit and the checkpoints into the file,
 * Linux only), and what the file holds at the end by table and index (SQLite's `dbstat`
 * virtual table: pages × page size), with the average JSON document of each table.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';

/** Bytes this process has written through write(2) and friends so far; undefined off Linux. */
export function processWrittenBytes(): number | undefined {
  try {
    const match = /^wchar:\s*(\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export interface StoredBytes {
  /** Table or index name → bytes of its pages in the file. */
  readonly byName: Readonly<Record<string, number>>;
  /** Table → average length of its `doc` column, in bytes. */
  readonly docBytes: Readonly<Record<string, number>>;
  /** Table → rows. */
  readonly rows: Readonly<Record<string, number>>;
}

const DOC_TABLES = ['instances', 'tasks', 'history', 'audit', 'jobs', 'notifications', 'notification_outbox'] as const;

/** Reads a store file's layout through a second, read-only connection (WAL lets it sit beside the writer). */
export function storedBytes(path: string): StoredBytes {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const byName: Record<string, number> = {};
    for (const row of db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as { name: string; bytes: number }[]) {
      byName[row.name] = row.bytes;
    }
    const docBytes: Record<string, number> = {};
    const rows: Record<string, number> = {};
    for (const table of DOC_TABLES) {
      const column = table === 'jobs' ? 'payload' : 'doc';
      const found = db.prepare(`SELECT COUNT(*) AS n, AVG(LENGTH(${column})) AS avg FROM ${table}`).get() as { n: number; avg: number | null };
      rows[table] = found.n;
      docBytes[table] = Math.round(found.avg ?? 0);
    }
    return { byName, docBytes, rows };
  } finally {
    db.close();
  }
}
