import type Database from 'better-sqlite3';
import type { StoreUnavailableError } from '../../errors.js';
import { createFolder } from './createFolder.js';
import { sqliteUnavailable } from './sqliteUnavailable.js';
import type { StoreFileGuard } from './StoreFileGuard.js';

/**
 * Opens a database file (`open`, which answers it as `db` with what else it found), or says in words why not. SQLite's own word is often just
 * "unable to open database file"; the probe of the folder finds the cause (read-only, full).
 * A database that opens but cannot take a write is refused too: better at start-up than at
 * the first application of the day. Then the guard starts watching the files it opened.
 */
export function openFile<T extends { readonly db: Database.Database }>(path: string, guard: StoreFileGuard, open: () => T): T {
  let opened: T;
  try {
    createFolder(path);
    opened = open();
  } catch (error) {
    const named = sqliteUnavailable(error, path);
    if (!named) throw error;
    const vague = /^SQLITE_(CANTOPEN|READONLY)/.test(String((error as { code?: unknown }).code));
    throw (vague ? probeQuietly(guard) : undefined) ?? named;
  }
  const problem = probeQuietly(guard);
  if (problem) {
    opened.db.close();
    throw problem;
  }
  guard.watch();
  return opened;
}

/** The probe's verdict, or nothing when the probe itself fails in a way we have no words for. */
function probeQuietly(guard: StoreFileGuard): StoreUnavailableError | undefined {
  try {
    return guard.probe();
  } catch {
    return undefined;
  }
}
