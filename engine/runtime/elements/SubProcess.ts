import { armBoundaries } from '../timers.js';
import type { Behaviour } from '../Run.js';
import { openSubscriptions } from './EventSubProcess.js';

/**
 * Embedded sub-process: opens a scope whose tokens start at its plain start event (and whose
 * event sub-processes start listening); completes when the scope is empty.
 */
export const SubProcess: Behaviour = {
  enter(run, token, node) {
    if (!armBoundaries(run, token, node)) return;
    if (!openSubscriptions(run, token, node.id)) return;
    run.wait(token, { kind: 'subProcess' });
    run.arrive(node.start!, token.id);
  },

  complete(run, token) {
    run.leave(token);
  },

  cancel(run, token) {
    if (token.wait?.kind === 'subProcess') for (const inner of run.tokensIn(token.id)) run.cancel(inner);
  },
};
