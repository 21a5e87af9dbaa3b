import { armBoundaries } from '../timers.js';
import { pauseSla } from '../slaClock.js';
import { expectWait, type Behaviour } from '../Run.js';
import { firedByGateway } from './EventBasedGateway.js';

/** A receive task: waits for its message, correlated by instance id or tracking number. */
export const ReceiveTask: Behaviour = {
  enter(run, token, node) {
    if (firedByGateway(run, token)) return run.leave(token); // its event-based gateway consumed the message
    if (node.pausesSla) pauseSla(run);
    if (!armBoundaries(run, token, node)) return;
    run.wait(token, { kind: 'message', messageName: node.messageName! });
    run.emit({ type: 'awaitMessage', tokenId: token.id, messageName: node.messageName! });
  },

  resume(run, token, _node, event) {
    expectWait(token, 'message', event.type === 'message' && token.wait?.kind === 'message' && token.wait.messageName === event.messageName);
    const message = event as Extract<typeof event, { type: 'message' }>;
    run.mergeVariables(message.variables, token);
    run.record(token.elementId, 'message', token.id, { messageName: message.messageName });
    run.leave(token);
  },
};
