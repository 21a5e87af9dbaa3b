import type { InstanceView, InstanceFilter, InstancePage } from '../api.js';
import { InvalidArgumentError } from '../errors.js';
import type { InstanceRecord } from '../store/port.js';
import type { EngineCore } from './EngineCore.js';
import { toView, viewState } from './views.js';

/** Declared in the API contract (engine/api.ts); re-exported where they were. */
export type { InstanceFilter, InstancePage };

/** Instances scanned per query at most: the listing filters in the engine over the store's port. */
const SCAN_LIMIT = 100_000;

/**
 * The operator's instance listing. The store port answers by key and status; the other filters
 * (version, incident, element, service, centre, agency, dates) are applied here over that
 * result, so every adapter serves it unchanged.
 */
export async function listInstances(core: EngineCore, filter: InstanceFilter = {}): Promise<InstancePage> {
  const limit = filter.limit ?? 50;
  const offset = filter.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1_000) throw new InvalidArgumentError('limit', 'must be a whole number from 1 to 1000');
  if (!Number.isInteger(offset) || offset < 0) throw new InvalidArgumentError('offset', 'must be a whole number, 0 or more');
  const status = filter.state === 'incident' || filter.hasIncident ? 'active' : filter.state;
  const records = await core.store.listInstances({ ...(filter.key ? { key: filter.key } : {}), ...(status ? { status } : {}), limit: SCAN_LIMIT });
  const agencies = new Map<string, string | undefined>();
  const agencyOf = async (definitionId: string) => {
    if (!agencies.has(definitionId)) agencies.set(definitionId, (await core.definitions.require(definitionId)).graph.agency);
    return agencies.get(definitionId);
  };
  const matching: InstanceRecord[] = [];
  for (const record of records) {
    if (!(await matches(record, filter, await agencyOf(record.definitionId)))) continue;
    matching.push(record);
  }
  const counts = { active: 0, incident: 0, completed: 0, terminated: 0 };
  for (const record of matching) counts[viewState(record)] += 1;
  matching.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.id < b.id ? 1 : -1));
  return { total: matching.length, counts, items: matching.slice(offset, offset + limit).map(toView) };
}

async function matches(record: InstanceRecord, filter: InstanceFilter, agency: string | undefined): Promise<boolean> {
  if (filter.version !== undefined && record.definitionId !== `${record.key}:${filter.version}`) return false;
  if (filter.state !== undefined && viewState(record) !== filter.state) return false;
  if (filter.hasIncident !== undefined && record.incidents.length > 0 !== filter.hasIncident) return false;
  if (filter.elementId !== undefined && !record.tokens.some((t) => t.elementId === filter.elementId)) return false;
  if (filter.serviceCode !== undefined && record.serviceCode !== filter.serviceCode) return false;
  if (filter.centre !== undefined && record.centre !== filter.centre) return false;
  if (filter.agency !== undefined && agency !== filter.agency) return false;
  if (filter.startedFrom !== undefined && record.startedAt < filter.startedFrom) return false;
  if (filter.startedTo !== undefined && record.startedAt >= filter.startedTo) return false;
  if (filter.visible && !filter.visible({ key: record.key, definitionId: record.definitionId, ...(agency ? { agency } : {}), ...(record.centre ? { centre: record.centre } : {}) })) return false;
  return true;
}
