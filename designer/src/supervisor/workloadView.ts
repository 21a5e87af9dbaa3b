/** What a workload row counts (workload.ts' WorkloadRow; kept free of the i18n module so Node tests load it). */
export interface WorkloadCounts {
  /** '' for the group queues' unassigned tasks. */
  readonly official: string;
  readonly open: number;
  readonly overdue: number;
  readonly atRisk: number;
  readonly groups: readonly string[];
}

export const WORKLOAD_SORTS = ['name', 'open', 'overdue', 'atRisk'] as const;
export type WorkloadSort = (typeof WORKLOAD_SORTS)[number];

export interface WorkloadQuery {
  /** Display names by official id; an official without one is shown by id. */
  readonly names: ReadonlyMap<string, string>;
  /** Matches the name, the id or a group, case-insensitively. */
  readonly filter: string;
  readonly sort: WorkloadSort;
  readonly descending: boolean;
  /** 0-based. */
  readonly page: number;
  readonly pageSize: number;
}

export interface WorkloadPage<R extends WorkloadCounts> {
  readonly rows: readonly (R & { readonly name: string })[];
  readonly total: number;
  readonly pages: number;
  readonly page: number;
}

/** The workload as the table shows it: named, filtered, sorted (the unassigned queue always last) and cut into pages. */
export function workloadPage<R extends WorkloadCounts>(rows: readonly R[], query: WorkloadQuery): WorkloadPage<R> {
  const needle = query.filter.trim().toLowerCase();
  const named = rows.map((row) => ({ ...row, name: row.official ? (query.names.get(row.official) ?? row.official) : '' }));
  const kept = needle ? named.filter((r) => [r.name, r.official, ...r.groups].some((text) => text.toLowerCase().includes(needle))) : named;
  const sign = query.descending ? -1 : 1;
  const sorted = [...kept].sort((a, b) => {
    if (a.official === '' || b.official === '') return a.official === '' ? 1 : -1;
    const by = query.sort === 'name' ? a.name.localeCompare(b.name) : a[query.sort] - b[query.sort];
    return sign * by || a.name.localeCompare(b.name);
  });
  const pages = Math.max(1, Math.ceil(sorted.length / query.pageSize));
  const page = Math.min(Math.max(0, query.page), pages - 1);
  return { rows: sorted.slice(page * query.pageSize, (page + 1) * query.pageSize), total: sorted.length, pages, page };
}
