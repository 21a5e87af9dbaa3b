import type { DirectoryUser, Engine, OrgUnit, OrgUnitKind } from '../../engine/index.js';
import { HttpProblem } from '../HttpProblem.js';

/** The path segment of each kind (`/api/admin/groups`). */
export const KIND_BY_PATH = { groups: 'group', centres: 'centre', agencies: 'agency' } as const satisfies Record<string, OrgUnitKind>;

const USER_FIELD = { group: 'groups', centre: 'centre', agency: 'agency' } as const;

function unitsOfUser(kind: OrgUnitKind, user: DirectoryUser): readonly string[] {
  if (kind === 'group') return user.groups;
  const value = kind === 'centre' ? user.centre : user.agency;
  return value ? [value] : [];
}

/**
 * The units of a kind: those the administrator (or the demo seed) recorded, and those only
 * named on users (data from before units were kept), each with its active members.
 */
export async function knownUnits(engine: Engine, kind: OrgUnitKind): Promise<(OrgUnit & { members: number })[]> {
  const users = await engine.directory.listUsers();
  const members = new Map<string, number>();
  for (const user of users) for (const unit of unitsOfUser(kind, user)) members.set(unit, (members.get(unit) ?? 0) + (user.active ? 1 : 0));
  const recorded = await engine.directory.listUnits(kind);
  const byId = new Map<string, OrgUnit>(recorded.map((u) => [u.id, u]));
  for (const unitId of members.keys()) if (!byId.has(unitId)) byId.set(unitId, { id: unitId, name: unitId });
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((u) => ({ ...u, members: members.get(u.id) ?? 0 }));
}

/** 400 naming the field when a user's group, centre or agency is not one the directory knows. */
export async function requireKnownUnits(engine: Engine, user: { groups: readonly string[]; centre?: string | undefined; agency?: string | undefined }): Promise<void> {
  const wanted: [OrgUnitKind, readonly string[]][] = [
    ['group', user.groups],
    ['centre', user.centre ? [user.centre] : []],
    ['agency', user.agency ? [user.agency] : []],
  ];
  for (const [kind, ids] of wanted) {
    if (!ids.length) continue;
    const known = new Set((await knownUnits(engine, kind)).map((u) => u.id));
    const missing = ids.find((unitId) => !known.has(unitId));
    if (missing !== undefined) {
      throw new HttpProblem(400, 'bad_request', `body.${USER_FIELD[kind]}: no ${kind} ${JSON.stringify(missing)} (create it first)`, { field: USER_FIELD[kind] });
    }
  }
}
