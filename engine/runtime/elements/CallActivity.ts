import { armBoundaries } from './timers.js';
import type { Behaviour } from './Run.js';

/**
 * Call activity: starts the latest version of the called process (by key) with a copy of the
 * variables, and waits for it; the child's variables come back when it completes.
 */
export const CallActivity: Behaviour = {
  enter(run, token, node) {
    const childId = run.ctx.newId();
    if (!armBoundaries(run, token, node)) return;
    run.wait(token, { kind: 'callActivity', childId });
    run.emit({ type: 'startChild', tokenId: token.id, elementId: node.id, childId, calledElement: node.calledElement!, variables: { ...run.state.variables } });
  },
};
