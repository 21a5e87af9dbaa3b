import { startSla } from './slaClock.js';
import { ConflictError } from '../errors.js';
import { BEHAVIOURS } from './elements/index.js';
import { openSubscriptions, triggerProcessScope } from './elements/EventSubProcess.js';
import { PROCESS_SCOPE } from './eventScopes.js';
import type { RuntimeEvent, StepResult } from './events.js';
import { Run, type StepContext, type TokenEvent } from './Run.js';
import type { InstanceState, Token } from './state.js';

/**
 * The pure core: `step(state, event, ctx) -> { state, effects, history }`. The input state is
 * not touched; clock and ids come in through `ctx`. Throws ConflictError when the event no
 * longer fits the state (the task was completed, the timer's token has moved on).
 *
 * Process-level events (start, terminate) and the operator's token repairs (retry, move) are
 * handled here; every other event resumes the element its token rests at, through that
 * element's behaviour (runtime/elements/).
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
    openSubscriptions(run, null, null); // the process's event sub-processes listen from its start
    run.arrive(event.startId, null);
    return;
  }
  if (event.type === 'terminate') {
    run.record(run.graph.id, 'terminate', undefined, { reason: event.reason });
    run.terminateScope(null);
    return;
  }
  if (run.state.status !== 'active') throw new ConflictError(`instance ${run.state.id} has ended (${run.state.status})`, run.state.id);
  if (event.tokenId === PROCESS_SCOPE && (event.type === 'message' || event.type === 'timer')) return triggerProcessScope(run, event);
  const token = run.token(event.tokenId);
  if (!token) throw new ConflictError(`token ${event.tokenId} of instance ${run.state.id} has moved on`, run.state.id);
  if (event.type === 'retry') return retry(run, token, event);
  if (event.type === 'move') {
    // The caller checked that the target exists, is enterable and shares the token's scope.
    run.mergeVariables(event.variables);
    run.cancel(token);
    run.record(token.elementId, 'leave', token.id, { movedTo: event.to });
    run.arrive(event.to, token.scopeId);
    return;
  }
  resume(run, token, event);
}

/** Kinds a token carries as subscriptions, resumed through their own behaviour. */
const CARRIED: ReadonlySet<string> = new Set(['boundaryEvent', 'eventSubProcess']);

/** The event goes to the element it is for: a boundary event the activity carries, else the token's own element. */
function resume(run: Run, token: Token, event: TokenEvent): void {
  const boundaryId = 'boundaryId' in event ? event.boundaryId : undefined;
  // What a token carries goes to its own behaviour: a boundary event, an event sub-process of the
  // scope the token opened. An event-based gateway keys its catches the same way; they go to the gateway.
  const addressed = boundaryId !== undefined && Object.hasOwn(run.graph.nodes, boundaryId) ? run.node(boundaryId) : undefined;
  const node = addressed && CARRIED.has(addressed.kind) ? addressed : run.node(token.elementId);
  const behaviour = run.behaviourOf(node);
  if (!behaviour?.resume) throw new ConflictError(`${token.elementId} is not waiting for this ${event.type} any more`);
  behaviour.resume(run, token, node, event);
}

/** An operator fixed the cause (data, a registry that was down): enter the element again. */
function retry(run: Run, token: Token, event: Extract<RuntimeEvent, { type: 'retry' }>): void {
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
  run.arrive(token.elementId, token.scopeId, token.arrivedBy, token.locals);
}

export type { StepContext };
