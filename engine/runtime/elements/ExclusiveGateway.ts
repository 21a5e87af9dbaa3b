import type { Behaviour } from '../Run.js';

/** Exclusive gateway: merges without waiting; splits on the first true FEEL condition, else the default flow. */
export const ExclusiveGateway: Behaviour = {
  enter(run, token, node) {
    const flows = run.selectFlows(node, true, token);
    if (flows) run.leave(token, flows);
  },
};
