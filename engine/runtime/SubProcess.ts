import { armBoundaries } from './timers.js';
import type { Behaviour } from './Run.js';

/** Embedded sub-process: opens a scope whose tokens start at its plain start event; completes when the scope is empty. */
export const SubProcess: Behaviour = {
  enter(run, token, node) {
    run.wait(token, { kind: 'subProcess' });
    armBoundaries(run, token, node);
    run.arrive(node.start!, token.id);
  },
};
