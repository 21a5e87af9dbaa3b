import { ConflictError } from '../../errors.js';
import { scheduleCycle } from '../timers.js';
import type { Behaviour, Run } from '../Run.js';
import type { Token } from '../state.js';

/**
 * A boundary event. Resumed when its trigger fires on the activity it is attached to (`token`
 * is the activity's token): interrupting, the activity is cancelled; non-interrupting, a new
 * token leaves by the boundary and the activity goes on, and a timer cycle re-arms for its next
 * repetition. Entered, the token leaves along the boundary's outgoing flows. Error boundaries
 * are found by Run.throwError.
 */
export const BoundaryEvent: Behaviour = {
  enter(run, token) {
    run.leave(token);
  },

  resume(run, host, boundary, event) {
    if (event.type === 'message') {
      const armed = host.boundaries?.find((b) => b.boundaryId === boundary.id && b.messageName === event.messageName);
      if (!armed) throw new ConflictError(`${host.elementId} no longer waits for message '${event.messageName}'`, run.state.id);
      run.mergeVariables(event.variables, host);
      trigger(run, host, boundary.id, 'message');
      return;
    }
    if (event.type === 'signal') {
      const armed = host.boundaries?.find((b) => b.boundaryId === boundary.id && b.signalName === event.signalName);
      if (!armed) throw new ConflictError(`${host.elementId} no longer waits for signal '${event.signalName}'`, run.state.id);
      run.mergeVariables(event.variables);
      trigger(run, host, boundary.id, 'signal');
      return;
    }
    if (event.type === 'timer') {
      const armed = host.boundaries?.find((b) => b.boundaryId === boundary.id && b.jobId === event.jobId);
      if (!armed) throw new ConflictError(`timer ${boundary.id} is no longer armed on ${host.elementId}`, run.state.id);
      trigger(run, host, boundary.id, 'timer', event);
      return;
    }
    throw new ConflictError(`${boundary.id} is not triggered by ${event.type}`, run.state.id);
  },
};

function trigger(run: Run, host: Token, boundaryId: string, kind: 'timer' | 'message' | 'signal', timer?: { remaining?: number; dueAt: string; jobId: string }): void {
  const boundary = run.node(boundaryId);
  run.record(boundaryId, kind, host.id);
  if (boundary.cancelActivity !== false) {
    if (timer) host.boundaries = host.boundaries?.filter((b) => b.jobId !== timer.jobId);
    run.cancel(host);
    run.arrive(boundaryId, host.scopeId);
    return;
  }
  run.arrive(boundaryId, host.scopeId);
  if (!timer || boundary.event?.type !== 'timer') return;
  const others = (host.boundaries ?? []).filter((b) => b.jobId !== timer.jobId);
  if (timer.remaining === 0 || boundary.event.timer.kind !== 'cycle') {
    host.boundaries = others;
    return;
  }
  const cycle = host.boundaries?.find((b) => b.jobId === timer.jobId)?.cycle;
  const spec = cycle === undefined ? boundary.event.timer : { ...boundary.event.timer, expression: cycle };
  const next = scheduleCycle(run, host, boundaryId, spec, new Date(timer.dueAt), timer.remaining);
  host.boundaries = next ? [...others, cycle === undefined ? { boundaryId, jobId: next } : { boundaryId, jobId: next, cycle }] : others;
}
