import type { Behaviour } from '../Run.js';

/** Parallel gateway: joins one token from every incoming flow, then forks on every outgoing flow. */
export const ParallelGateway: Behaviour = {
  enter(run, token, node) {
    if (node.incoming.length > 1) {
      token.state = 'joining';
      const arrived = run.state.tokens.filter((t) => t.state === 'joining' && t.elementId === node.id && t.scopeId === token.scopeId);
      const one = node.incoming.map((flowId) => arrived.find((t) => t.arrivedBy === flowId));
      if (one.some((t) => t === undefined)) return;
      for (const joined of one) if (joined !== token) run.remove(joined!);
    }
    run.leave(token, node.outgoing);
  },
};
