import type { Behaviour } from './Run.js';

/** A boundary event whose trigger fired: the token leaves along its outgoing flows. */
export const BoundaryEvent: Behaviour = {
  enter(run, token) {
    run.leave(token);
  },
};
