import type { Behaviour } from '../Run.js';

/** A send task or message throw event: records an outgoing notification (the outbox), then moves on. */
export const SendTask: Behaviour = {
  enter(run, token, node) {
    const messageName = node.messageName ?? (node.event?.type === 'message' ? node.event.messageName : undefined);
    if (messageName) {
      run.emit({ type: 'notify', elementId: node.id, messageName, payload: { ...run.variablesOf(token) } });
    }
    run.leave(token);
  },
};
