import { NotFoundError, type ApplicationView, type Engine, type TaskRecord } from '../../engine/index.js';
import type { ActingUser } from '../AppContext.js';
import type { ScopeChecks } from '../auth/access.js';
import { HttpProblem } from '../HttpProblem.js';
import { worksOn } from '../auth/scopes.js';
import { loadApplication } from './loadApplication.js';

export interface ApplicationSearch {
  readonly serviceCode?: string | undefined;
  readonly state?: ApplicationView['state'] | undefined;
  readonly trackingNumber?: string | undefined;
  /** The applicant's IIN, exactly: their history. */
  readonly iin?: string | undefined;
  /** Part of the applicant's name. */
  readonly name?: string | undefined;
  readonly limit: number;
  /** Matches within scope to skip (paging). */
  readonly offset?: number | undefined;
}

/** Tasks read per source (the user, each group, or a supervisor's wide read) before filtering. */
const READ = 1000;
/** Applications of an applicant read from the store's index per page, newest first. */
const APPLICANT_PAGE = 100;
/**
 * Applications of an applicant examined at most per search (each is loaded and checked for
 * scope): an IIN's history is far shorter; a name this common nationwide must be narrowed.
 */
const APPLICANT_EXAMINED_MAX = 5000;

/**
 * Finds applications by tracking number, by applicant (the store's applicant index, through
 * engine.findApplications, paged until enough are in scope), or else through the caller's tasks:
 * the engine's interface has no query of instances by service code yet, and every application
 * has had a task by the time anyone searches for it. Each candidate then passes the same scope
 * check as GET /api/applications/:id, so a search never shows what the detail route would refuse.
 */
export async function searchApplications(engine: Engine, scopes: ScopeChecks, user: ActingUser, search: ApplicationSearch): Promise<ApplicationView[]> {
  const byApplicant = search.iin !== undefined || search.name !== undefined;
  const ids: AsyncIterable<string> | Iterable<string> = search.trackingNumber
    ? await byTrackingNumber(engine, search.trackingNumber)
    : byApplicant
      ? applicantsApplications(engine, search)
      : await candidates(engine, user, search.serviceCode);
  const found: ApplicationView[] = [];
  let skip = search.offset ?? 0;
  for await (const id of ids) {
    if (found.length >= search.limit) break;
    const application = await loadApplication(engine, id);
    if (search.serviceCode && application.serviceCode !== search.serviceCode) continue;
    if (search.state && application.state !== search.state) continue;
    if (search.trackingNumber && byApplicant && !sameApplicant(application, search)) continue;
    if (!(await reaches(scopes, user, id))) continue;
    if (byApplicant && !officialWorksOn(user, application)) continue;
    if (skip > 0) {
      skip -= 1;
      continue;
    }
    found.push(application);
  }
  // A look-up of a person is personal data: who looked whom up, and how many files they were shown.
  if (byApplicant) {
    await engine.documents.record({
      at: new Date().toISOString(),
      actor: user.id,
      action: 'applicant.lookup',
      subject: search.iin ? `applicant:${search.iin}` : 'applicant:name',
      data: { ...(search.iin ? { iin: search.iin } : {}), ...(search.name ? { name: search.name } : {}), shown: found.map((a) => a.trackingNumber), offset: search.offset ?? 0 },
    });
  }
  return found;
}

/**
 * An official looks a person up only among the files they work on: held, decided, or waiting in
 * one of their groups. Their agency's other files open by number (the application scope), but an
 * applicant's history across the agency is not theirs to read.
 */
function officialWorksOn(user: ActingUser, application: ApplicationView): boolean {
  const wide = user.roles.some((role) => role === 'clerk' || role === 'supervisor' || role === 'auditor');
  if (wide || !user.roles.includes('official')) return true;
  return (application.tasks ?? []).some((t) => t.office !== 'front' && worksOn(user, t));
}

function sameApplicant(application: ApplicationView, search: ApplicationSearch): boolean {
  const applicant = application.applicant ?? {};
  if (search.iin !== undefined && applicant['iin'] !== search.iin) return false;
  const name = typeof applicant['name'] === 'string' ? applicant['name'].toLocaleLowerCase('ru') : '';
  return search.name === undefined || name.includes(search.name.trim().toLocaleLowerCase('ru'));
}

/** The applicant's applications, newest first, a page of the index at a time (read only as far as the caller's loop goes). */
async function* applicantsApplications(engine: Engine, search: ApplicationSearch): AsyncGenerator<string> {
  const by = { ...(search.iin ? { iin: search.iin } : {}), ...(search.name ? { name: search.name } : {}) };
  let after: { startedAt: string; id: string } | undefined;
  for (let examined = 0; examined < APPLICANT_EXAMINED_MAX; ) {
    const page = await engine.findApplications({ ...by, limit: Math.min(APPLICANT_PAGE, APPLICANT_EXAMINED_MAX - examined), ...(after ? { after } : {}) });
    for (const application of page) yield application.id;
    examined += page.length;
    const last = page.at(-1);
    if (!last || page.length < APPLICANT_PAGE) return;
    after = { startedAt: last.startedAt, id: last.id };
  }
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
