import type { Behaviour } from '../Run.js';

/** `task` and `manualTask`: work done outside the engine; the token passes straight through. */
export const Task: Behaviour = {
  enter(run, token) {
    run.leave(token);
  },
};
