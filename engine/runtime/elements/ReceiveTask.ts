import { armBoundaries } from './timers.js';
import { pauseSla } from './slaClock.js';
import type { Behaviour } from './Run.js';

/** A receive task: waits for its message, correlated by instance id or tracking number. */
export const ReceiveTask: Behaviour = {
  enter(run, token, node) {
    if (node.pausesSla) pauseSla(run);
    if (!armBoundaries(run, token, node)) return;
    run.wait(token, { kind: 'message', messageName: node.messageName! });
  },
};
