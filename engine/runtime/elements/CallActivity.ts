import { throwEscalation } from '../eventScopes.js';
import { armBoundaries } from '../timers.js';
import { expectWait, type Behaviour } from '../Run.js';

/**
 * Call activity: starts the latest version of the called process (by key) with a copy of the
 * variables, and waits for it; the child's variables come back when it completes, its
 * uncaught error and its uncaught escalation are thrown here, a child that cannot start is an
 * incident here.
 */
export const CallActivity: Behaviour = {
  enter(run, token, node) {
    const childId = run.ctx.newId();
    if (!armBoundaries(run, token, node)) return;
    run.wait(token, { kind: 'callActivity', childId });
    run.emit({ type: 'startChild', tokenId: token.id, elementId: node.id, childId, calledElement: node.calledElement!, variables: { ...run.variablesOf(token) } });
  },

  resume(run, token, _node, event) {
    switch (event.type) {
      case 'childCompleted':
        expectWait(token, 'callActivity', token.wait?.kind === 'callActivity');
        run.mergeVariables(event.variables, token);
        run.leave(token);
        return;
      case 'childError':
        expectWait(token, 'callActivity', token.wait?.kind === 'callActivity');
        run.throwError(token, event.errorCode, event.message, true);
        return;
      case 'childEscalation':
        // The call activity throws it: its own escalation boundaries first, then outwards (and
        // on to this process's caller). An interrupting catcher cancels the call, and so the child.
        expectWait(token, 'callActivity', token.wait?.kind === 'callActivity');
        throwEscalation(run, token, event.escalationCode);
        return;
      case 'childFailed':
        run.incident(token, event.message);
        return;
      default:
        expectWait(token, event.type, false);
    }
  },

  cancel(run, token) {
    if (token.wait?.kind === 'callActivity') run.emit({ type: 'cancelChild', childId: token.wait.childId });
  },
};
