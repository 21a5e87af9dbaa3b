/**
 * Timers a step schedules: boundary events armed on an activity (model timers, SLA-bound
 * ones, the implicit archive timer of a hand-back task), intermediate catches and cycles.
 * Each becomes a `scheduleTimer` effect; the engine persists it as a leased job.
 */
import { addDuration, parseDuration } from '../model/IsoDuration.js';
import { firstFiring, nextFiring } from '../model/TimerExpression.js';
import type { FlowNode, TimerSpec } from '../model/types.js';
import type { Run } from './Run.js';
import type { ArmedBoundary, Token } from './state.js';

/** The armed-boundary id of the implicit archive timer on a `ps:returnsResult` task. */
export const ARCHIVE_TIMER = '@archive';

/** Arms the timer and message boundary events of the activity a token just entered. */
export function armBoundaries(run: Run, token: Token, node: FlowNode, sla?: { readonly dueAt: string; readonly warnAt: string }): void {
  const armed: ArmedBoundary[] = [];
  for (const boundaryId of node.boundaries) {
    const event = run.node(boundaryId).event;
    if (event?.type === 'timer') {
      const trigger = event.timer.slaTrigger;
      // A timer bound to the task's SLA fires when the task turns at risk or overdue.
      const at = trigger ? (trigger === 'overdue' ? sla?.dueAt : sla?.warnAt) : undefined;
      if (trigger && !at) continue; // no SLA tracked (no calendars): nothing to escalate on
      const jobId = at ? scheduleAt(run, token, boundaryId, at, boundaryId) : scheduleTimer(run, token, boundaryId, event.timer, boundaryId);
      armed.push({ boundaryId, jobId });
    } else if (event?.type === 'message') {
      armed.push({ boundaryId, messageName: event.messageName });
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
}

/** Schedules a timer job from a model's timer definition (working time with `ps:calendar`). */
export function scheduleTimer(run: Run, token: Token, elementId: string, timer: TimerSpec, boundaryId?: string): string {
  if (timer.calendar && timer.kind === 'duration' && run.ctx.addWorkingTime) {
    // ps:calendar: the duration counts only the calendar's open time.
    const due = run.ctx.addWorkingTime(timer.calendar, run.ctx.now, durationMs(timer.expression));
    return scheduleAt(run, token, elementId, due.toISOString(), boundaryId);
  }
  const firing = firstFiring(timer, run.ctx.now);
  return scheduleAt(run, token, elementId, firing.dueAt.toISOString(), boundaryId, firing.remaining);
}

/** A timer at a known instant; `remaining` repetitions of a cycle after it (0: a one-off). */
export function scheduleAt(run: Run, token: Token, elementId: string, dueAt: string, boundaryId?: string, remaining: number | undefined = 0): string {
  const jobId = run.ctx.newId();
  run.emit({
    type: 'scheduleTimer',
    jobId,
    tokenId: token.id,
    elementId,
    dueAt,
    ...(boundaryId ? { boundaryId } : {}),
    ...(remaining === undefined ? {} : { remaining }),
  });
  return jobId;
}

/** Re-arms a timer cycle for its next repetition; undefined when the cycle has run out. */
export function scheduleCycle(run: Run, token: Token, elementId: string, timer: TimerSpec, previous: Date, remaining: number | undefined): string | undefined {
  const firing = nextFiring(timer, previous, remaining);
  return firing ? scheduleAt(run, token, elementId, firing.dueAt.toISOString(), elementId, firing.remaining) : undefined;
}

/** An ISO-8601 duration in milliseconds (years and months as 365 and 30 days: working-time timers). */
function durationMs(expression: string): number {
  return addDuration(new Date(0), parseDuration(expression)).getTime();
}
