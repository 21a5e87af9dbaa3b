import type { ApiClient } from '../api/ApiClient.js';
import type { SlaStatRow, StatDimension } from '../api/oversightApi.js';
import type { InLanguages } from '../i18n/i18n.js';

/** Which applications the dashboards count (server/stats/stats.routes.ts StatFilterQuery). */
export interface StatFilter {
  readonly from?: string;
  readonly to?: string;
  readonly centre?: string;
  readonly agency?: string;
  readonly service?: string;
  readonly channel?: string;
}

/** A row as the server answers it: with a readable name where it knows one. */
/** A row with its readable name; a centre's or agency's in other languages too (`labels`, from the directory). */
export type LabelledRow = SlaStatRow & { readonly label?: string; readonly labels?: InLanguages; readonly process?: string };

function search(by: StatDimension, filter: StatFilter): string {
  const pairs = Object.entries({ by, ...filter }).filter((pair): pair is [string, string] => typeof pair[1] === 'string' && pair[1] !== '');
  return new URLSearchParams(pairs).toString();
}

export const statsQuery = {
  rows: (api: ApiClient, by: StatDimension, filter: StatFilter) => api.request<LabelledRow[]>('GET', `/api/stats/sla?${search(by, filter)}`),
  /** The same rows as CSV (the per-centre report with `by=centre`). */
  csv: (api: ApiClient, by: StatDimension, filter: StatFilter) => api.request<string>('GET', `/api/stats/sla/report?${search(by, filter)}`),
};
