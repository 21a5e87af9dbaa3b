import type { Behaviour } from '../Run.js';

/**
 * Inclusive gateway: splits on every flow whose condition holds (the default when none does);
 * a join waits only for the tokens that can still arrive: settled by the run once all moves
 * of the step are done, using the graph's reachability.
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

  /** Fires the join once no other token of the scope can still reach it. */
  settle(run, token, node) {
    const tokens = run.state.tokens;
    const waiting = tokens.filter((t) => t.state === 'joining' && t.elementId === node.id && t.scopeId === token.scopeId);
    const blocked = tokens.some((t) => t.scopeId === token.scopeId && !(t.state === 'joining' && t.elementId === node.id) && run.graph.reach[t.elementId]!.includes(node.id));
    if (blocked) return false;
    for (const joined of waiting.slice(1)) run.remove(joined);
    run.record(node.id, 'enter', waiting[0]!.id, { joined: waiting.length });
    const flows = run.selectFlows(node, false, waiting[0]!);
    if (flows) run.leave(waiting[0]!, flows);
    return true;
  },
};
