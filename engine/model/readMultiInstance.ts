import { feelCostProblem, feelSyntaxError, normaliseExpression } from './feel.js';
import { MODEL_LIMITS } from './modelLimits.js';
import { MULTI_INSTANCE_KINDS } from './runnable.js';
import type { ModdleElement } from './parseXml.js';
import type { FlowNode, MultiInstanceSpec } from './types.js';

type Report = (elementId: string | undefined, message: string) => void;

/** Names the engine gives an inner instance or its completion condition: not an element variable's. */
const RESERVED = new Set(['loopCounter', 'nrOfInstances', 'nrOfActiveInstances', 'nrOfCompletedInstances']);

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * A FEEL expression written in the model (a leading `=` is optional), without its `=`; undefined
 * after a problem naming the element and the field (`what`): empty, too long, not FEEL, or too
 * much work per evaluation.
 */
export function feelProblem(text: string, what: string, elementId: string, report: Report): string | undefined {
  const expression = normaliseExpression(text);
  if (expression.length > MODEL_LIMITS.maxFeelLength) {
    report(elementId, `${what} is ${expression.length} characters long: at most ${MODEL_LIMITS.maxFeelLength} characters`);
    return undefined;
  }
  const error = feelSyntaxError(expression);
  if (error) {
    report(elementId, `${what} ('${text.trim()}') is not valid FEEL: ${error}`);
    return undefined;
  }
  const cost = feelCostProblem(expression);
  if (cost) {
    report(elementId, `${what} does too much work: ${cost}`);
    return undefined;
  }
  return expression;
}

/**
 * Reads `bpmn:multiInstanceLoopCharacteristics` with its `ps:` attributes (engine/model/ps.json):
 * exactly one of `ps:collection` and `bpmn:loopCardinality`; `ps:elementVariable` with a
 * collection only; `ps:outputCollection` and `ps:outputElement` together; a completion condition.
 * Every problem names the element and the field; undefined when there was one.
 */
export function readMultiInstance(loop: ModdleElement, node: Pick<FlowNode, 'id' | 'kind' | 'userTask'>, report: Report): MultiInstanceSpec | undefined {
  const id = node.id;
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    report(id, `standard loops (${loop.$type}) are not supported (element ${id}): use multiInstanceLoopCharacteristics`);
    return undefined;
  }
  if (!MULTI_INSTANCE_KINDS.has(node.kind)) {
    report(id, `multi-instance ${node.kind} is not supported (element ${id}): only user tasks, service tasks, sub-processes and call activities`);
    return undefined;
  }
  if (node.userTask?.returnsResult) {
    report(id, `multi-instance ${id} has ps:returnsResult: a hand-back to the applicant happens once, not per instance`);
    return undefined;
  }
  const problems: string[] = [];
  const fail: Report = (elementId, message) => {
    problems.push(message);
    report(elementId, message);
  };
  const attr = (name: string): string | undefined => {
    const value = loop.get(name);
    return value === undefined || value === null || String(value).trim() === '' ? undefined : String(value).trim();
  };
  const body = (key: string): string | undefined => {
    const text = (loop[key] as ModdleElement | undefined)?.body as string | undefined;
    return text === undefined || text.trim() === '' ? undefined : text.trim();
  };
  const spec: { -readonly [K in keyof MultiInstanceSpec]: MultiInstanceSpec[K] } = { sequential: loop.isSequential === true };

  const collection = attr('ps:collection');
  const cardinality = body('loopCardinality');
  if (collection !== undefined && cardinality !== undefined) fail(id, `multi-instance ${id} has both ps:collection and loopCardinality: use one or the other`);
  else if (collection === undefined && cardinality === undefined) fail(id, `multi-instance ${id} needs ps:collection (a FEEL list) or loopCardinality (how many instances)`);
  if (collection !== undefined) {
    const expression = feelProblem(collection, `ps:collection of ${id}`, id, fail);
    if (expression) spec.collection = expression;
  }
  if (cardinality !== undefined) {
    const literal = /^=?\s*\d+$/.test(cardinality) ? Number(normaliseExpression(cardinality)) : undefined;
    if (literal !== undefined && literal > MODEL_LIMITS.maxMultiInstances) {
      fail(id, `loopCardinality of ${id} is ${literal}: at most ${MODEL_LIMITS.maxMultiInstances} inner instances`);
    } else {
      const expression = feelProblem(cardinality, `loopCardinality of ${id}`, id, fail);
      if (expression) spec.cardinality = expression;
    }
  }

  const elementVariable = attr('ps:elementVariable');
  if (elementVariable !== undefined) {
    if (!NAME.test(elementVariable) || RESERVED.has(elementVariable)) {
      fail(id, `ps:elementVariable '${elementVariable}' of ${id} must be a variable name (a letter or '_', then letters, digits, '_'), not ${[...RESERVED].join(', ')}`);
    } else if (collection === undefined) {
      fail(id, `ps:elementVariable of ${id} names each item of ps:collection, and ${id} has none`);
    } else spec.elementVariable = elementVariable;
  }

  const outputCollection = attr('ps:outputCollection');
  const outputElement = attr('ps:outputElement');
  if ((outputCollection === undefined) !== (outputElement === undefined)) {
    fail(id, `multi-instance ${id} has ${outputCollection === undefined ? 'ps:outputElement without ps:outputCollection' : 'ps:outputCollection without ps:outputElement'}: give both (the variable gathered into, and what each instance contributes)`);
  }
  if (outputCollection !== undefined) {
    if (!NAME.test(outputCollection) || RESERVED.has(outputCollection)) fail(id, `ps:outputCollection '${outputCollection}' of ${id} must be a variable name`);
    else spec.outputCollection = outputCollection;
  }
  if (outputElement !== undefined) {
    const expression = feelProblem(outputElement, `ps:outputElement of ${id}`, id, fail);
    if (expression) spec.outputElement = expression;
  }

  const completion = body('completionCondition');
  if (completion !== undefined) {
    const expression = feelProblem(completion, `completionCondition of ${id}`, id, fail);
    if (expression) spec.completionCondition = expression;
  }
  return problems.length ? undefined : spec;
}
