import { throwEscalation } from '../eventScopes.js';
import type { Behaviour } from '../Run.js';
import { SendTask } from './SendTask.js';

/**
 * Intermediate throw event: a plain one passes through; a message one notifies like a send
 * task; an escalation one throws its escalation (see eventScopes.throwEscalation) and, unless
 * an interrupting catcher cancelled it, moves on: an uncaught escalation is not an error; a
 * signal one throws its signal (broadcast to every waiting catch after the commit, without this
 * instance's variables) and moves on.
 */
export const IntermediateThrowEvent: Behaviour = {
  enter(run, token, node) {
    if (node.event?.type === 'escalation') {
      throwEscalation(run, token, node.event.escalationCode!);
      if (run.token(token.id)) run.leave(token);
      return;
    }
    if (node.event?.type === 'signal') {
      run.emit({ type: 'throwSignal', elementId: node.id, signalName: node.event.signalName });
      run.leave(token);
      return;
    }
    SendTask.enter(run, token, node);
  },
};
