import { evaluate, unaryTest } from 'feelin';

/** Strips Camunda 8's leading `=`, so `=amount > 100` and `amount > 100` mean the same. */
export function normaliseExpression(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
}

/** The syntax error of a FEEL expression, or undefined when it parses. */
export function feelSyntaxError(expression: string): string | undefined {
  if (!expression) return 'the expression is empty';
  try {
    // FEEL has no side effects: evaluating against an empty context only parses and lints.
    evaluate(expression, {});
    return undefined;
  } catch (error) {
    return (error as Error).message || 'does not parse as FEEL';
  }
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
