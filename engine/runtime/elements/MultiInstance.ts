import { abbreviateExpression, describeValue, evaluateCondition, evaluateFeel } from '../../model/feel.js';
import { MODEL_LIMITS } from '../../model/modelLimits.js';
import type { FlowNode, MultiInstanceSpec } from '../../model/types.js';
import { armBoundaries } from '../timers.js';
import { expectWait, type Behaviour, type Run } from '../Run.js';
import type { Token, Wait } from '../state.js';

type BodyWait = Extract<Wait, { kind: 'multiInstance' }>;

/**
 * Multi-instance activities (`bpmn:multiInstanceLoopCharacteristics`, issue 10's contract),
 * wrapping the behaviour of the element kind (a user task, a service task, a sub-process, a
 * call activity). Without the marker the wrapper is the inner behaviour itself.
 *
 * The token that enters the element is its **body**: it evaluates `ps:collection` (or
 * `loopCardinality`) in its scope, arms the element's boundary events (they apply to the whole
 * activity: an interrupting one cancels every inner instance), and waits (`multiInstance`).
 * Each **inner instance** is a token at the same element in the body's scope, holding local
 * variables: `loopCounter` (from 1) and `ps:elementVariable`; what its completion writes (a
 * task's variables, a handler's, a called process's) stays there, out of the process. Parallel:
 * all inner instances start at once; sequential: one after another, in the collection's order.
 *
 * When an inner instance is done, `ps:outputElement` is evaluated in its scope into its place in
 * `ps:outputCollection` (the collection's order, whatever the order of completion), then the
 * completion condition, which also sees `nrOfInstances`, `nrOfActiveInstances` and
 * `nrOfCompletedInstances`. When it holds, or every instance is done, the remaining inner
 * instances are cancelled (tasks closed, jobs withdrawn, called processes ended), the output
 * collection is written in the body's scope and the body leaves. An empty collection completes
 * at once with an empty output.
 *
 * A collection that is not a list, too many instances or a failing expression is an incident
 * naming the element and the field: on the body when it is entered (a retry enters again), on
 * the inner instance when it is done (a retry evaluates again).
 */
export function multiInstance(inner: Behaviour): Behaviour {
  return {
    enter(run, token, node) {
      if (!node.multiInstance || run.isInnerInstance(token)) {
        // The boundaries are the body's: an inner instance arms none.
        inner.enter(run, token, node.multiInstance ? { ...node, boundaries: [] } : node);
        return;
      }
      enterBody(run, token, node, node.multiInstance);
    },

    resume(run, token, node, event) {
      if (node.multiInstance && !run.isInnerInstance(token)) return expectWait(token, event.type, false);
      if (!inner.resume) return expectWait(token, event.type, false);
      inner.resume(run, token, node, event);
    },

    complete(run, token, node) {
      if (!node.multiInstance || run.isInnerInstance(token)) {
        if (inner.complete) inner.complete(run, token, node);
        else run.leave(token);
        return;
      }
      // Every inner instance went without reporting (an operator cancelled them): the body is done.
      if (token.wait?.kind === 'multiInstance') finishBody(run, token, node.multiInstance, token.wait);
    },

    cancel(run, token, node) {
      if (!node.multiInstance || run.isInnerInstance(token)) {
        inner.cancel?.(run, token, node);
        return;
      }
      for (const instance of run.tokensIn(token.id)) run.cancel(instance);
    },

    leaveInstance(run, token, node) {
      const body = run.token(token.scopeId!)!;
      const wait = body.wait;
      if (wait?.kind !== 'multiInstance' || !node.multiInstance) throw new Error(`inner instance ${token.id} of ${node.id} has no multi-instance body`);
      instanceDone(run, body, token, node, node.multiInstance, wait);
    },
  };
}

function enterBody(run: Run, body: Token, node: FlowNode, spec: MultiInstanceSpec): void {
  const scope = run.variablesOf(body);
  let items: unknown[] | undefined;
  let total: number;
  if (spec.collection !== undefined) {
    const field = `ps:collection of ${node.id} ('${abbreviateExpression(spec.collection)}')`;
    const outcome = evaluateFeel(spec.collection, scope, run.ctx.now);
    if (!outcome.ok) return run.incident(body, `${field} has no value: ${outcome.reason}`);
    if (!Array.isArray(outcome.value)) return run.incident(body, `${field} is ${describeValue(outcome.value)}, not a list`);
    items = plain(outcome.value) as unknown[];
    total = items.length;
  } else {
    const field = `loopCardinality of ${node.id} ('${abbreviateExpression(spec.cardinality!)}')`;
    const outcome = evaluateFeel(spec.cardinality!, scope, run.ctx.now);
    if (!outcome.ok) return run.incident(body, `${field} has no value: ${outcome.reason}`);
    if (typeof outcome.value !== 'number' || !Number.isInteger(outcome.value) || outcome.value < 0) {
      return run.incident(body, `${field} is ${describeValue(outcome.value)}, not a whole number of instances (0 or more)`);
    }
    total = outcome.value;
  }
  if (total > MODEL_LIMITS.maxMultiInstances) {
    const what = items ? `ps:collection of ${node.id} has ${total} items` : `loopCardinality of ${node.id} is ${total}`;
    return run.incident(body, `${what}: a multi-instance activity runs at most ${MODEL_LIMITS.maxMultiInstances} inner instances`);
  }
  if (!armBoundaries(run, body, node)) return; // a FEEL timer named no timer: an incident, no instance
  const wait: BodyWait = { kind: 'multiInstance', total, ...(items ? { items } : {}), started: 0, completed: 0, outputs: new Array<unknown>(total).fill(null) };
  run.wait(body, wait);
  if (total === 0) return finishBody(run, body, spec, wait);
  let started = wait;
  for (let i = 0; i < (spec.sequential ? 1 : total); i++) started = startInstance(run, body, node, spec, started);
}

/** Queues the next inner instance (the body's `started`-th) with its local variables. */
function startInstance(run: Run, body: Token, node: FlowNode, spec: MultiInstanceSpec, wait: BodyWait): BodyWait {
  const index = wait.started;
  const locals: Record<string, unknown> = { loopCounter: index + 1 };
  if (spec.elementVariable) locals[spec.elementVariable] = wait.items?.[index] ?? null;
  run.arrive(node.id, body.id, undefined, locals);
  const next: BodyWait = { ...wait, started: index + 1 };
  run.wait(body, next);
  return next;
}

function instanceDone(run: Run, body: Token, instance: Token, node: FlowNode, spec: MultiInstanceSpec, wait: BodyWait): void {
  const scope = run.variablesOf(instance);
  const index = Number(instance.locals?.loopCounter) - 1;
  let output: unknown = null;
  if (spec.outputElement) {
    const outcome = evaluateFeel(spec.outputElement, scope, run.ctx.now);
    // A null output (the instance wrote no decision) takes its place as null; a failure is an incident.
    if (outcome.ok) output = plain(outcome.value);
    else if (!outcome.reason.startsWith('it evaluated to null')) {
      return run.incident(instance, `ps:outputElement of ${node.id} ('${abbreviateExpression(spec.outputElement)}') failed: ${outcome.reason}`, true);
    }
  }
  const active = run.tokensIn(body.id).filter((t) => t !== instance).length;
  const completed = wait.completed + 1;
  let done = completed >= wait.total;
  if (!done && spec.completionCondition) {
    const counters = { nrOfInstances: wait.total, nrOfActiveInstances: active, nrOfCompletedInstances: completed };
    const variables = { ...scope, ...counters };
    const outcome = run.ctx.condition ? run.ctx.condition(spec.completionCondition, variables, run.ctx.now) : evaluateCondition(spec.completionCondition, variables, run.ctx.now);
    if ('problem' in outcome) {
      return run.incident(instance, `completionCondition of ${node.id} ('${abbreviateExpression(spec.completionCondition)}') is neither true nor false: ${outcome.problem}`, true);
    }
    done = outcome.value;
  }
  run.remove(instance);
  run.record(node.id, 'leave', instance.id, { loopCounter: index + 1 });
  const outputs = [...wait.outputs];
  outputs[index] = output;
  const next: BodyWait = { ...wait, completed, outputs };
  run.wait(body, next);
  if (done) {
    for (const other of run.tokensIn(body.id)) run.cancel(other);
    finishBody(run, body, spec, next);
  } else if (spec.sequential && next.started < next.total) {
    startInstance(run, body, node, spec, next);
  }
}

/** Writes the output collection in the body's scope, and the body leaves by the element's flows. */
function finishBody(run: Run, body: Token, spec: MultiInstanceSpec, wait: BodyWait): void {
  if (spec.outputCollection) run.mergeVariables({ [spec.outputCollection]: [...wait.outputs] }, body);
  run.leave(body);
}

/** A FEEL value as the JSON it is stored as (a date becomes its text): the same before and after a restart. */
function plain(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as unknown);
}
