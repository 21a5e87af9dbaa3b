import { armBoundaries } from './timers.js';
import type { Behaviour } from './Run.js';

/** Embedded sub-process: opens a scope whose tokens start at its plain start event; completes when the scope is empty. */
export const SubProcess: Behaviour = {
  enter(run, token, node) {
    if (!armBoundaries(run, token, node)) return;
    run.wait(token, { kind: 'subProcess' });
    run.arrive(node.start!, token.id);
  },
};
