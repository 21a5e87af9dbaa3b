import { scheduleCycle } from './timers.js';
import { startSla } from './slaClock.js';
import { ConflictError } from '../errors.js';
import { BEHAVIOURS } from './behaviours.js';
import type { RuntimeEvent, StepResult } from './events.js';
import { Run, type StepContext } from './Run.js';
import { ARCHIVE_TIMER } from './timers.js';
import type { InstanceState, Token } from './state.js';

/**
 * The pure core: `step(state, event, ctx) -> { state, effects, history }`. The input state is
 * not touched; clock and ids come in through `ctx`. Throws ConflictError when the event no
 * longer fits the state (the task was completed, the timer's token has moved on).
 */
export function step(state: InstanceState, event: RuntimeEvent, ctx: StepContext): StepResult {
  const run = new Run(state, ctx, BEHAVIOURS);
  apply(run, event);
  run.drain();
  return { state: run.state, effects: run.effects, history: run.history, visits: run.visits };
}

function apply(run: Run, event: RuntimeEvent): void {
  if (event.type === 'start') {
    run.record(run.graph.id, 'start', undefined, { startEvent: event.startId });
    startSla(run);
    run.arrive(event.startId, null);
    return;
  }
  if (event.type === 'terminate') {
    run.record(run.graph.id, 'terminate', undefined, { reason: event.reason });
    run.terminateScope(null);
    return;
  }
  if (run.state.status !== 'active') throw new ConflictError(`instance ${run.state.id} has ended (${run.state.status})`, run.state.id);
  const token = run.token(event.tokenId);
  if (!token) throw new ConflictError(`token ${event.tokenId} of instance ${run.state.id} has moved on`, run.state.id);

  switch (event.type) {
    case 'completeTask': {
      expectWait(token, 'userTask', token.wait?.kind === 'userTask' && token.wait.taskId === event.taskId);
      run.mergeVariables(event.variables);
      if (event.outcome !== undefined) run.mergeVariables({ outcome: event.outcome });
      run.emit({ type: 'closeTask', taskId: event.taskId, state: 'completed', by: event.by, ...(event.outcome === undefined ? {} : { outcome: event.outcome }) });
      run.leave(token);
      return;
    }
    case 'message': {
      if (event.boundaryId) {
        const armed = token.boundaries?.find((b) => b.boundaryId === event.boundaryId && b.messageName === event.messageName);
        if (!armed) throw new ConflictError(`${token.elementId} no longer waits for message '${event.messageName}'`, run.state.id);
        run.mergeVariables(event.variables);
        triggerBoundary(run, token, event.boundaryId, 'message');
        return;
      }
      expectWait(token, 'message', token.wait?.kind === 'message' && token.wait.messageName === event.messageName);
      run.mergeVariables(event.variables);
      run.record(token.elementId, 'message', token.id, { messageName: event.messageName });
      run.leave(token);
      return;
    }
    case 'timer': {
      if (event.boundaryId === ARCHIVE_TIMER) {
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
      if (event.boundaryId) {
        const armed = token.boundaries?.find((b) => b.boundaryId === event.boundaryId && b.jobId === event.jobId);
        if (!armed) throw new ConflictError(`timer ${event.boundaryId} is no longer armed on ${token.elementId}`, run.state.id);
        triggerBoundary(run, token, event.boundaryId, 'timer', event);
        return;
      }
      expectWait(token, 'timer', token.wait?.kind === 'timer' && token.wait.jobId === event.jobId);
      run.record(token.elementId, 'timer', token.id);
      run.leave(token);
      return;
    }
    case 'handlerResult':
      expectWait(token, 'handler', token.wait?.kind === 'handler');
      run.mergeVariables(event.variables);
      run.leave(token);
      return;
    case 'handlerError':
      run.throwError(token, event.errorCode, event.message);
      return;
    case 'childError':
      expectWait(token, 'callActivity', token.wait?.kind === 'callActivity');
      run.throwError(token, event.errorCode, event.message, true);
      return;
    case 'handlerFailed':
    case 'childFailed':
      run.incident(token, event.message);
      return;
    case 'retry':
      // An operator fixed the cause (data, a registry that was down): enter the element again.
      if (token.state !== 'incident') throw new ConflictError(`token ${token.id} at ${token.elementId} has no incident to retry`, run.state.id);
      const leaving = run.state.incidents.some((i) => i.tokenId === token.id && i.leaving);
      run.state.incidents = run.state.incidents.filter((i) => i.tokenId !== token.id);
      run.mergeVariables(event.variables);
      if (leaving) {
        // The activity was done; only its outgoing flows were not chosen: choose them again.
        token.state = 'waiting';
        run.record(token.elementId, 'incident', token.id, { retried: true });
        run.leave(token);
        return;
      }
      run.disarmBoundaries(token);
      run.remove(token);
      run.record(token.elementId, 'incident', token.id, { retried: true });
      run.arrive(token.elementId, token.scopeId, token.arrivedBy);
      return;
    case 'move':
      // The caller checked that the target exists, is enterable and shares the token's scope.
      run.mergeVariables(event.variables);
      run.cancel(token);
      run.record(token.elementId, 'leave', token.id, { movedTo: event.to });
      run.arrive(event.to, token.scopeId);
      return;
    case 'childCompleted':
      expectWait(token, 'callActivity', token.wait?.kind === 'callActivity');
      run.mergeVariables(event.variables);
      run.leave(token);
      return;
  }
}

function expectWait(token: Token, kind: string, ok: boolean): void {
  if (!ok) throw new ConflictError(`${token.elementId} is not waiting for this ${kind} any more`);
}

/**
 * A boundary event fires on the activity a token is in. Interrupting: the activity is cancelled.
 * Non-interrupting: a new token leaves by the boundary and the activity goes on; a timer cycle
 * re-arms for its next repetition.
 */
function triggerBoundary(run: Run, host: Token, boundaryId: string, trigger: 'timer' | 'message', timer?: { remaining?: number; dueAt: string; jobId: string }): void {
  const boundary = run.node(boundaryId);
  run.record(boundaryId, trigger, host.id);
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

export type { StepContext };
