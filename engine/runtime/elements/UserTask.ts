import { ARCHIVE_TIMER, armBoundaries } from '../timers.js';
import { abbreviateExpression, describeValue, evaluateFeel } from '../../model/feel.js';
import type { FlowNode } from '../../model/types.js';
import { expectWait, type Behaviour, type Run } from '../Run.js';
import type { Token } from '../state.js';

/** A group id, as compileProcess checks a written `ps:candidateGroup`. */
const GROUP_ID = /^[A-Za-z0-9][\w.-]{0,63}$/;

/**
 * A user task: creates an inbox task (with its SLA deadline, when it has one) and waits for its
 * completion. A `ps:candidateGroup` written as FEEL (`="akimat-" + department`) is evaluated in the
 * token's scope (a multi-instance inner instance's), and the task goes to that group; a value that
 * is not a group id is an incident naming the element and the field. A hand-back task (`ps:returnsResult`) whose result is not collected in time moves
 * to the archive by its implicit timer and completes itself.
 */
export const UserTask: Behaviour = {
  enter(run, token, node) {
    const group = candidateGroup(run, token, node);
    if (group === null) return; // an incident naming ps:candidateGroup
    const taskId = run.ctx.newId();
    const sla = node.sla && run.ctx.deadline ? run.ctx.deadline(node.sla, node.userTask?.office, run.ctx.now) : undefined;
    if (!armBoundaries(run, token, node, sla)) return; // a FEEL timer named no timer: an incident, no task
    run.emit({ type: 'createTask', taskId, tokenId: token.id, elementId: node.id, ...(group ? { candidateGroup: group } : {}), ...(sla ? { dueAt: sla.dueAt, warnAt: sla.warnAt } : {}) });
    run.wait(token, { kind: 'userTask', taskId, ...(sla ? { dueAt: sla.dueAt, warnAt: sla.warnAt } : {}) });
  },

  resume(run, token, _node, event) {
    if (event.type === 'completeTask') {
      expectWait(token, 'userTask', token.wait?.kind === 'userTask' && token.wait.taskId === event.taskId);
      run.mergeVariables(event.variables, token);
      if (event.outcome !== undefined) run.mergeVariables({ outcome: event.outcome }, token);
      run.emit({ type: 'closeTask', taskId: event.taskId, state: 'completed', by: event.by, ...(event.outcome === undefined ? {} : { outcome: event.outcome }) });
      run.leave(token);
      return;
    }
    if (event.type === 'timer' && event.boundaryId === ARCHIVE_TIMER) {
      expectWait(token, 'userTask', token.wait?.kind === 'userTask');
      // The applicant never came for the result: it moves to the archive, the process goes on.
      const taskId = (token.wait as { taskId: string }).taskId;
      run.record(token.elementId, 'timer', token.id, { archived: true });
      run.mergeVariables({ resultArchived: true, outcome: 'archived' }, token);
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

/** The task's group: the written one, or its FEEL evaluated in the token's scope; null after an incident. */
function candidateGroup(run: Run, token: Token, node: FlowNode): string | undefined | null {
  const expression = node.userTask?.candidateGroupExpression;
  if (expression === undefined) return node.userTask?.candidateGroup;
  const field = `ps:candidateGroup of ${node.id} ('=${abbreviateExpression(expression)}')`;
  const outcome = evaluateFeel(expression, run.variablesOf(token), run.ctx.now);
  if (!outcome.ok) {
    run.incident(token, `${field} has no value: ${outcome.reason}`);
    return null;
  }
  if (typeof outcome.value !== 'string' || !GROUP_ID.test(outcome.value)) {
    run.incident(token, `${field} is ${describeValue(outcome.value)}, not a group id (letters, digits, '-', '_', '.', at most 64)`);
    return null;
  }
  return outcome.value;
}
