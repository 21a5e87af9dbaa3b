import { ARCHIVE_TIMER, armBoundaries } from '../timers.js';
import { expectWait, type Behaviour } from '../Run.js';

/**
 * A user task: creates an inbox task (with its SLA deadline, when it has one) and waits for its
 * completion. A hand-back task (`ps:returnsResult`) whose result is not collected in time moves
 * to the archive by its implicit timer and completes itself.
 */
export const UserTask: Behaviour = {
  enter(run, token, node) {
    const taskId = run.ctx.newId();
    const sla = node.sla && run.ctx.deadline ? run.ctx.deadline(node.sla, node.userTask?.office, run.ctx.now) : undefined;
    if (!armBoundaries(run, token, node, sla)) return; // a FEEL timer named no timer: an incident, no task
    run.emit({ type: 'createTask', taskId, tokenId: token.id, elementId: node.id, ...(sla ? { dueAt: sla.dueAt, warnAt: sla.warnAt } : {}) });
    run.wait(token, { kind: 'userTask', taskId, ...(sla ? { dueAt: sla.dueAt, warnAt: sla.warnAt } : {}) });
  },

  resume(run, token, _node, event) {
    if (event.type === 'completeTask') {
      expectWait(token, 'userTask', token.wait?.kind === 'userTask' && token.wait.taskId === event.taskId);
      run.mergeVariables(event.variables);
      if (event.outcome !== undefined) run.mergeVariables({ outcome: event.outcome });
      run.emit({ type: 'closeTask', taskId: event.taskId, state: 'completed', by: event.by, ...(event.outcome === undefined ? {} : { outcome: event.outcome }) });
      run.leave(token);
      return;
    }
    if (event.type === 'timer' && event.boundaryId === ARCHIVE_TIMER) {
      expectWait(token, 'userTask', token.wait?.kind === 'userTask');
      // The applicant never came for the result: it moves to the archive, the process goes on.
      const taskId = (token.wait as { taskId: string }).taskId;
      run.record(token.elementId, 'timer', token.id, { archived: true });
      run.mergeVariables({ resultArchived: true, outcome: 'archived' });
      run.emit({ type: 'closeTask', taskId, state: 'completed', by: 'system', outcome: 'archived' });
      token.boundaries = token.boundaries?.filter((b) => b.boundaryId !== ARCHIVE_TIMER);
      run.leave(token);
      return;
    }
    expectWait(token, event.type, false);
  },

  cancel(run, token) {
    if (token.wait?.kind === 'userTask') run.emit({ type: 'closeTask', taskId: token.wait.taskId, state: 'cancelled' });
  },
};
