import type { Behaviour } from './Run.js';

/**
 * Inclusive gateway: splits on every flow whose condition holds (the default when none does);
 * a join waits only for the tokens that can still arrive (settled by the run once all moves
 * of the step are done, using the graph's reachability).
 */
export const InclusiveGateway: Behaviour = {
  enter(run, token, node) {
    if (node.incoming.length > 1) {
      token.state = 'joining';
      return;
    }
    const flows = run.selectFlows(node, false, token);
    if (flows) run.leave(token, flows);
  },
};
