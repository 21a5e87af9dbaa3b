import type { Behaviour } from './Run.js';

/** A user task: creates an inbox task and waits for its completion. */
export const UserTask: Behaviour = {
  enter(run, token, node) {
    const taskId = run.ctx.newId();
    run.emit({ type: 'createTask', taskId, tokenId: token.id, elementId: node.id });
    run.wait(token, { kind: 'userTask', taskId });
    run.armBoundaries(token, node);
  },
};
