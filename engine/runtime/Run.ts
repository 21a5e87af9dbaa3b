import { ConflictError } from '../errors.js';
import { abbreviateExpression, evaluateCondition, type ConditionOutcome } from '../model/feel.js';
import type { FlowNode, ProcessGraph } from '../model/types.js';
import { resumeSla } from './slaClock.js';
import { notifyOnEnter } from './notifyOnEnter.js';
import { catchInScope, closeSubscriptions } from './eventScopes.js';
import { localScopeOf, variablesInScope } from './scopes.js';
import type { HistoryEntry, HistoryEvent } from '../records/index.js';
import type { StepContext } from './context.js';
import type { Effect, RuntimeEvent } from './events.js';
import type { InstanceState, Token, Wait } from './state.js';

export type { StepContext };

/** An event addressed to a token at rest: everything a step is fed except the process-level ones. */
export type TokenEvent = Exclude<RuntimeEvent, { type: 'start' } | { type: 'terminate' } | { type: 'retry' } | { type: 'move' }>;

/**
 * What an element kind does over a token's life there. One object per kind, in one file under
 * runtime/elements/, found through the map in runtime/elements/index.ts. Only `enter` is
 * required; a hook left out means the element never meets that moment (a gateway is never
 * resumed, a task holds nothing to release).
 */
export interface Behaviour {
  /** A token arrives at an element of this kind. */
  enter(run: Run, token: Token, node: FlowNode): void;
  /**
   * The event a resting token waited for came: its task was completed, its message or timer
   * arrived, its handler or called process answered. For a boundary event, `token` is the token
   * of the activity it is attached to and `node` the boundary. Throws ConflictError when the
   * element no longer waits for this event (the event is stale).
   */
  resume?(run: Run, token: Token, node: FlowNode, event: TokenEvent): void;
  /** The scope the token opened here ran out of tokens (a sub-process activation is done). */
  complete?(run: Run, token: Token, node: FlowNode): void;
  /** Once the step's arrivals are done: a token parked at a join may go on; true when it moved. */
  settle?(run: Run, token: Token, node: FlowNode): boolean;
  /**
   * The token is withdrawn (a boundary fired, a terminate, an operator's move or cancel):
   * release what the element holds for it (a task, a timer, a called instance, inner tokens).
   * The run then does the rest (boundaries, incidents, the token itself, the history).
   */
  cancel?(run: Run, token: Token, node: FlowNode): void;
  /**
   * An inner instance of this multi-instance activity is done (its element left it): instead of
   * taking the element's flows, it reports to its body (runtime/elements/MultiInstance.ts).
   */
  leaveInstance?(run: Run, token: Token, node: FlowNode): void;
}

interface Arrival {
  readonly elementId: string;
  readonly scopeId: string | null;
  readonly arrivedBy?: string;
  /** A multi-instance inner instance's local variables. */
  readonly locals?: Record<string, unknown>;
}

/**
 * One step's working set: a private copy of the instance state, the effects and history it
 * produces, and the generic token lifecycle the element behaviours call into.
 */
export class Run {
  readonly state: InstanceState;
  readonly effects: Effect[] = [];
  readonly history: HistoryEntry[] = [];
  readonly nowIso: string;
  visits: number;
  private readonly agenda: Arrival[] = [];
  private readonly touchedScopes = new Set<string | null>();

  constructor(
    state: InstanceState,
    readonly ctx: StepContext,
    private readonly behaviours: Readonly<Record<string, Behaviour>>,
  ) {
    this.state = copyState(state);
    this.nowIso = ctx.now.toISOString();
    this.visits = ctx.visits ?? 0;
  }

  get graph(): ProcessGraph {
    return this.ctx.graph;
  }

  node(id: string): FlowNode {
    // Own keys only: a graph read back from the store is a plain object with a prototype.
    const node = Object.hasOwn(this.graph.nodes, id) ? this.graph.nodes[id] : undefined;
    if (!node) throw new Error(`element ${id} is not in process ${this.graph.id}`);
    return node;
  }

  token(id: string): Token | undefined {
    return this.state.tokens.find((t) => t.id === id);
  }

  record(elementId: string, event: HistoryEvent, tokenId?: string, data?: Record<string, unknown>): void {
    // Each shape built whole, in the stored key order: `{ ...entry, tokenId }` took the slow path
    // for the added key (engine/records/withChanges.ts), 0.6 µs an entry against 0.03.
    const { id: instanceId } = this.state;
    const at = this.nowIso;
    this.history.push(
      tokenId === undefined
        ? data
          ? { instanceId, at, elementId, event, data }
          : { instanceId, at, elementId, event }
        : data
          ? { instanceId, at, elementId, event, tokenId, data }
          : { instanceId, at, elementId, event, tokenId },
    );
  }

  emit(effect: Effect): void {
    this.effects.push(effect);
  }

  /** Queues a token's arrival at an element; arrivals run in order when the run drains. */
  arrive(elementId: string, scopeId: string | null, arrivedBy?: string, locals?: Record<string, unknown>): void {
    const arrival: Arrival = arrivedBy === undefined ? { elementId, scopeId } : { elementId, scopeId, arrivedBy };
    this.agenda.push(locals === undefined ? arrival : { ...arrival, locals });
  }

  /** Runs queued arrivals, joins and scope completions until every token rests. */
  drain(): void {
    for (;;) {
      while (this.agenda.length) this.enter(this.agenda.shift()!);
      if (this.settleJoins()) continue;
      if (this.settleScopes()) continue;
      if (!this.agenda.length) return;
    }
  }

  private enter(arrival: Arrival): void {
    const node = this.node(arrival.elementId);
    const token: Token = {
      id: `t${this.state.nextToken++}`,
      elementId: node.id,
      scopeId: arrival.scopeId,
      state: 'waiting',
      enteredAt: this.nowIso,
      ...(arrival.arrivedBy === undefined ? {} : { arrivedBy: arrival.arrivedBy }),
      ...(arrival.locals === undefined ? {} : { locals: arrival.locals }),
    };
    this.state.tokens.push(token);
    this.visits += 1;
    if (this.visits > this.ctx.budget) {
      this.incident(token, `the step visited more than ${this.ctx.budget} elements without reaching a wait state (endless loop?)`);
      return;
    }
    this.record(node.id, 'enter', token.id);
    notifyOnEnter(this, node);
    const behaviour = this.behaviourOf(node);
    if (!behaviour) {
      this.incident(token, `no behaviour for ${node.kind}`);
      return;
    }
    behaviour.enter(this, token, node);
  }

  /** The behaviour of an element's kind (own keys only: kinds come from stored graphs). */
  behaviourOf(node: FlowNode): Behaviour | undefined {
    return Object.hasOwn(this.behaviours, node.kind) ? this.behaviours[node.kind] : undefined;
  }

  /** The token rests until an event resumes it. */
  wait(token: Token, wait: Wait): void {
    token.state = 'waiting';
    token.wait = wait;
  }

  /**
   * The token leaves its element: boundaries disarmed, outgoing flows taken. Without an explicit
   * list, an activity or event takes every unconditional flow and each conditional one whose
   * condition holds, and its default flow when nothing else was taken.
   */
  leave(token: Token, flows?: readonly string[]): void {
    const node = this.node(token.elementId);
    if (this.isInnerInstance(token)) {
      this.behaviourOf(node)!.leaveInstance!(this, token, node);
      return;
    }
    // Chosen before the token goes: a condition that cannot be decided leaves the token where it
    // is, an incident in its own scope (a sub-process waits for it), and a retry leaves again.
    const taken = flows ?? this.selectFlows(node, false, token, true);
    if (taken === undefined) {
      this.disarmBoundaries(token);
      return;
    }
    if (node.pausesSla) resumeSla(this);
    this.disarmBoundaries(token);
    this.remove(token);
    this.record(node.id, 'leave', token.id);
    for (const flowId of taken) this.arrive(this.graph.flows[flowId]!.target, token.scopeId, flowId);
  }

  /**
   * Flows whose condition holds (conditionless ones always, except for exclusive choices, where
   * the first true condition wins). The default flow when none holds. Undefined after an
   * incident on `token`: a condition that is neither true nor false (a missing variable, a
   * non-boolean, an error), or nothing holds and there is no default. `leaving`: the token's
   * activity is done, so a retry takes its flows again instead of running it once more.
   */
  selectFlows(node: FlowNode, exclusive: boolean, token: Token, leaving = false): string[] | undefined {
    const chosen: string[] = [];
    for (const flowId of node.outgoing) {
      if (flowId === node.defaultFlow) continue;
      const condition = this.graph.flows[flowId]!.condition;
      if (condition !== undefined) {
        const outcome = this.condition(condition, token);
        if ('problem' in outcome) {
          this.incident(token, `the condition of sequence flow ${flowId} ('${abbreviateExpression(condition)}') is neither true nor false: ${outcome.problem}`, leaving);
          return undefined;
        }
        if (!outcome.value) continue;
      }
      chosen.push(flowId);
      if (exclusive) break;
    }
    if (chosen.length === 0 && node.defaultFlow) chosen.push(node.defaultFlow);
    if (chosen.length === 0 && node.outgoing.length) {
      this.incident(token, `no outgoing flow of ${node.id} matches and it has no default flow (variables: ${Object.keys(this.state.variables).join(', ') || 'none'})`, leaving);
      return undefined;
    }
    return chosen;
  }

  /** A FEEL condition in the scope of `token` (the process's variables without one). */
  condition(expression: string, token?: Token): ConditionOutcome {
    const variables = this.variablesOf(token);
    return this.ctx.condition ? this.ctx.condition(expression, variables, this.ctx.now) : evaluateCondition(expression, variables, this.ctx.now);
  }

  /** The variables a token sees: the process's, under the local ones of the multi-instance inner instances around it. */
  variablesOf(token: Token | undefined): Readonly<Record<string, unknown>> {
    return variablesInScope(this.state, token);
  }

  /** A multi-instance activity's inner instance: a token in the scope of its body, at the same element. */
  isInnerInstance(token: Token): boolean {
    return token.scopeId !== null && this.token(token.scopeId)?.elementId === token.elementId;
  }

  /** A token ends at an end event (or an element without outgoing flows). */
  end(token: Token): void {
    this.remove(token);
    this.record(token.elementId, 'end', token.id);
  }

  remove(token: Token): void {
    const index = this.state.tokens.indexOf(token);
    if (index >= 0) this.state.tokens.splice(index, 1);
    this.touchedScopes.add(token.scopeId);
  }

  /** Parks the token as an incident: the instance shows it until an operator acts. */
  incident(token: Token, message: string, leaving = false): void {
    token.state = 'incident';
    delete token.wait;
    const incident = { tokenId: token.id, elementId: token.elementId, message, at: this.nowIso };
    this.state.incidents.push(leaving ? { ...incident, leaving: true } : incident);
    this.record(token.elementId, 'incident', token.id, { message });
  }

  /**
   * Writes variables in the scope of `token`: the local scope of the multi-instance inner
   * instance around it (which keeps them out of the process), else the process's.
   */
  mergeVariables(variables: Record<string, unknown> | undefined, token?: Token): void {
    if (!variables) return;
    const local = token && localScopeOf(this.state, token);
    if (local) local.locals = { ...local.locals, ...variables };
    else Object.assign(this.state.variables, variables);
  }

  /** Cancels the timer jobs of the boundary events armed on a token's activity. */
  disarmBoundaries(token: Token): void {
    for (const armed of token.boundaries ?? []) if (armed.jobId) this.emit({ type: 'cancelJob', jobId: armed.jobId });
    delete token.boundaries;
  }

  /** Cancels a token and everything it holds: its element releases its part, then the token goes. */
  cancel(token: Token): void {
    const node = this.node(token.elementId);
    this.behaviourOf(node)?.cancel?.(this, token, node);
    if (node.pausesSla) resumeSla(this);
    this.disarmBoundaries(token);
    this.state.incidents = this.state.incidents.filter((i) => i.tokenId !== token.id);
    this.remove(token);
    this.record(token.elementId, 'cancel', token.id);
  }

  tokensIn(scopeId: string | null): Token[] {
    return this.state.tokens.filter((t) => t.scopeId === scopeId);
  }

  /**
   * Ends a scope at once: the whole instance, or one sub-process activation. A terminate end
   * event ends it `completed` (a called process then answers its caller, which goes on, as in
   * Camunda 8); an operator's or a caller's cancellation ends it `terminated`.
   */
  terminateScope(scopeId: string | null, status: 'completed' | 'terminated' = 'terminated'): void {
    for (const token of this.tokensIn(scopeId)) this.cancel(token);
    if (scopeId === null) {
      this.finish(status);
    }
  }

  /**
   * Raises a BPMN error where a token stands: the innermost catcher, level by level outwards:
   * an error boundary event on the token's activity or an enclosing sub-process, or an error
   * event sub-process of the scope (code-specific before catch-all at each level).
   * Uncaught in a called instance, the token stays here as an incident (at the throwing element,
   * as in Camunda 8) and the caller is told: a boundary of the caller may catch it (which cancels
   * this instance); if none up the chain does, the callers keep waiting and the incident here is
   * what an operator retries. Uncaught at the root, the token becomes an incident.
   * `fromChild`: the error came up from a called instance, whose incident already holds it.
   */
  throwError(token: Token, errorCode: string, message: string, fromChild = false): void {
    for (let current: Token | undefined = token; current; current = current.scopeId ? this.token(current.scopeId) : undefined) {
      if (this.isInnerInstance(current)) continue; // a multi-instance activity's boundaries are its body's
      const catcher = errorCatcher(this.node(current.elementId).boundaries.map((id) => this.node(id)), errorCode);
      if (catcher) {
        this.record(catcher.id, 'error', current.id, { errorCode, message });
        this.cancel(current);
        this.arrive(catcher.id, current.scopeId);
        return;
      }
      if (catchInScope(this, current, 'error', errorCode, { errorCode, message })) return;
    }
    if (fromChild) {
      this.record(token.elementId, 'error', token.id, { errorCode, message, uncaught: true });
      if (this.state.parent) this.emit({ type: 'notifyParent', outcome: { kind: 'error', errorCode, message } });
      return;
    }
    this.incident(token, `BPMN error '${errorCode}' was not caught: ${message}`);
    if (this.state.parent) this.emit({ type: 'notifyParent', outcome: { kind: 'error', errorCode, message } });
  }

  /** The instance reaches its end: completed (no token left) or terminated. */
  finish(status: 'completed' | 'terminated'): void {
    if (this.state.status !== 'active') return;
    closeSubscriptions(this, null); // the process's event sub-processes wait no more
    this.state.status = status;
    this.state.endedAt = this.nowIso;
    this.record(this.graph.id, status === 'completed' ? 'end' : 'terminate');
    if (this.state.parent && status === 'completed') {
      this.effects.push({ type: 'notifyParent', outcome: { kind: 'completed', variables: this.state.variables } });
    }
  }

  /** Offers every token parked at a join to its element; true once one moved on. */
  private settleJoins(): boolean {
    for (const token of this.state.tokens) {
      if (token.state !== 'joining') continue;
      const node = this.node(token.elementId);
      if (this.behaviourOf(node)?.settle?.(this, token, node)) return true;
    }
    return false;
  }

  /** Completes scopes left without tokens: a sub-process activation, or the instance itself. */
  private settleScopes(): boolean {
    let progressed = false;
    const scopes = [...this.touchedScopes];
    this.touchedScopes.clear();
    for (const scopeId of scopes) {
      if (this.state.tokens.some((t) => t.scopeId === scopeId)) continue;
      if (this.agenda.some((a) => a.scopeId === scopeId)) {
        this.touchedScopes.add(scopeId); // tokens still on their way in: look again later
        continue;
      }
      if (scopeId === null) {
        if (this.state.status === 'active') this.finish('completed');
        continue;
      }
      const owner = this.token(scopeId);
      if (owner) {
        const node = this.node(owner.elementId);
        const behaviour = this.behaviourOf(node);
        if (behaviour?.complete) behaviour.complete(this, owner, node);
        else this.leave(owner);
        progressed = true;
      }
    }
    return progressed;
  }
}

/**
 * The error boundary that catches `errorCode` among an activity's boundaries: the one naming
 * that code wins over a catch-all (no code), wherever each stands in the XML, as in Camunda 8.
 */
function errorCatcher(boundaries: readonly FlowNode[], errorCode: string): FlowNode | undefined {
  const errors = boundaries.filter((b) => b.event?.type === 'error');
  return (
    errors.find((b) => b.event?.type === 'error' && b.event.errorCode === errorCode) ??
    errors.find((b) => b.event?.type === 'error' && b.event.errorCode === undefined)
  );
}

/**
 * A private copy of the state for one step. Behaviours replace (never mutate in place) nested
 * values: variables are merged at the top level, token fields are reassigned, so copying one
 * level of each suffices and costs far less than a deep clone.
 */
function copyState(state: InstanceState): InstanceState {
  return {
    ...state,
    // Assigned, not spread: a step adds variables, and keys added to a spread copy are slow
    // (engine/records/withChanges.ts): three new variables 2.4 µs, against 0.1.
    variables: Object.assign({}, state.variables),
    tokens: state.tokens.map((t) => ({ ...t })),
    incidents: [...state.incidents],
  };
}

/** Refuses a stale event: the token's element no longer waits for it (answered with a 409 and retried). */
export function expectWait(token: Token, kind: string, ok: boolean): void {
  if (!ok) throw new ConflictError(`${token.elementId} is not waiting for this ${kind} any more`);
}
