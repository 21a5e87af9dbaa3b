import { redactApplication, redactTask, viewpointOf, type ApplicationView, type TaskRecord } from '../../engine/index.js';
import type { ActingUser } from '../AppContext.js';
import type { ResponseKind } from './access.js';

/**
 * The one place a response carrying tasks or an application is shaped for its viewer; routes
 * only declare what they answer with (`response` in `*.routes.ts`) and `mount` calls this.
 * The rules themselves are the engine's (engine/assignment/redact.ts), so the public tracking
 * page and any other door use the same ones.
 */
export function shapeResponse(kind: ResponseKind, user: ActingUser, body: unknown): unknown {
  const viewpoint = viewpointOf(user.authenticated ? user.roles : 'applicant');
  switch (kind) {
    case 'task':
      return redactTask(viewpoint, body as TaskRecord);
    case 'tasks':
      return (body as TaskRecord[]).map((task) => redactTask(viewpoint, task));
    case 'application':
      return redactApplication(viewpoint, body as ApplicationView);
    case 'applications':
      return (body as ApplicationView[]).map((application) => redactApplication(viewpoint, application));
  }
}
