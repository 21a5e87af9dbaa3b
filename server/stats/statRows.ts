import { unitNamesOf, type Engine, type SlaStatRow, type StatDimension, type StatFilter } from '../../engine/index.js';
import type { ActingUser } from '../AppContext.js';
import { supervisionOf } from '../auth/supervision.js';

/**
 * The statistics rows a supervisor or auditor may see, each with a readable `label` where the
 * engine knows one (a service's process name, an official's name). What they may see (the
 * inspection, with neither agency, centre nor groups, sees every row):
 * - `agency`: their agencies' rows; `service`: the services of the processes they oversee;
 * - `official`: officials' names are personal data tied to performance, so only the officials
 *   of agencies they oversee (an official's agency in the directory);
 * - `centre`: the centres' counts of the applications of their agencies only;
 * - `channel`: organisation-wide counts that name no one, for everyone allowed here.
 */
export async function visibleStatRows(engine: Engine, user: ActingUser, by: StatDimension, filter: StatFilter): Promise<SlaStatRow[]> {
  const supervision = await supervisionOf(engine, user);
  if (by === 'centre') return withUnitNames(engine, 'centre', await visibleCentreRows(engine, supervision, filter));
  const rows = await engine.slaStats(by, filter);
  if (by === 'channel') return rows;
  if (by === 'service') {
    const names = new Map<string, string>();
    const processes = new Map<string, string>();
    const visible = new Set<string>();
    for (const d of await engine.definitions()) {
      if (!d.serviceCode) continue;
      if (d.graph.name) names.set(d.serviceCode, d.graph.name);
      processes.set(d.serviceCode, d.key);
      if (supervision.all || supervision.keys.has(d.key) || (d.graph.agency !== undefined && supervision.agencies.has(d.graph.agency))) visible.add(d.serviceCode);
    }
    return rows.filter((r) => visible.has(r.key)).map((r) => ({ ...withLabel(r, names.get(r.key)), ...(processes.has(r.key) ? { process: processes.get(r.key)! } : {}) }));
  }
  if (by === 'agency') return withUnitNames(engine, 'agency', supervision.all ? rows : rows.filter((r) => supervision.agencies.has(r.key)));
  const users = new Map((await engine.directory.listUsers()).map((u) => [u.id, u]));
  return rows
    .filter((r) => {
      if (supervision.all) return true;
      const agency = users.get(r.key)?.agency;
      return agency !== undefined && supervision.agencies.has(agency);
    })
    .map((r) => withLabel(r, users.get(r.key)?.name));
}

/** `centre`: the centres' counts of the applications of their agencies only (the inspection: all). */
async function visibleCentreRows(engine: Engine, supervision: Awaited<ReturnType<typeof supervisionOf>>, filter: StatFilter): Promise<SlaStatRow[]> {
  if (supervision.all) return engine.slaStats('centre', filter);
  const agencies = filter.agency ? [filter.agency].filter((a) => supervision.agencies.has(a)) : [...supervision.agencies];
  return mergeRows(await Promise.all(agencies.map((agency) => engine.slaStats('centre', { ...filter, agency }))));
}

/** Centres and agencies by the name the directory gives them (the administration's units), with that name in other languages (`labels`). */
async function withUnitNames(engine: Engine, kind: 'centre' | 'agency', rows: readonly SlaStatRow[]): Promise<SlaStatRow[]> {
  const units = new Map((await engine.directory.listUnits(kind)).map((u) => [u.id, u]));
  return rows.map((r) => {
    const unit = units.get(r.key);
    const labels = unit ? unitNamesOf(unit) : undefined;
    return { ...withLabel(r, unit?.name), ...(labels ? { labels } : {}) };
  });
}

function withLabel(row: SlaStatRow, label: string | undefined): SlaStatRow & { label?: string } {
  return label ? { ...row, label } : row;
}

/** Rows of the same keys summed (the rates recomputed from the sums). */
export function mergeRows(parts: readonly (readonly SlaStatRow[])[]): SlaStatRow[] {
  const sums = new Map<string, { completed: number; onTime: number; late: number; overdueOpen: number; atRiskOpen: number; applications: number; ratings: number; ratingSum: number }>();
  for (const row of parts.flat()) {
    const sum = sums.get(row.key) ?? { completed: 0, onTime: 0, late: 0, overdueOpen: 0, atRiskOpen: 0, applications: 0, ratings: 0, ratingSum: 0 };
    sums.set(row.key, {
      completed: sum.completed + row.completed,
      onTime: sum.onTime + row.onTime,
      late: sum.late + row.late,
      overdueOpen: sum.overdueOpen + row.overdueOpen,
      atRiskOpen: sum.atRiskOpen + row.atRiskOpen,
      applications: sum.applications + row.applications,
      ratings: sum.ratings + row.ratings,
      ratingSum: sum.ratingSum + (row.ratingAverage ?? 0) * row.ratings,
    });
  }
  return [...sums.entries()]
    .map(([key, { ratingSum, ...r }]) => ({
      key,
      ...r,
      onTimeRate: r.completed + r.overdueOpen ? r.onTime / (r.completed + r.overdueOpen) : null,
      ratingAverage: r.ratings ? ratingSum / r.ratings : null,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}
