import type { Engine, TaskRecord } from '../../engine/index.js';
import type { ActingUser, AppDeps } from '../AppContext.js';
import { forbidden } from '../auth/access.js';
import { supervisionOf } from '../auth/supervision.js';
import { worksOffice, worksOn } from '../auth/scopes.js';
import type { RouteHandlers, RouteInput } from '../route.js';
import type { taskRoutes } from './tasks.routes.js';

type ListQuery = RouteInput<typeof taskRoutes.list>['query'];

export function taskHandlers({ engine }: AppDeps): RouteHandlers<typeof taskRoutes> {
  return {
    async list({ query, user }) {
      const works = user.roles.includes('clerk') || user.roles.includes('official');
      const asSupervisor = user.roles.includes('supervisor') && !(works && query.scope) && query.scope !== 'inbox';
      const found = asSupervisor ? await agencyTasks(engine, user, query) : await inbox(engine, user, query);
      const tasks = found.filter((t) => query.overdue === undefined || Boolean(t.overdue) === query.overdue);
      return { status: 200, body: tasks.sort(byDeadline).slice(0, query.limit) };
    },

    async claim({ params, user }) {
      return { status: 200, body: await engine.claimTask(params.id, { by: user.id }) };
    },

    async complete({ params, body, user }) {
      const view = await engine.completeTask(params.id, {
        by: user.id,
        ...(body.outcome === undefined ? {} : { outcome: body.outcome }),
        ...(body.variables ? { variables: body.variables } : {}),
      });
      return { status: 200, body: view };
    },

    async form({ params }) {
      const task = await engine.task(params.id);
      return { status: 200, body: { taskId: task.id, elementId: task.elementId, schema: await engine.taskForm(task.id) } };
    },

    async reassign({ params, body, user }) {
      // Eligibility (group, presence, centre, four eyes) is the engine's rule, as for the draw.
      return { status: 200, body: await engine.reassignTask(params.id, { ...(body.to === undefined ? {} : { to: body.to }), by: user.id, reason: body.reason }) };
    },
  };
}

/**
 * A clerk's or an official's inbox: the tasks assigned to them and their groups' unassigned
 * queues, of their office (front for clerks, back for officials).
 */
async function inbox(engine: Engine, user: ActingUser, query: ListQuery): Promise<TaskRecord[]> {
  if (query.assignee && query.assignee !== user.id) throw forbidden("you see your own tasks and your groups' queues, not another user's");
  if (query.group && !user.groups.includes(query.group)) throw forbidden(`you are not in the group ${query.group}`);
  const base = { ...(query.instanceId ? { instanceId: query.instanceId } : {}), state: query.state, limit: query.limit };
  const reads: Promise<TaskRecord[]>[] = [];
  if (query.scope !== 'group' && !query.group) reads.push(engine.tasks({ ...base, assignee: user.id }));
  // A clerk's queues are those of their own centre: centre-clerks is shared by every centre.
  const clerkOnly = user.roles.includes('clerk') && !user.roles.includes('official');
  if (query.scope !== 'mine' && !query.assignee && !(clerkOnly && !user.centre)) {
    for (const group of query.group ? [query.group] : user.groups) {
      const queue = { ...base, group, ...(query.state === 'open' ? { unassigned: true } : {}) };
      if (!clerkOnly) reads.push(engine.tasks(queue));
      // Their centre's files, and those that belong to no centre (the agency desk's, the portal's).
      else reads.push(engine.tasks({ ...queue, centre: user.centre }), engine.tasks({ ...queue, noCentre: true }));
    }
  }
  // Of their office (scopes.ts#worksOffice): a supervisor's own work is the escalations their
  // groups are candidates for; the agency desk's officials also hand results back there.
  const unique = new Map((await Promise.all(reads)).flat().map((t) => [t.id, t]));
  return [...unique.values()].filter((t) => worksOffice(user, t) && worksOn(user, t));
}

/**
 * A supervisor's view: the tasks of the processes they oversee (supervision.ts). Reads up to
 * 1,000 tasks, then keeps those.
 */
async function agencyTasks(engine: Engine, user: ActingUser, query: ListQuery): Promise<TaskRecord[]> {
  const tasks = await engine.tasks({
    ...(query.instanceId ? { instanceId: query.instanceId } : {}),
    ...(query.assignee ? { assignee: query.assignee } : {}),
    ...(query.group ? { group: query.group } : {}),
    state: query.state,
    limit: 1000,
  });
  const supervision = await supervisionOf(engine, user);
  if (supervision.all) return tasks;
  const agencies = new Map<string, Promise<string | undefined>>();
  const agencyOf = (key: string) => {
    if (!agencies.has(key)) agencies.set(key, engine.definition(key).then((d) => d.graph.agency, () => undefined));
    return agencies.get(key)!;
  };
  const keep = await Promise.all(
    tasks.map(async (t) => {
      if (supervision.keys.has(t.key)) return true;
      const agency = await agencyOf(t.key);
      return agency !== undefined && supervision.agencies.has(agency);
    }),
  );
  return tasks.filter((_, i) => keep[i]);
}

/** By deadline (none last), then by creation: the store's order, kept across merged reads. */
function byDeadline(a: TaskRecord, b: TaskRecord): number {
  if (a.dueAt !== b.dueAt) return a.dueAt === undefined ? 1 : b.dueAt === undefined ? -1 : a.dueAt < b.dueAt ? -1 : 1;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}
