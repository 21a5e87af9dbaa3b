import type { Behaviour } from '../Run.js';

/** A start event (none, message, timer, or a channel's): the trigger already happened; move on. */
export const StartEvent: Behaviour = {
  enter(run, token) {
    run.leave(token);
  },
};
