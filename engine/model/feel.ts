import { evaluate, parseExpression, unaryTest } from 'feelin';

/** Strips Camunda 8's leading `=`, so `=amount > 100` and `amount > 100` mean the same. */
export function normaliseExpression(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
}

/**
 * The syntax error of a FEEL expression, or undefined when it parses. Parses only: evaluating
 * at deploy (as this once did) ran the expression, and `count(for i in 1..2000000 return i)`
 * held the server for seconds.
 */
export function feelSyntaxError(expression: string): string | undefined {
  if (!expression) return 'the expression is empty';
  let problem: string | undefined;
  parseExpression(expression, {}, undefined).iterate({
    enter(node) {
      if (problem) return false;
      if (!node.type.isError) return undefined;
      const near = expression.slice(node.from, Math.max(node.to, node.from + 1)).trim();
      problem = near ? `unexpected '${near}' at character ${node.from + 1}` : `the expression ends too early (at character ${node.from + 1})`;
      return false;
    },
  });
  return problem;
}

export interface ConditionResult {
  readonly value: boolean;
  /** Why the value is false other than the condition being false (a missing variable…). */
  readonly warnings: readonly string[];
}

/** Evaluates a sequence-flow condition: only a FEEL `true` takes the flow. */
export function evaluateCondition(expression: string, variables: Readonly<Record<string, unknown>>): ConditionResult {
  const result = evaluate(expression, variables as Record<string, unknown>);
  return { value: result.value === true, warnings: result.warnings.map((w) => w.message) };
}

export { unaryTest };
