import { NotFoundError, type ApplicationView, type Engine, type TaskRecord } from '../../engine/index.js';
import type { ActingUser } from '../AppContext.js';
import { forbidden, type ScopeChecks, type ScopeInput } from './access.js';
import { loadApplication } from '../applications/loadApplication.js';
import { definitionFor } from '../applications/processKeyFor.js';
import { findApplication } from '../messages/findApplication.js';
import { supervisionOf } from './supervision.js';

/**
 * The scope checks routes name in their `access`: whether this user's centre, agency and
 * groups reach this resource. The rules (DOMAIN.md):
 * - a clerk works for a centre: the applications taken in there, the front-office tasks of
 *   their groups or assigned to them;
 * - an official works for an agency and its groups: its applications, and the back-office
 *   tasks of their groups or assigned to them;
 * - supervisors and auditors see what they oversee (supervision.ts: their agency's processes,
 *   those where their groups have a task, the applications taken in at their centre); one with
 *   neither agency, centre nor groups (the inspection) sees the whole organisation.
 */
export function scopeChecks(engine: Engine): ScopeChecks {
  const agencyOf = (definitionId: string) => agencyOfDefinition(engine, definitionId);
  const oversees = async (user: ActingUser, key: string, agency: string | undefined, intakeCentre: string | undefined): Promise<boolean> => {
    if (sameScope(user.centre, intakeCentre)) return true;
    const supervision = await supervisionOf(engine, user);
    return supervision.all || supervision.keys.has(key) || (agency !== undefined && supervision.agencies.has(agency));
  };
  const centreOf = (userId: string | undefined) => centreOfUser(engine, userId);

  return {
    async application(user, input) {
      const { id } = input.params as { id: string };
      const app = await loadApplication(engine, id);
      const agency = await agencyOf(app.definitionId);
      // The centre the file belongs to; an application from before centres were recorded: its intake clerk's.
      const centre = app.centre ?? (await centreOf(app.intake?.by));
      const tasks = app.tasks ?? [];
      const has = (role: ActingUser['roles'][number]) => user.roles.includes(role);
      const wide = (has('supervisor') || has('auditor')) && (await oversees(user, app.key, agency, centre));
      const official = has('official') && (sameScope(user.agency, agency) || tasks.some((t) => t.office !== 'front' && worksOn(user, t)));
      // A clerk works the applications of their own centre; a group shared by every centre's
      // clerks does not open another centre's files (only one handed to them by name does).
      const clerk =
        has('clerk') &&
        (app.intake?.by === user.id || sameScope(user.centre, centre) || tasks.some((t) => t.office === 'front' && (centre === undefined ? worksOn(user, t) : holds(user, t))));
      if (!(wide || official || clerk)) throw forbidden(`application ${id} is outside your ${scopeName(user)}`);
    },

    /**
     * The counter's work on a file (documents brought, a withdrawal): a clerk of the centre the
     * application belongs to, or a supervisor who oversees it. Clerks of another centre, and
     * clerks who merely hold one of its tasks by a shared group, do not.
     */
    async counter(user, input) {
      const { id } = input.params as { id: string };
      const app = await loadApplication(engine, id);
      if (await atCounter(engine, user, app)) return;
      const agency = await agencyOf(app.definitionId);
      const centre = app.centre ?? (await centreOf(app.intake?.by));
      if (user.roles.includes('supervisor') && (await oversees(user, app.key, agency, centre))) return;
      const desk = deskOf(app);
      throw forbidden(
        desk
          ? `application ${id} was taken in at the desk of ${agency ?? 'its agency'} (${desk}): only that desk's officials (or a supervisor over it) record this`
          : `application ${id} belongs to ${centre ? `the centre ${centre}` : 'no centre'}: only its clerks (or a supervisor over it) record this`,
      );
    },

    /**
     * The applicant's deadline (an extension, DOMAIN rule 6): the responsible official (one who
     * holds or completed a back-office task of the application) or a supervisor who oversees it.
     */
    async deadline(user, input) {
      const { id } = input.params as { id: string };
      const app = await loadApplication(engine, id);
      if (user.roles.includes('official') && (app.tasks ?? []).some((t) => t.office !== 'front' && holds(user, t))) return;
      const centre = app.centre ?? (await centreOf(app.intake?.by));
      if (user.roles.includes('supervisor') && (await oversees(user, app.key, await agencyOf(app.definitionId), centre))) return;
      throw forbidden(`the deadline of application ${id} is extended by the official responsible for it or a supervisor over it`);
    },

    async startChannel(user, input) {
      const { channel, serviceCode } = input.body as { channel: string; serviceCode: string };
      if (channel === 'centre' && user.roles.includes('clerk')) {
        if (!user.centre) throw forbidden('you belong to no centre, so you cannot take applications in at one');
        return;
      }
      if (channel === 'agency' && user.roles.includes('official')) {
        // The agency desk takes in only the agency's own services.
        const agency = (await definitionFor(engine, serviceCode)).graph.agency;
        if (sameScope(user.agency, agency)) return;
        throw forbidden(`${serviceCode} is a service of ${agency ?? 'no agency'}; your desk takes in only the services of ${user.agency ?? 'your agency (none set)'}`);
      }
      if (channel === 'portal') throw forbidden('the portal channel is for the e-government portal, not a staff account');
      throw forbidden(`the ${channel} channel is not yours: clerks take applications in at a centre, officials at their agency's desk`);
    },

    async taskWork(user, input) {
      const task = await engine.task((input.params as { id: string }).id);
      if (!worksOffice(user, task)) {
        throw forbidden(
          task.office === 'front'
            ? `task ${task.id} is front-office work, for a clerk (or, for an application taken in at an agency's desk, that desk's officials)`
            : `task ${task.id} is back-office work, for an official`,
        );
      }
      if (!worksOn(user, task)) throw forbidden(`task ${task.id} is neither assigned to you nor in one of your groups (of your centre)`);
    },

    async taskReassign(user, input) {
      const task = await engine.task((input.params as { id: string }).id);
      const intakeCentre = user.centre && task.office === 'front' ? await centreOf((await loadApplication(engine, task.instanceId)).intake?.by) : undefined;
      if (!(await oversees(user, task.key, await agencyOf(`${task.key}:`), intakeCentre))) throw forbidden(`task ${task.id} is not one you oversee`);
    },

    /** Designers model every process; a supervisor reads the live state of those they oversee. */
    async definition(user, input) {
      const { key } = input.params as { key: string };
      if (user.roles.includes('designer')) return;
      const agency = (await engine.definition(key)).graph.agency;
      if (!(await oversees(user, key, agency, undefined))) throw forbidden(`process ${key} is not one you oversee`);
    },

    /** Operators repair every instance; a supervisor those of the processes and centre they oversee. */
    async operations(user, input) {
      if (user.roles.includes('operator')) return;
      const { id, key } = input.params as { id?: string; key?: string };
      if (key !== undefined) {
        const agency = (await engine.definition(key)).graph.agency;
        if (!(await oversees(user, key, agency, undefined))) throw forbidden(`process ${key} is not one you oversee`);
        return;
      }
      const instance = await engine.instance(id!);
      if (!(await oversees(user, instance.key, await agencyOf(instance.definitionId), instance.centre))) throw forbidden(`instance ${id} is not one you oversee`);
    },

    /**
     * An agency's system (an `integration` account with an agency) tells only the applications
     * of its agency's processes; an account of no agency is the organisation's own hub and
     * reaches every one. Outside its reach an application is "not found", word for word as one
     * that does not exist: another agency's tracking number is not confirmed to exist.
     */
    async agencySystem(user, input) {
      if (!user.agency) return;
      const { trackingNumber, instanceId } = input.body as { trackingNumber?: string; instanceId?: string };
      const target = await findApplication(engine, { trackingNumber, instanceId }).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined; // the handler answers it
        throw error;
      });
      if (!target || sameScope(user.agency, await agencyOf(target.definitionId))) return;
      throw trackingNumber !== undefined ? new NotFoundError('application', trackingNumber) : new NotFoundError('instance', instanceId!);
    },

    async absence(user, input) {
      const { userId } = input.params as { userId: string };
      const target = await engine.directory.findUser(userId);
      if (!target) throw new NotFoundError('user', userId);
      const supervision = await supervisionOf(engine, user);
      if (supervision.all || (target.agency !== undefined && supervision.agencies.has(target.agency)) || sameScope(user.centre, target.centre)) return;
      throw forbidden(`${userId} is not in your ${scopeName(user)}`);
    },
  } satisfies Record<string, (user: ActingUser, input: ScopeInput) => Promise<void>>;
}

/**
 * Whether the user is the application's counter, where the applicant comes in person (documents
 * brought, a withdrawal, the hand-back): a clerk of the centre it belongs to, or an official of
 * the agency desk that took it in.
 */
export async function atCounter(engine: Engine, user: ActingUser, app: ApplicationView): Promise<boolean> {
  const desk = deskOf(app);
  if (desk) return user.roles.includes('official') && user.groups.includes(desk) && sameScope(user.agency, await agencyOfDefinition(engine, app.definitionId));
  return user.roles.includes('clerk') && sameScope(user.centre, app.centre ?? (await centreOfUser(engine, app.intake?.by)));
}

/** The agency of the process version an instance runs (`key:version`). */
async function agencyOfDefinition(engine: Engine, definitionId: string): Promise<string | undefined> {
  const [key, version] = splitDefinitionId(definitionId);
  return (await engine.definition(key, version)).graph.agency;
}

/** A user's centre; an application from before centres were recorded belongs to its intake clerk's. */
async function centreOfUser(engine: Engine, userId: string | undefined): Promise<string | undefined> {
  return userId ? (await engine.directory.findUser(userId))?.centre : undefined;
}

/**
 * Whether the task's office is the user's: the front office (the counter) is a clerk's, and the
 * agency desk's officials' for an application taken in there (a front-office task of no centre:
 * the model routes it to the desk's group, e.g. the hand-back by `channel`); the back office an
 * official's, and a supervisor's for the escalations of their groups. Whose task it is within
 * the office (their group, their centre) is `worksOn`, which every caller asks beside it.
 */
export function worksOffice(user: ActingUser, task: TaskRecord): boolean {
  if (task.office === 'front') return user.roles.includes('clerk') || (user.roles.includes('official') && task.centre === undefined);
  if (task.office === 'back') return user.roles.includes('official') || user.roles.includes('supervisor');
  return true;
}

/**
 * The group of the agency desk an application was taken in at (alternative access): the group
 * of its first task, the desk's intake check, which the agency channel's start leads to.
 * Undefined for an application of another channel.
 */
export function deskOf(app: Pick<ApplicationView, 'channel' | 'tasks'>): string | undefined {
  if (app.channel !== 'agency') return undefined;
  const first = [...(app.tasks ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
  return first?.candidateGroup;
}

/**
 * Assigned to them, or waiting unassigned or held by a colleague in one of their groups; for
 * front-office work of an application taken in at a centre, of that centre. (An application
 * of no centre — the agency desk's, the portal's — is its group's.)
 */
export function worksOn(user: ActingUser, task: TaskRecord): boolean {
  if (holds(user, task)) return true;
  if (task.candidateGroup === undefined || !user.groups.includes(task.candidateGroup)) return false;
  return task.office !== 'front' || task.centre === undefined || sameScope(user.centre, task.centre);
}

/** Holds it now or completed it. */
function holds(user: ActingUser, task: TaskRecord): boolean {
  return task.assignee === user.id || task.completedBy === user.id;
}

/** Both set and equal: a missing agency on either side never matches. */
function sameScope(mine: string | undefined, theirs: string | undefined): boolean {
  return mine !== undefined && mine === theirs;
}

function scopeName(user: ActingUser): string {
  return user.agency ? `agency (${user.agency})` : user.centre ? `centre (${user.centre})` : 'groups';
}

/** `key:version`; a trailing `:` (no version) means the latest. */
function splitDefinitionId(id: string): [string, number | undefined] {
  const at = id.lastIndexOf(':');
  const version = Number(id.slice(at + 1));
  return [id.slice(0, at), id.slice(at + 1) && Number.isInteger(version) ? version : undefined];
}
