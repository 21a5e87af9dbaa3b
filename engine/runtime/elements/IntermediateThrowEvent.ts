import type { Behaviour } from '../Run.js';
import { SendTask } from './SendTask.js';

/**
 * Intermediate throw event: a plain one passes through; a message one notifies like a send
 * task; a signal one throws its signal (broadcast to every waiting catch after the commit,
 * without this instance's variables) and moves on.
 */
export const IntermediateThrowEvent: Behaviour = {
  enter(run, token, node) {
    if (node.event?.type !== 'signal') return SendTask.enter(run, token, node);
    run.emit({ type: 'throwSignal', elementId: node.id, signalName: node.event.signalName });
    run.leave(token);
  },
};
