import type { AppDeps, ActingUser } from '../AppContext.js';
import type { CommentOffice } from '../../engine/index.js';
import { forbidden } from '../auth/access.js';
import { scopeChecks } from '../auth/scopes.js';
import type { RouteHandlers } from '../route.js';
import { caseTimeline } from './caseTimeline.js';
import { earlierDecisions } from './earlierDecisions.js';
import type { casefileRoutes } from './casefile.routes.js';
import { HttpProblem } from '../HttpProblem.js';

export function casefileHandlers({ engine }: AppDeps): RouteHandlers<typeof casefileRoutes> {
  const scopes = scopeChecks(engine);
  return {
    async timeline({ params, user }) {
      return { status: 200, body: await caseTimeline(engine, user, params.id) };
    },

    async comment({ params, body, user }) {
      await engine.addComment(params.id, { by: user.id, text: body.text, office: officeOf(user) });
      const entries = await caseTimeline(engine, user, params.id);
      return { status: 201, body: entries.findLast((e) => e.kind === 'comment')! };
    },

    async unclaim({ params, body, user }) {
      const task = await engine.task(params.id);
      const input = { params, query: {}, body };
      if (task.assignee === user.id) {
        // A supervisor holding an escalation they claimed gives it back by oversight, not by office.
        await (user.roles.includes('supervisor') ? scopes.taskWork(user, input).catch(() => scopes.taskReassign(user, input)) : scopes.taskWork(user, input));
        return { status: 200, body: await engine.unclaimTask(params.id, { by: user.id, ...(body.reason ? { reason: body.reason } : {}) }) };
      }
      if (!user.roles.includes('supervisor')) throw forbidden(`task ${params.id} is not yours to give back: only its holder or a supervisor who oversees it`);
      await scopes.taskReassign(user, input).catch((error: unknown) => {
        throw error instanceof HttpProblem ? forbidden(`task ${params.id} is not one you oversee`) : error;
      });
      return { status: 200, body: await engine.unclaimTask(params.id, { by: user.id, asSupervisor: true, ...(body.reason ? { reason: body.reason } : {}) }) };
    },

    async earlierDecisions({ params, user }) {
      return { status: 200, body: await earlierDecisions(engine, user, params.id) };
    },
  };
}

/** The side of the file a comment comes from: a supervisor's note is neither counter nor back office. */
function officeOf(user: ActingUser): CommentOffice {
  if (user.roles.includes('supervisor')) return 'supervisor';
  if (user.roles.includes('official')) return 'back';
  return 'front';
}
