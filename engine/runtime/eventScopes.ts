/**
 * Scopes and the events they catch: the event sub-processes of a scope (the process, or one
 * activation of an embedded sub-process), their open subscriptions, and the walk that finds the
 * innermost catcher of an error or an escalation.
 *
 * A scope's subscriptions (an event sub-process's message wait or timer job) are kept where the
 * scope lives: for an embedded sub-process, among the `boundaries` of its token (so they are
 * correlated, kept-message-delivered, fired and disarmed exactly as its boundary events are);
 * for the process, in `state.subscriptions`, addressed by the token id `@process`. Both are
 * plain JSON and survive the store's round trip.
 *
 * Not Run itself (Run calls into this module, and imports form no cycle): what of a run it needs.
 */
import type { FlowNode, ProcessGraph } from '../model/types.js';
import type { HistoryEvent } from '../records/index.js';
import type { Effect } from './events.js';
import type { ArmedBoundary, InstanceState, Token } from './state.js';

/** The token id events for the process-level event sub-processes are addressed to. */
export const PROCESS_SCOPE = '@process';

export interface ScopeRun {
  readonly state: InstanceState;
  readonly graph: ProcessGraph;
  node(id: string): FlowNode;
  token(id: string): Token | undefined;
  tokensIn(scopeId: string | null): Token[];
  emit(effect: Effect): void;
  record(elementId: string, event: HistoryEvent, tokenId?: string, data?: Record<string, unknown>): void;
  cancel(token: Token): void;
  arrive(elementId: string, scopeId: string | null): void;
}

const BY_CONTAINER = new WeakMap<ProcessGraph, Map<string | null, FlowNode[]>>();

/** The event sub-processes directly inside a container: a sub-process's element id, or null for the process. */
export function eventSubProcessesIn(graph: ProcessGraph, container: string | null): readonly FlowNode[] {
  let index = BY_CONTAINER.get(graph);
  if (!index) {
    index = new Map();
    for (const node of Object.values(graph.nodes)) {
      if (node.kind !== 'eventSubProcess') continue;
      index.set(node.scope, [...(index.get(node.scope) ?? []), node]);
    }
    BY_CONTAINER.set(graph, index);
  }
  return index.get(container) ?? [];
}

/** The element whose scope a token stands in: its sub-process (or event sub-process), null at process level. */
export function containerOf(run: ScopeRun, scopeId: string | null): string | null {
  return scopeId === null ? null : (run.token(scopeId)?.elementId ?? null);
}

function isEventSubProcess(run: ScopeRun, id: string): boolean {
  return Object.hasOwn(run.graph.nodes, id) && run.graph.nodes[id]!.kind === 'eventSubProcess';
}

/** The open subscriptions of a scope (by event sub-process id). */
export function subscriptionsOf(run: ScopeRun, scopeId: string | null): readonly ArmedBoundary[] {
  if (scopeId === null) return run.state.subscriptions ?? [];
  return (run.token(scopeId)?.boundaries ?? []).filter((b) => isEventSubProcess(run, b.boundaryId));
}

/** Replaces a scope's subscriptions (the boundary events of a sub-process token stay as they are). */
export function setSubscriptions(run: ScopeRun, scopeId: string | null, list: readonly ArmedBoundary[]): void {
  if (scopeId === null) {
    if (list.length) run.state.subscriptions = [...list];
    else delete run.state.subscriptions;
    return;
  }
  const owner = run.token(scopeId);
  if (!owner) return;
  const all = [...(owner.boundaries ?? []).filter((b) => !isEventSubProcess(run, b.boundaryId)), ...list];
  if (all.length) owner.boundaries = all;
  else delete owner.boundaries;
}

/** Closes a scope's subscriptions: its event sub-processes' timer jobs are withdrawn. */
export function closeSubscriptions(run: ScopeRun, scopeId: string | null): void {
  const open = subscriptionsOf(run, scopeId);
  if (!open.length) return;
  for (const armed of open) if (armed.jobId) run.emit({ type: 'cancelJob', jobId: armed.jobId });
  setSubscriptions(run, scopeId, []);
}

/**
 * Starts an event sub-process in a scope. Interrupting, the scope's other tokens are cancelled
 * (their tasks, timers, jobs and called instances released by their elements) and its other
 * subscriptions closed first; the scope then completes when the event sub-process ends.
 * Non-interrupting, it runs beside the scope's tokens.
 */
export function openEventSubProcess(run: ScopeRun, scopeId: string | null, eventSubProcess: FlowNode): void {
  const start = run.node(eventSubProcess.start!);
  if (start.interrupting !== false) {
    closeSubscriptions(run, scopeId);
    for (const token of run.tokensIn(scopeId)) run.cancel(token);
  }
  run.arrive(eventSubProcess.id, scopeId);
}

type CodedTrigger = 'error' | 'escalation';

function codeOf(node: FlowNode | undefined, type: CodedTrigger): string | undefined | null {
  const event = node?.event;
  if (!event || event.type !== type) return null;
  return event.type === 'error' ? event.errorCode : event.type === 'escalation' ? event.escalationCode : null;
}

/** Among catching nodes, the one for `code`: the one naming that code before a catch-all (no code). */
function pick<T>(candidates: readonly T[], code: string, codeOfCandidate: (c: T) => string | undefined | null): T | undefined {
  return candidates.find((c) => codeOfCandidate(c) === code) ?? candidates.find((c) => codeOfCandidate(c) === undefined);
}

/** The event sub-process of a container whose start catches this error or escalation code. */
export function eventCatcher(graph: ProcessGraph, container: string | null, type: CodedTrigger, code: string): FlowNode | undefined {
  return pick(eventSubProcessesIn(graph, container), code, (e) => codeOf(graph.nodes[e.start ?? ''], type));
}

/**
 * An event sub-process of the scope `current` stands in catches the error or escalation: it is
 * started (interrupting the scope, or beside it) and true is returned. A token climbing out of an
 * event sub-process (`current` is that event sub-process) is not caught again by its own scope's
 * event sub-processes: what an error handler throws goes to the handlers further out.
 */
export function catchInScope(run: ScopeRun, current: Token, type: CodedTrigger, code: string, data: Record<string, unknown>): boolean {
  if (run.node(current.elementId).kind === 'eventSubProcess') return false;
  const catcher = eventCatcher(run.graph, containerOf(run, current.scopeId), type, code);
  if (!catcher) return false;
  run.record(catcher.start!, type, current.id, data);
  openEventSubProcess(run, current.scopeId, catcher);
  return true;
}

/**
 * Throws an escalation where a token stands (an escalation intermediate throw or end event): the
 * innermost catcher takes it, level by level outwards: an escalation boundary event on an
 * enclosing activity (code-specific before catch-all; interrupting: the activity is cancelled;
 * `cancelActivity="false"`: a token leaves by the boundary and the activity goes on), or an
 * escalation event sub-process of the scope (interrupting or not). An escalation nobody catches
 * is not an error: it is recorded in the history and the flow goes on; in a called process it is
 * then thrown by the call activity in its caller (the child goes on unless a catcher there
 * interrupts the call).
 */
export function throwEscalation(run: ScopeRun, token: Token, code: string): void {
  const data = { escalationCode: code };
  for (let current: Token | undefined = token; current; current = current.scopeId ? run.token(current.scopeId) : undefined) {
    const boundaries = run.node(current.elementId).boundaries.map((id) => run.node(id));
    const boundary = pick(boundaries, code, (b) => codeOf(b, 'escalation'));
    if (boundary) {
      run.record(boundary.id, 'escalation', current.id, data);
      if (boundary.cancelActivity !== false) run.cancel(current);
      run.arrive(boundary.id, current.scopeId);
      return;
    }
    if (catchInScope(run, current, 'escalation', code, data)) return;
  }
  run.record(token.elementId, 'escalation', token.id, { ...data, uncaught: true });
  if (run.state.parent) run.emit({ type: 'notifyParent', outcome: { kind: 'escalation', escalationCode: code } });
}
