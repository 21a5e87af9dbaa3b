import { armBoundaries } from './timers.js';
import type { Behaviour } from './Run.js';

/**
 * A service task: the engine shell calls the registered `ps:handler` and feeds its result back
 * in the same engine step (no scripts, no eval).
 */
export const ServiceTask: Behaviour = {
  enter(run, token, node) {
    if (!armBoundaries(run, token, node)) return;
    run.wait(token, { kind: 'handler', handler: node.handler! });
    run.emit({ type: 'invokeHandler', tokenId: token.id, elementId: node.id, handler: node.handler! });
  },
};
