import type { InstanceView } from '../api.js';
import { InvalidArgumentError } from '../errors.js';
import type { EngineCore } from '../commands/EngineCore.js';
import { toView } from '../commands/views.js';

export type { ApplicantQuery } from './types.js';
import type { ApplicantQuery } from './types.js';

/** Instances read per search at most: the store port lists instances, it does not index applicants. */
const SCAN_LIMIT = 100_000;
export const MIN_NAME_SEARCH = 3;

/**
 * The applications of an applicant, by IIN or by name, newest first, whoever's scope they are
 * in: the caller (the server) keeps only those the viewer may open and records the look-up.
 */
export async function findApplications(core: EngineCore, query: ApplicantQuery): Promise<InstanceView[]> {
  const iin = query.iin?.trim();
  const name = query.name?.trim().toLocaleLowerCase('ru');
  if (iin === undefined && name === undefined) throw new InvalidArgumentError('iin', 'give an IIN or a name to search by');
  if (iin !== undefined && !/^\d{12}$/.test(iin)) throw new InvalidArgumentError('iin', 'an IIN is 12 digits');
  if (name !== undefined && name.length < MIN_NAME_SEARCH) throw new InvalidArgumentError('name', `give at least ${MIN_NAME_SEARCH} letters of the name`);
  const limit = query.limit ?? 1000;
  const found = [];
  for (const record of await core.store.listInstances({ limit: SCAN_LIMIT })) {
    const applicant = record.applicant ?? {};
    if (iin !== undefined && applicant['iin'] !== iin) continue;
    if (name !== undefined && !(typeof applicant['name'] === 'string' && applicant['name'].toLocaleLowerCase('ru').includes(name))) continue;
    found.push(record);
  }
  found.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.id < b.id ? 1 : -1));
  return found.slice(0, limit).map(toView);
}
