/**
 * Timers a step schedules: boundary events armed on an activity (model timers, SLA-bound
 * ones, the implicit archive timer of a hand-back task), intermediate catches and cycles.
 * Each becomes a `scheduleTimer` effect; the engine persists it as a leased job.
 */
import { addDuration, parseDuration } from '../model/IsoDuration.js';
import { firstFiring, isFeelTimer, nextFiring, timerValue } from '../model/TimerExpression.js';
import { MODEL_LIMITS } from '../model/modelLimits.js';
import type { FlowNode, TimerSpec } from '../model/types.js';
import type { Run } from './Run.js';
import type { ArmedBoundary, Token } from './state.js';

/** The armed-boundary id of the implicit archive timer on a `ps:returnsResult` task. */
export const ARCHIVE_TIMER = '@archive';

/**
 * Arms the timer, message and signal boundary events of the activity a token is entering. A FEEL timer
 * is evaluated in the token's scope first; when one names no valid timer, nothing is armed, the
 * token becomes an incident naming the timer, and false is returned: the activity must not start
 * (a retry enters it again).
 */
export function armBoundaries(run: Run, token: Token, node: FlowNode, sla?: { readonly dueAt: string; readonly warnAt: string }): boolean {
  const timers = new Map<string, TimerSpec>();
  for (const boundaryId of node.boundaries) {
    const event = run.node(boundaryId).event;
    if (event?.type !== 'timer' || event.timer.slaTrigger) continue;
    const timer = resolveTimer(run, token, boundaryId, event.timer);
    if (!timer) return false;
    timers.set(boundaryId, timer);
  }
  const armed: ArmedBoundary[] = [];
  for (const boundaryId of node.boundaries) {
    const event = run.node(boundaryId).event;
    if (event?.type === 'timer') {
      const trigger = event.timer.slaTrigger;
      // A timer bound to the task's SLA fires when the task turns at risk or overdue.
      const at = trigger ? (trigger === 'overdue' ? sla?.dueAt : sla?.warnAt) : undefined;
      if (trigger && !at) continue; // no SLA tracked (no calendars): nothing to escalate on
      const timer = timers.get(boundaryId)!;
      const jobId = at ? scheduleAt(run, token, boundaryId, at, boundaryId) : scheduleResolved(run, token, boundaryId, timer, boundaryId);
      // A FEEL cycle keeps the repetition it named when armed, for its later repetitions.
      armed.push(isFeelTimer(event.timer) && timer.kind === 'cycle' ? { boundaryId, jobId, cycle: timer.expression } : { boundaryId, jobId });
    } else if (event?.type === 'message') {
      armed.push({ boundaryId, messageName: event.messageName });
      run.emit({ type: 'awaitMessage', tokenId: token.id, messageName: event.messageName, boundaryId });
    } else if (event?.type === 'signal') {
      armed.push({ boundaryId, signalName: event.signalName });
    }
  }
  // A result not collected in time moves to the archive (the hand-back task completes itself),
  // unless the model says itself what happens then (an interrupting timer on the task).
  const modelled = node.boundaries.some((id) => run.node(id).event?.type === 'timer' && run.node(id).cancelActivity !== false);
  if (node.userTask?.returnsResult && run.ctx.resultCollectionMs && !modelled) {
    const at = new Date(run.ctx.now.getTime() + run.ctx.resultCollectionMs).toISOString();
    armed.push({ boundaryId: ARCHIVE_TIMER, jobId: scheduleAt(run, token, node.id, at, ARCHIVE_TIMER) });
  }
  if (armed.length) token.boundaries = armed;
  return true;
}

/**
 * The ISO-8601 timer a model's timer names for this token: itself, or a FEEL one evaluated in
 * the token's scope. Undefined after an incident on the token naming the timer and why.
 */
export function resolveTimer(run: Run, token: Token, elementId: string, timer: TimerSpec): TimerSpec | undefined {
  const value = timerValue(timer, run.variablesOf(token), run.ctx.now);
  if ('problem' in value) {
    run.incident(token, `timer ${elementId}: ${value.problem}`);
    return undefined;
  }
  const hours = value.timer.calendar && value.timer.kind === 'duration' ? durationMs(value.timer.expression) / 3_600_000 : 0;
  if (hours > MODEL_LIMITS.maxWorkingTimeTimerHours) {
    run.incident(token, `timer ${elementId}: a ps:calendar timeDuration counts at most ${MODEL_LIMITS.maxWorkingTimeTimerHours} hours of working time, not '${value.timer.expression}'`);
    return undefined;
  }
  return value.timer;
}

/**
 * Schedules a timer job from a model's timer definition (a FEEL one evaluated first); undefined
 * after an incident on the token (see resolveTimer).
 */
export function scheduleTimer(run: Run, token: Token, elementId: string, timer: TimerSpec, boundaryId?: string): string | undefined {
  const resolved = resolveTimer(run, token, elementId, timer);
  return resolved ? scheduleResolved(run, token, elementId, resolved, boundaryId) : undefined;
}

/** Schedules a timer job from an ISO-8601 timer (working time with `ps:calendar`); `token`: the one it is for. */
export function scheduleResolved(run: Run, token: Pick<Token, 'id'>, elementId: string, timer: TimerSpec, boundaryId?: string): string {
  if (timer.calendar && timer.kind === 'duration' && run.ctx.addWorkingTime) {
    // ps:calendar: the duration counts only the calendar's open time.
    const due = run.ctx.addWorkingTime(timer.calendar, run.ctx.now, durationMs(timer.expression));
    return scheduleAt(run, token, elementId, due.toISOString(), boundaryId);
  }
  const firing = firstFiring(timer, run.ctx.now);
  return scheduleAt(run, token, elementId, firing.dueAt.toISOString(), boundaryId, firing.remaining, timer.kind === 'cycle' ? timer.expression : undefined);
}

/** A timer at a known instant; `remaining` repetitions of a cycle after it (0: a one-off). */
export function scheduleAt(run: Run, token: Pick<Token, 'id'>, elementId: string, dueAt: string, boundaryId?: string, remaining: number | undefined = 0, cycle?: string): string {
  const jobId = run.ctx.newId();
  run.emit({
    type: 'scheduleTimer',
    jobId,
    tokenId: token.id,
    elementId,
    dueAt,
    ...(boundaryId ? { boundaryId } : {}),
    ...(remaining === undefined ? {} : { remaining }),
    ...(cycle === undefined ? {} : { cycle }),
  });
  return jobId;
}

/** Re-arms a timer cycle (ISO-8601: a FEEL one as it was armed) for its next repetition; undefined when the cycle has run out. */
export function scheduleCycle(run: Run, token: Pick<Token, 'id'>, elementId: string, timer: TimerSpec, previous: Date, remaining: number | undefined): string | undefined {
  const firing = nextFiring(timer, previous, remaining);
  return firing ? scheduleAt(run, token, elementId, firing.dueAt.toISOString(), elementId, firing.remaining, timer.expression) : undefined;
}

/** An ISO-8601 duration in milliseconds (years and months as 365 and 30 days: working-time timers). */
function durationMs(expression: string): number {
  return addDuration(new Date(0), parseDuration(expression)).getTime();
}
