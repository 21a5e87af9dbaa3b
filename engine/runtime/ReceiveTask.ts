import type { Behaviour } from './Run.js';

/** A receive task: waits for its message, correlated by instance id or tracking number. */
export const ReceiveTask: Behaviour = {
  enter(run, token, node) {
    if (node.pausesSla) run.pauseSla();
    run.wait(token, { kind: 'message', messageName: node.messageName! });
    run.armBoundaries(token, node);
  },
};
