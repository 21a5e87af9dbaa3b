import { normaliseExpression, unknownFeelFunctions } from './feel.js';
import type { ProcessGraph } from './types.js';

/**
 * Deploy warnings (not refusals) for the FEEL a process evaluates at run time: a call of a
 * function FEEL does not have (`is defined(x)`) is null when it runs, so the token stops at an
 * incident. Sequence-flow conditions and timer expressions (`=…`) are checked.
 */
export function feelWarnings(graph: ProcessGraph): string[] {
  const warnings: string[] = [];
  // `element: …` as the lint's warnings are worded, so the modeler marks the element.
  const check = (elementId: string, where: string, expression: string) => {
    for (const name of unknownFeelFunctions(expression)) {
      warnings.push(`${elementId}: ${where} calls ${name}(), which FEEL does not have: it evaluates to null and the token stops at an incident (process ${graph.id})`);
    }
  };
  for (const flow of Object.values(graph.flows)) if (flow.condition !== undefined) check(flow.id, `the condition '${flow.condition}' of sequence flow ${flow.id}`, flow.condition);
  for (const node of Object.values(graph.nodes)) {
    const event = node.event;
    if (event?.type === 'timer' && event.timer.expression.trim().startsWith('=')) check(node.id, `the timer expression '${event.timer.expression.trim()}' of ${node.id}`, normaliseExpression(event.timer.expression));
  }
  return warnings;
}
