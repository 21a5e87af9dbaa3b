import { evaluateCondition, type ConditionOutcome } from './feel.js';

/**
 * Memoises FEEL condition results. FEEL is pure, so a condition's value depends only on the
 * variables it names; the key is the expression plus the values of every variable whose name
 * occurs in its text (a sound over-approximation: a variable an expression reads must be
 * written in it). Expressions that read the clock (`now()`, `today()`) are never cached.
 * feelin parses the expression on every call (its parser needs the variable names), which
 * made conditions a third of the cost of a simple step.
 */
export class ConditionCache {
  private readonly results = new Map<string, ConditionOutcome>();

  constructor(private readonly capacity = 10_000) {}

  evaluate(expression: string, variables: Readonly<Record<string, unknown>>, now: Date): ConditionOutcome {
    if (/\b(now|today)\s*\(/.test(expression)) return evaluateCondition(expression, variables, now);
    let key = expression;
    for (const name in variables) {
      if (expression.includes(name)) key += `\u0000${name}\u0001${JSON.stringify(variables[name]) ?? 'undefined'}`;
    }
    const cached = this.results.get(key);
    if (cached !== undefined) return cached;
    const value = evaluateCondition(expression, variables, now);
    if (this.results.size >= this.capacity) this.results.delete(this.results.keys().next().value!);
    this.results.set(key, value);
    return value;
  }
}
