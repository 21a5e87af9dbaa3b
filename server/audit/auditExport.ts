import type { AuditEntry } from '../../engine/index.js';
import type { AuditFilter } from './auditSelection.js';

export const AUDIT_CSV_COLUMNS = ['seq', 'at', 'actor', 'action', 'subject', 'data', 'format', 'prev', 'hash'] as const;

/**
 * The JSON export: the entries exactly as they were hashed (every field, `format` included),
 * so anyone can recompute each hash and the links between neighbours (engine/audit
 * verifyExport) without access to the store.
 */
export function auditJsonExport(entries: readonly AuditEntry[], filter: AuditFilter & { instance?: string }, exportedAt: string) {
  return {
    exportedAt,
    filter,
    count: entries.length,
    ...(entries.length ? { firstSeq: entries[0]!.seq, lastSeq: entries.at(-1)!.seq } : {}),
    entries,
  };
}

/** The CSV export, one row per entry (data as canonical-free JSON); for spreadsheets, not for verifying. */
export function auditCsvExport(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) => [String(e.seq), e.at, e.actor, e.action, e.subject, e.data === undefined ? '' : JSON.stringify(e.data), e.format === undefined ? '1' : String(e.format), e.prev, e.hash]);
  return [AUDIT_CSV_COLUMNS.join(','), ...rows.map((cells) => cells.map(csvCell).join(','))].join('\r\n') + '\r\n';
}

/**
 * A CSV cell: quoted when it holds a quote, comma or line break; a cell a spreadsheet would run
 * as a formula (`=`, `+`, `-`, `@`, tab, CR first) is prefixed with `'` so it stays text.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
