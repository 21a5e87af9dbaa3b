import { throwEscalation } from '../eventScopes.js';
import type { Behaviour } from '../Run.js';

/**
 * End events. `terminate` ends its whole scope at once (the instance, which completes and
 * answers its caller, or just the enclosing sub-process, which then completes); `error` raises a BPMN error for a boundary to catch;
 * `message` records an outgoing notification and `signal` throws its signal (broadcast after the
 * commit), then each ends like a plain one; `escalation` throws its escalation, then ends (unless
 * an interrupting catcher cancelled it; uncaught, it just ends).
 */
export const EndEvent: Behaviour = {
  enter(run, token, node) {
    const event = node.event ?? { type: 'none' };
    switch (event.type) {
      case 'error':
        run.throwError(token, event.errorCode ?? 'error', `error end event ${node.id}`);
        return;
      case 'escalation':
        throwEscalation(run, token, event.escalationCode!);
        if (run.token(token.id)) run.end(token);
        return;
      case 'terminate':
        run.end(token);
        run.terminateScope(token.scopeId, 'completed');
        return;
      case 'signal':
        run.emit({ type: 'throwSignal', elementId: node.id, signalName: event.signalName });
        run.end(token);
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
