import { NotFoundError, type ApplicationView, type Engine, type TaskRecord } from '../../engine/index.js';
import type { ActingUser } from '../AppContext.js';
import type { ScopeChecks } from '../auth/access.js';
import { HttpProblem } from '../HttpProblem.js';
import { loadApplication } from './loadApplication.js';

export interface ApplicationSearch {
  readonly serviceCode?: string | undefined;
  readonly state?: ApplicationView['state'] | undefined;
  readonly trackingNumber?: string | undefined;
  readonly limit: number;
}

/** Tasks read per source (the user, each group, or a supervisor's wide read) before filtering. */
const READ = 1000;

/**
 * Finds applications through their tasks: the engine's interface has no query of instances by
 * service code yet, and every application has had a task by the time anyone searches for it.
 * Each candidate then passes the same scope check as GET /api/applications/:id, so a search
 * never shows what the detail route would refuse.
 */
export async function searchApplications(engine: Engine, scopes: ScopeChecks, user: ActingUser, search: ApplicationSearch): Promise<ApplicationView[]> {
  const ids = search.trackingNumber ? await byTrackingNumber(engine, search.trackingNumber) : await candidates(engine, user, search.serviceCode);
  const found: ApplicationView[] = [];
  for (const id of ids) {
    if (found.length >= search.limit) break;
    const application = await loadApplication(engine, id);
    if (search.serviceCode && application.serviceCode !== search.serviceCode) continue;
    if (search.state && application.state !== search.state) continue;
    if (!(await reaches(scopes, user, id))) continue;
    found.push(application);
  }
  return found;
}

async function byTrackingNumber(engine: Engine, text: string): Promise<string[]> {
  const digits = text.replace(/[\s-]/g, '');
  try {
    return [(await engine.instanceByTrackingNumber(`${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`)).id];
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    throw error;
  }
}

/** Instance ids, newest task first: a worker's own and groups' tasks, or a supervisor's wide read. */
async function candidates(engine: Engine, user: ActingUser, serviceCode: string | undefined): Promise<string[]> {
  const wide = user.roles.includes('supervisor') || user.roles.includes('auditor');
  const reads = wide
    ? [engine.tasks({ state: 'any', limit: READ })]
    : [engine.tasks({ assignee: user.id, state: 'any', limit: READ }), ...user.groups.map((group) => engine.tasks({ group, state: 'any', limit: READ }))];
  const tasks = (await Promise.all(reads)).flat().filter((t: TaskRecord) => !serviceCode || t.serviceCode === serviceCode);
  const newest = new Map<string, string>();
  for (const t of tasks) if ((newest.get(t.instanceId) ?? '') < t.createdAt) newest.set(t.instanceId, t.createdAt);
  return [...newest.entries()].sort((a, b) => (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0)).map(([id]) => id);
}

async function reaches(scopes: ScopeChecks, user: ActingUser, id: string): Promise<boolean> {
  try {
    await scopes.application(user, { params: { id }, query: {}, body: undefined });
    return true;
  } catch (error) {
    if (error instanceof HttpProblem && error.status === 403) return false;
    throw error;
  }
}
