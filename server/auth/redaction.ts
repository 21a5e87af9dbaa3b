import { redactApplication, redactTask, viewpointOf, type ApplicationView, type TaskRecord } from '../../engine/index.js';
import type { ActingUser } from '../AppContext.js';
import type { ResponseKind } from './access.js';
import { worksOffice, worksOn } from './scopes.js';

/**
 * The one place a response carrying tasks or an application is shaped for its viewer; routes
 * only declare what they answer with (`response` in `*.routes.ts`) and `mount` calls this.
 * The rules themselves are the engine's (engine/assignment/redact.ts), so the public tracking
 * page and any other door use the same ones.
 */
export function shapeResponse(kind: ResponseKind, user: ActingUser, body: unknown): unknown {
  const viewpoint = viewpointOf(user.authenticated ? user.roles : 'applicant');
  // The counter's own work shows who holds it, to whoever works that counter: an agency desk's
  // officials see which colleague at the desk took its hand-back, as a centre's clerks do.
  const taskViewpoint = (task: TaskRecord) => (task.office === 'front' && !viewpoint.frontOffice && worksOffice(user, task) && worksOn(user, task) ? { ...viewpoint, frontOffice: true } : viewpoint);
  const ofTask = (task: TaskRecord) => redactTask(taskViewpoint(task), task);
  const ofApplication = (application: ApplicationView) => redactApplication(viewpoint, application, taskViewpoint);
  switch (kind) {
    case 'task':
      return ofTask(body as TaskRecord);
    case 'tasks':
      return (body as TaskRecord[]).map(ofTask);
    case 'application':
      return ofApplication(body as ApplicationView);
    case 'applications':
      return (body as ApplicationView[]).map(ofApplication);
  }
}
