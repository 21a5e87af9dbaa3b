import type { SlaStatRow } from '../../engine/index.js';
import { csvCell } from '../audit/auditExport.js';

const COLUMNS = ['key', 'name', 'applications', 'completed', 'onTime', 'late', 'overdueOpen', 'atRiskOpen', 'onTimeRate', 'ratings', 'ratingAverage'] as const;

/** The statistics rows as CSV (rates as fractions with three decimals; empty when none). */
export function statReportCsv(rows: readonly (SlaStatRow & { label?: string })[]): string {
  const fraction = (n: number | null) => (n === null ? '' : n.toFixed(3));
  const lines = rows.map((r) =>
    [r.key, r.label ?? '', String(r.applications), String(r.completed), String(r.onTime), String(r.late), String(r.overdueOpen), String(r.atRiskOpen), fraction(r.onTimeRate), String(r.ratings), fraction(r.ratingAverage)]
      .map(csvCell)
      .join(','),
  );
  return [COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}
