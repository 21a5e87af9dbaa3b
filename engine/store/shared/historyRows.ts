import type { HistoryEntry } from '../port.js';

/**
 * One history row (sqlite, PostgreSQL): the entries one commit wrote for one instance. The row
 * is read by its instance, so the entries do not repeat the instance id, and the moment shared
 * by the commit's entries (all of them, as a rule) is said once: measured on the national day,
 * the rows were 703 bytes on average, four fifths of it instance ids and times repeated.
 */
export interface HistoryRow {
  readonly at: string;
  readonly entries: readonly PackedEntry[];
}

/** An entry without its instance, and without its moment when that is the row's. */
type PackedEntry = Omit<HistoryEntry, 'instanceId' | 'at'> & { readonly at?: string };

export function packHistory(entries: readonly HistoryEntry[]): HistoryRow {
  const at = entries[0]?.at ?? '';
  return {
    at,
    entries: entries.map(({ instanceId: _instance, at: entryAt, ...rest }) => (entryAt === at ? rest : { ...rest, at: entryAt })),
  };
}

/**
 * The entries of a stored row, as they were written. Rows written before this form are the
 * entries themselves: an array (one row per commit) or a single entry (the first stores).
 */
export function unpackHistory(instanceId: string, doc: HistoryRow | readonly HistoryEntry[] | HistoryEntry): HistoryEntry[] {
  if (Array.isArray(doc)) return doc as HistoryEntry[];
  if (!('entries' in doc)) return [doc as HistoryEntry];
  const row = doc as HistoryRow;
  return row.entries.map((entry) => ({ instanceId, at: row.at, ...entry }) as HistoryEntry);
}
