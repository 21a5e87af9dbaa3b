import { armBoundaries } from '../timers.js';
import { expectWait, type Behaviour } from '../Run.js';

/**
 * A service task: waits while the engine runs the registered `ps:handler` (no scripts, no
 * eval). The handler runs after the step that reached it has been committed, as a job (see
 * engine/jobs/HandlerJobs.ts), so a commit that loses a version race never runs it twice; its
 * answer resumes the token here: variables to merge, a BPMN error, or a failure (an incident).
 */
export const ServiceTask: Behaviour = {
  enter(run, token, node) {
    if (!armBoundaries(run, token, node)) return;
    run.wait(token, { kind: 'handler', handler: node.handler! });
    run.emit({ type: 'invokeHandler', tokenId: token.id, elementId: node.id, handler: node.handler! });
  },

  resume(run, token, _node, event) {
    expectWait(token, 'handler', token.wait?.kind === 'handler');
    switch (event.type) {
      case 'handlerResult':
        run.mergeVariables(event.variables, token);
        run.leave(token);
        return;
      case 'handlerError':
        run.throwError(token, event.errorCode, event.message);
        return;
      case 'handlerFailed':
        run.incident(token, event.message);
        return;
      default:
        expectWait(token, event.type, false);
    }
  },
};
