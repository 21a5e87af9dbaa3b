import type { Behaviour } from '../Run.js';

/**
 * End events. `terminate` ends its whole scope at once (the instance, which completes and
 * answers its caller, or just the enclosing sub-process, which then completes); `error` raises a BPMN error for a boundary to catch;
 * `message` records an outgoing notification, then ends like a plain one.
 */
export const EndEvent: Behaviour = {
  enter(run, token, node) {
    const event = node.event ?? { type: 'none' };
    switch (event.type) {
      case 'error':
        run.throwError(token, event.errorCode ?? 'error', `error end event ${node.id}`);
        return;
      case 'terminate':
        run.end(token);
        run.terminateScope(token.scopeId, 'completed');
        return;
      case 'message':
        run.emit({ type: 'notify', elementId: node.id, messageName: event.messageName, payload: { ...run.variablesOf(token) } });
        run.end(token);
        return;
      default:
        run.end(token);
    }
  },
};
