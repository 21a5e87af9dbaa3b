import { feelCostProblem, feelSyntaxError, normaliseExpression } from './feel.js';
import { MODEL_LIMITS } from './modelLimits.js';
import { MULTI_INSTANCE_KINDS } from './runnable.js';
import type { ModdleElement } from './parseXml.js';
import { say, type Report } from './problemTexts.js';
import type { FlowNode, MultiInstanceSpec } from './types.js';

/** Names the engine gives an inner instance or its completion condition: not an element variable's. */
const RESERVED = new Set(['loopCounter', 'nrOfInstances', 'nrOfActiveInstances', 'nrOfCompletedInstances']);

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * A FEEL expression written in the model (a leading `=` is optional), without its `=`; undefined
 * after a problem naming the element and the field (`ps:collection`): empty, too long, not FEEL,
 * or too much work per evaluation.
 */
export function feelProblem(text: string, field: string, elementId: string, report: Report): string | undefined {
  const expression = normaliseExpression(text);
  const id = elementId;
  if (expression.length > MODEL_LIMITS.maxFeelLength) {
    report(elementId, say('feel.too-long', { field, id, length: expression.length, max: MODEL_LIMITS.maxFeelLength }));
    return undefined;
  }
  const error = feelSyntaxError(expression);
  if (error) {
    report(elementId, say('feel.not-feel', { field, id, text: text.trim(), error }));
    return undefined;
  }
  const cost = feelCostProblem(expression);
  if (cost) {
    report(elementId, say('feel.too-costly', { field, id, cost }));
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
    report(id, say('multi-instance.standard-loop', { type: loop.$type, id }));
    return undefined;
  }
  if (!MULTI_INSTANCE_KINDS.has(node.kind)) {
    report(id, say('multi-instance.unsupported-kind', { kind: node.kind, id }));
    return undefined;
  }
  if (node.userTask?.returnsResult) {
    report(id, say('multi-instance.returns-result', { id }));
    return undefined;
  }
  let failed = false;
  const fail: Report = (elementId, said) => {
    failed = true;
    report(elementId, said);
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
  if (collection !== undefined && cardinality !== undefined) fail(id, say('multi-instance.collection-and-cardinality', { id }));
  else if (collection === undefined && cardinality === undefined) fail(id, say('multi-instance.no-collection', { id }));
  if (collection !== undefined) {
    const expression = feelProblem(collection, 'ps:collection', id, fail);
    if (expression) spec.collection = expression;
  }
  if (cardinality !== undefined) {
    const literal = /^=?\s*\d+$/.test(cardinality) ? Number(normaliseExpression(cardinality)) : undefined;
    if (literal !== undefined && literal > MODEL_LIMITS.maxMultiInstances) {
      fail(id, say('multi-instance.too-many', { id, count: literal, max: MODEL_LIMITS.maxMultiInstances }));
    } else {
      const expression = feelProblem(cardinality, 'loopCardinality', id, fail);
      if (expression) spec.cardinality = expression;
    }
  }

  const elementVariable = attr('ps:elementVariable');
  if (elementVariable !== undefined) {
    if (!NAME.test(elementVariable) || RESERVED.has(elementVariable)) {
      fail(id, say('multi-instance.element-variable-name', { name: elementVariable, id, reserved: [...RESERVED].join(', ') }));
    } else if (collection === undefined) {
      fail(id, say('multi-instance.element-variable-without-collection', { id }));
    } else spec.elementVariable = elementVariable;
  }

  const outputCollection = attr('ps:outputCollection');
  const outputElement = attr('ps:outputElement');
  if ((outputCollection === undefined) !== (outputElement === undefined)) {
    fail(id, say(outputCollection === undefined ? 'multi-instance.output-element-alone' : 'multi-instance.output-collection-alone', { id }));
  }
  if (outputCollection !== undefined) {
    if (!NAME.test(outputCollection) || RESERVED.has(outputCollection)) fail(id, say('multi-instance.output-collection-name', { name: outputCollection, id }));
    else spec.outputCollection = outputCollection;
  }
  if (outputElement !== undefined) {
    const expression = feelProblem(outputElement, 'ps:outputElement', id, fail);
    if (expression) spec.outputElement = expression;
  }

  const completion = body('completionCondition');
  if (completion !== undefined) {
    const expression = feelProblem(completion, 'completionCondition', id, fail);
    if (expression) spec.completionCondition = expression;
  }
  return failed ? undefined : spec;
}
