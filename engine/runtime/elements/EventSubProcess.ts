import { ConflictError, InvalidArgumentError } from '../../errors.js';
import { isFeelTimer, nextFiring, timerValue } from '../../model/TimerExpression.js';
import type { FlowNode, TimerSpec } from '../../model/types.js';
import { eventSubProcessesIn, openEventSubProcess, PROCESS_SCOPE, setSubscriptions, subscriptionsOf } from '../eventScopes.js';
import { resolveTimer, scheduleAt, scheduleResolved } from '../timers.js';
import type { Behaviour, Run, TokenEvent } from '../Run.js';
import type { ArmedBoundary, Token } from '../state.js';

/**
 * An event sub-process (`triggeredByEvent="true"`): no flows in or out; its start event's
 * trigger opens it inside the scope it sits in (the process, or an embedded sub-process's
 * activation). Message and timer starts are subscriptions opened when the scope is entered
 * (`openSubscriptions`) and closed when it ends; error and escalation starts are found by the
 * throw (eventScopes.ts). Interrupting, the scope's other tokens are cancelled first and the
 * scope completes when the event sub-process ends; non-interrupting (`isInterrupting="false"`),
 * it runs beside them, as often as its trigger comes (a cycle re-arms, a message wait stays).
 *
 * `resume` is the trigger: `token` is the token owning the scope (the sub-process's), as for a
 * boundary event; the process-level ones are addressed to `@process` (`triggerProcessScope`).
 */
export const EventSubProcess: Behaviour = {
  enter(run, token, node) {
    if (!openSubscriptions(run, token, node.id)) return; // event sub-processes nested in this one
    run.wait(token, { kind: 'subProcess' });
    run.arrive(node.start!, token.id);
  },

  /** Its scope ran empty: it ends here (it has no outgoing flows); the enclosing scope may complete. */
  complete(run, token) {
    run.disarmBoundaries(token);
    run.end(token);
  },

  resume(run, owner, node, event) {
    trigger(run, owner.id, owner.id, node, event);
  },

  cancel(run, token) {
    if (token.wait?.kind === 'subProcess') for (const inner of run.tokensIn(token.id)) run.cancel(inner);
  },
};

/** A message or timer for a process-level event sub-process (token id `@process`). */
export function triggerProcessScope(run: Run, event: TokenEvent): void {
  const id = 'boundaryId' in event ? event.boundaryId : undefined;
  const node = id !== undefined && Object.hasOwn(run.graph.nodes, id) ? run.graph.nodes[id] : undefined;
  if (!node || node.kind !== 'eventSubProcess' || node.scope !== null) {
    throw new ConflictError(`instance ${run.state.id} has no process-level event sub-process waiting for this ${event.type}`, run.state.id);
  }
  trigger(run, null, PROCESS_SCOPE, node, event);
}

function trigger(run: Run, scopeId: string | null, tokenId: string, node: FlowNode, event: TokenEvent): void {
  const start = run.node(node.start!);
  const open = subscriptionsOf(run, scopeId);
  let armed: ArmedBoundary | undefined;
  if (event.type === 'message') {
    armed = open.find((s) => s.boundaryId === node.id && s.messageName === event.messageName);
    if (!armed) throw new ConflictError(`${node.id} no longer waits for message '${event.messageName}'`, run.state.id);
    run.mergeVariables(event.variables);
    run.record(start.id, 'message', tokenId, { messageName: event.messageName });
    // Non-interrupting, the message wait stays open: the next such message starts it again.
  } else if (event.type === 'timer') {
    armed = open.find((s) => s.boundaryId === node.id && s.jobId === event.jobId);
    if (!armed) throw new ConflictError(`timer ${start.id} of ${node.id} is no longer armed`, run.state.id);
    run.record(start.id, 'timer', tokenId);
    const others = open.filter((s) => s !== armed);
    const next = start.interrupting === false && event.remaining !== 0 ? rearm(run, tokenId, node, start, armed, event.dueAt, event.remaining) : undefined;
    setSubscriptions(run, scopeId, next ? [...others, next] : others); // the fired job is done
  } else {
    throw new ConflictError(`${node.id} is not started by ${event.type}`, run.state.id);
  }
  openEventSubProcess(run, scopeId, node);
}

/** A non-interrupting timer cycle's next repetition (a FEEL cycle as it was armed). */
function rearm(run: Run, tokenId: string, node: FlowNode, start: FlowNode, armed: ArmedBoundary, previous: string, remaining: number | undefined): ArmedBoundary | undefined {
  if (start.event?.type !== 'timer' || start.event.timer.kind !== 'cycle') return undefined;
  const spec = armed.cycle === undefined ? start.event.timer : { ...start.event.timer, expression: armed.cycle };
  const firing = nextFiring(spec, new Date(previous), remaining);
  if (!firing) return undefined;
  const jobId = scheduleAt(run, { id: tokenId }, start.id, firing.dueAt.toISOString(), node.id, firing.remaining, spec.expression);
  return armed.cycle === undefined ? { boundaryId: node.id, jobId } : { boundaryId: node.id, jobId, cycle: armed.cycle };
}

/**
 * Opens the message and timer subscriptions of the event sub-processes directly inside a scope
 * being entered: `owner` is the token that owns it (null: the process, at its start). A FEEL
 * timer is evaluated in the scope first; when one names no valid timer, nothing is opened and
 * false is returned: in a sub-process its token becomes an incident naming the timer (a retry
 * enters it again); at the process's start, the start is refused with the timer's problem.
 */
export function openSubscriptions(run: Run, owner: Token | null, container: string | null): boolean {
  const tokenId = owner?.id ?? PROCESS_SCOPE;
  const timers = new Map<string, TimerSpec>();
  const eventSubProcesses = eventSubProcessesIn(run.graph, container);
  for (const node of eventSubProcesses) {
    const start = run.node(node.start!);
    if (start.event?.type !== 'timer') continue;
    const timer = owner ? resolveTimer(run, owner, start.id, start.event.timer) : processTimer(run, start.id, start.event.timer);
    if (!timer) return false;
    timers.set(node.id, timer);
  }
  const opened: ArmedBoundary[] = [];
  for (const node of eventSubProcesses) {
    const start = run.node(node.start!);
    const event = start.event;
    if (event?.type === 'message') {
      opened.push({ boundaryId: node.id, messageName: event.messageName });
      run.emit({ type: 'awaitMessage', tokenId, messageName: event.messageName, boundaryId: node.id });
    } else if (event?.type === 'timer') {
      const timer = timers.get(node.id)!;
      const jobId = scheduleResolved(run, { id: tokenId }, start.id, timer, node.id);
      opened.push(isFeelTimer(event.timer) && timer.kind === 'cycle' ? { boundaryId: node.id, jobId, cycle: timer.expression } : { boundaryId: node.id, jobId });
    }
  }
  const scopeId = owner?.id ?? null;
  if (opened.length) setSubscriptions(run, scopeId, [...subscriptionsOf(run, scopeId), ...opened]);
  return true;
}

/** A process-level event sub-process's FEEL timer, evaluated on the start's variables. */
function processTimer(run: Run, elementId: string, timer: TimerSpec): TimerSpec {
  const value = timerValue(timer, run.state.variables, run.ctx.now);
  if ('problem' in value) throw new InvalidArgumentError('variables', `timer ${elementId}: ${value.problem}`);
  return value.timer;
}
