import { evaluate, parseExpression, unaryTest } from 'feelin';
import { MODEL_LIMITS } from './modelLimits.js';

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

/**
 * Why a FEEL expression would cost too much at every evaluation, or undefined. Counts the values
 * its literal ranges and lists iterate (`for`, `some`, `every`), multiplied, against
 * MODEL_LIMITS.maxFeelIterations; a range with a computed bound cannot be counted and is refused.
 * Lists held in variables are bounded by the request that supplied them, not here.
 */
export function feelCostProblem(expression: string): string | undefined {
  let iterations = 1;
  let problem: string | undefined;
  parseExpression(expression, {}, undefined).iterate({
    enter(ref) {
      if (problem) return false;
      if (ref.name !== 'IterationContext') return undefined;
      const parts: { name: string; text: string }[] = [];
      for (let child = ref.node.firstChild; child; child = child.nextSibling) parts.push({ name: child.name, text: expression.slice(child.from, child.to) });
      const context = expression.slice(ref.from, ref.to);
      if (parts.some((p) => p.name === '..')) {
        const bounds = parts.filter((p) => p.name !== '..');
        if (bounds.length !== 2 || bounds.some((b) => b.name !== 'NumericLiteral')) {
          problem = `the range '${context}' has a computed bound: iterate a list variable, or write the range with numbers`;
          return false;
        }
        iterations *= Math.abs(Number(bounds[1]!.text) - Number(bounds[0]!.text)) + 1;
      } else if (parts.length === 1 && parts[0]!.name === 'List') {
        let size = 0;
        for (let item = ref.node.firstChild!.firstChild; item; item = item.nextSibling) if (item.name !== '[' && item.name !== ']') size++;
        iterations *= Math.max(size, 1);
      }
      if (iterations > MODEL_LIMITS.maxFeelIterations) {
        problem = `it iterates ${iterations > 1e12 ? 'more than 10^12' : iterations} values (ranges and lists multiplied, '${context}' the last): at most ${MODEL_LIMITS.maxFeelIterations}`;
        return false;
      }
      return undefined;
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
