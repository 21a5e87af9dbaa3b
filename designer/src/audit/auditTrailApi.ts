import type { ApiClient } from '../api/ApiClient.js';
import type { AuditEntry } from '../api/oversightApi.js';

/** What the auditor selects (server/audit/audit.routes.ts): every field optional. */
export interface AuditSelection {
  readonly actor?: string;
  readonly action?: string;
  readonly subject?: string;
  readonly trackingNumber?: string;
  /** ISO instants: `from` inclusive, `to` exclusive. */
  readonly from?: string;
  readonly to?: string;
}

/** The JSON export: the entries exactly as hashed. */
export interface AuditExport {
  readonly exportedAt: string;
  readonly count: number;
  readonly firstSeq?: number;
  readonly lastSeq?: number;
  readonly entries: readonly AuditEntry[];
}

function search(selection: AuditSelection, extra: Record<string, string>): string {
  const pairs = Object.entries({ ...selection, ...extra }).filter((pair): pair is [string, string] => typeof pair[1] === 'string' && pair[1] !== '');
  return new URLSearchParams(pairs).toString();
}

export const auditTrailApi = {
  /** One page of the selection after `afterSeq`. */
  page: (api: ApiClient, selection: AuditSelection, afterSeq: number, limit: number) =>
    api.request<AuditEntry[]>('GET', `/api/audit?${search(selection, { afterSeq: String(afterSeq), limit: String(limit) })}`),
  exportJson: (api: ApiClient, selection: AuditSelection) => api.request<AuditExport>('GET', `/api/audit/export?${search(selection, { format: 'json' })}`),
  exportCsv: (api: ApiClient, selection: AuditSelection) => api.request<string>('GET', `/api/audit/export?${search(selection, { format: 'csv' })}`),
};
