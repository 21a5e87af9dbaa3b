import type { InstanceView } from '../api.js';
import { InvalidArgumentError } from '../errors.js';
import type { EngineCore } from '../commands/EngineCore.js';
import { toView } from '../commands/views.js';

export type { ApplicantQuery } from './types.js';
import type { ApplicantQuery } from './types.js';

export const MIN_NAME_SEARCH = 3;
const DEFAULT_LIMIT = 1000;

/**
 * The applications of an applicant, by IIN or by name, newest first, whoever's scope they are
 * in: the caller (the server) keeps only those the viewer may open and records the look-up.
 * One indexed store query (Store.findInstancesByApplicant), paged by `after`.
 */
export async function findApplications(core: EngineCore, query: ApplicantQuery): Promise<InstanceView[]> {
  const iin = query.iin?.trim();
  // The store folds the name (case, ё, spaces) as its index does.
  const name = query.name?.normalize('NFC').trim();
  if (iin === undefined && name === undefined) throw new InvalidArgumentError('iin', 'give an IIN or a name to search by');
  if (iin !== undefined && !/^\d{12}$/.test(iin)) throw new InvalidArgumentError('iin', 'an IIN is 12 digits');
  if (name !== undefined && name.length < MIN_NAME_SEARCH) throw new InvalidArgumentError('name', `give at least ${MIN_NAME_SEARCH} letters of the name`);
  const found = await core.store.findInstancesByApplicant({
    ...(iin !== undefined ? { iin } : {}),
    ...(name !== undefined ? { namePrefix: name } : {}),
    limit: query.limit ?? DEFAULT_LIMIT,
    ...(query.after ? { after: query.after } : {}),
  });
  return found.map(toView);
}
