import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ROLES, orgUnitSchema, type Engine } from '../../engine/index.js';

/**
 * The demo organisation (processes/demo/organisation.json): no passwords, only who is who. Its
 * centres, agencies and groups are the directory's units (`orgUnitSchema`), written in English
 * with their Kazakh and Russian in `translations` (people's names are theirs, in one writing).
 */
const id = z.string().regex(/^[A-Za-z0-9][\w.@-]{0,63}$/);
export const organisationSchema = z.object({
  centres: z.array(orgUnitSchema.omit({ agency: true }).required({ city: true })).min(1),
  agencies: z.array(orgUnitSchema.pick({ id: true, name: true, translations: true })).min(1),
  groups: z.array(orgUnitSchema.pick({ id: true, name: true, agency: true, translations: true })),
  users: z.array(
    z.object({ id, name: z.string().min(1), roles: z.array(z.enum(ROLES)).min(1), groups: z.array(id), agency: id.optional(), centre: id.optional() }),
  ),
  routing: z.array(z.object({ serviceCode: z.string().min(1), mode: z.enum(['single', 'alternative']), reason: z.string().min(1) })),
});
export type Organisation = z.output<typeof organisationSchema>;

export const ORGANISATION_FILE = join(dirname(fileURLToPath(import.meta.url)), 'organisation.json');

/** Reads and checks the organisation file; a bad entry is named by its path (users.3.roles.0). */
export function loadOrganisation(file: string = ORGANISATION_FILE): Organisation {
  const result = organisationSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
}

export interface SeedCounts {
  readonly usersAdded: number;
  readonly usersUpdated: number;
  readonly usersUnchanged: number;
  readonly routingSet: number;
  readonly routingUnchanged: number;
  /** Groups, centres and agencies put in the directory (an unchanged one is left alone). */
  readonly unitsAdded: number;
}

/**
 * Puts the organisation's users and routing decisions into the engine, idempotently: a user
 * already there with the same content, or a service whose latest decision already has the same
 * mode and reason, is left alone (no new version, no audit entry). Safe at every start.
 */
export async function seedOrganisation(engine: Engine, org: Organisation, options: { by?: string } = {}): Promise<SeedCounts> {
  const by = options.by ?? 'demo-seed';
  let usersAdded = 0;
  let usersUpdated = 0;
  let usersUnchanged = 0;
  for (const user of org.users) {
    const existing = await engine.directory.findUser(user.id);
    const wanted = { ...user, active: true };
    if (existing && sameUser(existing, wanted)) {
      usersUnchanged++;
      continue;
    }
    await engine.directory.putUser(wanted, { by });
    if (existing) usersUpdated++;
    else usersAdded++;
  }
  let unitsAdded = 0;
  const units = [
    ...org.groups.map((unit) => ({ kind: 'group' as const, unit })),
    ...org.centres.map((unit) => ({ kind: 'centre' as const, unit })),
    ...org.agencies.map((unit) => ({ kind: 'agency' as const, unit })),
  ];
  for (const { kind, unit } of units) {
    const existing = await engine.directory.findUnit(kind, unit.id);
    if (existing && JSON.stringify(existing) === JSON.stringify(unit)) continue;
    await engine.directory.putUnit(kind, unit, { by });
    unitsAdded++;
  }
  let routingSet = 0;
  let routingUnchanged = 0;
  for (const { serviceCode, mode, reason } of org.routing) {
    const latest = (await engine.routing.history(serviceCode)).at(-1);
    if (latest && latest.mode === mode && latest.reason === reason) {
      routingUnchanged++;
      continue;
    }
    // From the epoch: the demo's policy applies to every application, whatever the clock says.
    await engine.routing.set(serviceCode, { mode, reason, by, effectiveFrom: '2000-01-01T00:00:00Z' });
    routingSet++;
  }
  return { usersAdded, usersUpdated, usersUnchanged, routingSet, routingUnchanged, unitsAdded };
}

function sameUser(a: { name: string; roles: readonly string[]; groups: readonly string[]; agency?: string; centre?: string; active: boolean }, b: typeof a): boolean {
  const list = (xs: readonly string[]) => [...xs].sort().join(',');
  return a.name === b.name && list(a.roles) === list(b.roles) && list(a.groups) === list(b.groups) && a.agency === b.agency && a.centre === b.centre && a.active === b.active;
}
