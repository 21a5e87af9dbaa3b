import { armBoundaries } from './timers.js';
import type { Behaviour } from './Run.js';

/** A user task: creates an inbox task (with its SLA deadline, when it has one) and waits for its completion. */
export const UserTask: Behaviour = {
  enter(run, token, node) {
    const taskId = run.ctx.newId();
    const sla = node.sla && run.ctx.deadline ? run.ctx.deadline(node.sla, node.userTask?.office, run.ctx.now) : undefined;
    if (!armBoundaries(run, token, node, sla)) return; // a FEEL timer named no timer: an incident, no task
    run.emit({ type: 'createTask', taskId, tokenId: token.id, elementId: node.id, ...(sla ? { dueAt: sla.dueAt, warnAt: sla.warnAt } : {}) });
    run.wait(token, { kind: 'userTask', taskId, ...(sla ? { dueAt: sla.dueAt, warnAt: sla.warnAt } : {}) });
  },
};
