import type { DefinitionRecord, InstanceTally } from '../../engine/index.js';
import type { ServiceStandard } from '../../processes/standard.js';

export interface CatalogueVersion {
  readonly version: number;
  readonly deployedAt: string;
  readonly deployedBy?: string;
  readonly running: number;
  readonly incidents: number;
}

export interface CatalogueEntry {
  readonly key: string;
  readonly name?: string;
  readonly service?: { readonly code: string; readonly names?: ServiceStandard['names'] };
  readonly running: number;
  readonly incidents: number;
  readonly versions: readonly CatalogueVersion[];
}

/** Every deployed key with its versions (newest first), its service as the latest version names it, and the counts of its applications. */
export function catalogueEntries(records: readonly DefinitionRecord[], tallies: readonly InstanceTally[], standards: readonly ServiceStandard[]): CatalogueEntry[] {
  const counts = new Map<string, { running: number; incidents: number }>();
  for (const tally of tallies) {
    const count = counts.get(tally.definitionId) ?? { running: 0, incidents: 0 };
    count.running += tally.running;
    count.incidents += tally.withIncident;
    counts.set(tally.definitionId, count);
  }
  const byKey = new Map<string, DefinitionRecord[]>();
  for (const record of records) byKey.set(record.key, [...(byKey.get(record.key) ?? []), record]);
  return [...byKey.entries()]
    .map(([key, list]) => {
      const sorted = [...list].sort((a, b) => b.version - a.version);
      const latest = sorted[0] as DefinitionRecord;
      const versions = sorted.map((r) => ({
        version: r.version,
        deployedAt: r.deployedAt,
        ...(r.deployedBy ? { deployedBy: r.deployedBy } : {}),
        ...(counts.get(r.id) ?? { running: 0, incidents: 0 }),
      }));
      const code = latest.serviceCode;
      const names = standards.find((s) => s.code === code)?.names;
      return {
        key,
        ...(latest.name ? { name: latest.name } : {}),
        ...(code ? { service: { code, ...(names ? { names } : {}) } } : {}),
        running: versions.reduce((sum, v) => sum + v.running, 0),
        incidents: versions.reduce((sum, v) => sum + v.incidents, 0),
        versions,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}
