import { date, dateAndTime, evaluate, parseExpression, unaryTest } from 'feelin';
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

/**
 * Names an expression calls as functions that FEEL (feelin) does not have: `is defined(x)`,
 * `isEmpty(list)`. Such a call evaluates to null at run time, an incident; deploy warns. Calls
 * on a path (`order.total()`) are not checked: their target comes from the data.
 */
export function unknownFeelFunctions(expression: string): string[] {
  const unknown = new Set<string>();
  parseExpression(expression, {}, undefined).iterate({
    enter(ref) {
      if (ref.name !== 'FunctionInvocation') return undefined;
      const callee = ref.node.firstChild;
      if (callee?.name !== 'VariableName') return undefined;
      const name = expression.slice(callee.from, callee.to).replace(/\s+/g, ' ').trim();
      if (typeof evaluate(name, {}).value !== 'function') unknown.add(name);
      return undefined;
    },
  });
  return [...unknown];
}

/** A FEEL evaluation's outcome: its value, or why it has none (a missing variable, a type error). */
export type FeelOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

/**
 * Evaluates a FEEL expression with the variables in scope. `now()` and `today()` read `now` (the
 * engine's clock, UTC), not the wall clock, so a fixed clock gives a reproducible answer; they
 * shadow variables of those names. A null result is no value: the reason names feelin's
 * warnings (`Variable 'income' not found`).
 */
export function evaluateFeel(expression: string, variables: Readonly<Record<string, unknown>>, now: Date): FeelOutcome {
  const iso = now.toISOString();
  const mismatches: string[] = [];
  const compare = (a: unknown, op: string, b: unknown) => orderedComparison(a, op, b, mismatches);
  // Copied, then given the functions: `{ ...variables, now, … }` takes each added key on V8's
  // slow path, about a microsecond each (engine/records/withChanges.ts); every condition pays it.
  const context: Record<string, unknown> = Object.assign({}, variables);
  context.now = () => dateAndTime(iso);
  context.today = () => date(iso.slice(0, 10));
  context[COMPARE] = compare;
  let result: ReturnType<typeof evaluate>;
  try {
    result = evaluate(withTypedComparisons(expression, variables), context);
  } catch (error) {
    return { ok: false, reason: `it failed: ${(error as Error)?.message ?? String(error)}` };
  }
  if (result.value === null || result.value === undefined) {
    const why = [...new Set([...mismatches, ...result.warnings.map((w) => w.message)])].join('; ');
    return { ok: false, reason: `it evaluated to null${why ? ` (${why})` : ''}` };
  }
  return { ok: true, value: result.value };
}

/** The function ordering comparisons are rewritten into (a name no model can write: FEEL names do not start with two underscores here). */
const COMPARE = '__tereze_compare';
const ORDERING = new Set(['<', '<=', '>', '>=']);
const REWRITTEN = new Map<string, string>();

/**
 * `a < b` → `__tereze_compare(a, "<", b)` for every ordering comparison (`<`, `<=`, `>`, `>=`),
 * nested ones too: feelin orders a string against a number (`"" < 100000` is true), where FEEL
 * says null (DMN 1.4 §10.3.2.9.1: values of different types are not comparable), so a condition
 * on a value of the wrong type took a branch silently. Memoised per expression when no variable
 * name has a space (such names change how the text parses).
 */
export function withTypedComparisons(expression: string, variables: Readonly<Record<string, unknown>> = {}): string {
  const plainNames = !Object.keys(variables).some((name) => /\s/.test(name));
  const known = plainNames ? REWRITTEN.get(expression) : undefined;
  if (known !== undefined) return known;
  const comparisons: { from: number; to: number; left: [number, number]; op: string; right: [number, number] }[] = [];
  parseExpression(expression, plainNames ? {} : variables, undefined).iterate({
    enter(ref) {
      if (ref.name !== 'Comparison') return undefined;
      const parts = [];
      for (let child = ref.node.firstChild; child; child = child.nextSibling) parts.push(child);
      const op = parts[1] && parts[1].name === 'CompareOp' ? expression.slice(parts[1].from, parts[1].to) : '';
      if (parts.length === 3 && ORDERING.has(op)) comparisons.push({ from: ref.from, to: ref.to, left: [parts[0]!.from, parts[0]!.to], op, right: [parts[2]!.from, parts[2]!.to] });
      return undefined;
    },
  });
  // Pre-order: an outer comparison comes before the ones inside it.
  const render = (from: number, to: number): string => {
    let out = '';
    let at = from;
    for (const c of comparisons) {
      if (c.from < at || c.to > to) continue;
      out += `${expression.slice(at, c.from)}${COMPARE}(${render(...c.left)}, "${c.op}", ${render(...c.right)})`;
      at = c.to;
    }
    return out + expression.slice(at, to);
  };
  const rewritten = comparisons.length ? render(0, expression.length) : expression;
  if (plainNames) {
    if (REWRITTEN.size >= 10_000) REWRITTEN.delete(REWRITTEN.keys().next().value!);
    REWRITTEN.set(expression, rewritten);
  }
  return rewritten;
}

/** What FEEL orders: numbers with numbers, strings with strings, and each temporal kind and duration with its own. */
function orderKind(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'string') return typeof value;
  const name = typeof value === 'object' && value !== null ? value.constructor?.name : undefined;
  return name && /^Feel(Date|DateTime|Time|Duration)$/.test(name) ? name : undefined;
}

function orderedComparison(a: unknown, op: string, b: unknown, mismatches: string[]): boolean | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  const kind = orderKind(a);
  if (kind === undefined || kind !== orderKind(b)) {
    mismatches.push(`${describeValue(a)} ${op} ${describeValue(b)}: ${orderName(a)} and ${orderName(b)} are not ordered against each other`);
    return null;
  }
  if (kind === 'number' || kind === 'string') {
    const [x, y] = [a as number | string, b as number | string];
    return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
  }
  // Dates, times and durations of one kind: feelin's own ordering.
  const value = evaluate(`a ${op} b`, { a, b }).value;
  return typeof value === 'boolean' ? value : null;
}

function orderName(value: unknown): string {
  const kind = orderKind(value);
  if (kind) return kind.startsWith('Feel') ? kind.slice(4).replace('DateTime', 'date and time').toLowerCase() : `a ${kind}`;
  return Array.isArray(value) ? 'a list' : typeof value === 'boolean' ? 'a boolean' : typeof value === 'object' ? 'a context' : typeof value;
}

/** A sequence-flow condition's outcome: true or false, or why it is neither. */
export type ConditionOutcome = { readonly value: boolean } | { readonly problem: string };

/**
 * Evaluates a sequence-flow condition. Only a boolean decides: null (a missing variable) or any
 * other value is a problem the runtime raises as an incident, as Camunda 8 does, instead of
 * reading it as false and taking the default flow.
 */
export function evaluateCondition(expression: string, variables: Readonly<Record<string, unknown>>, now: Date): ConditionOutcome {
  const outcome = evaluateFeel(expression, variables, now);
  if (!outcome.ok) return { problem: outcome.reason };
  if (typeof outcome.value !== 'boolean') return { problem: `it returned ${describeValue(outcome.value)}, not a boolean` };
  return { value: outcome.value };
}

/** An expression quoted in an incident message: its start, enough to find it. */
export function abbreviateExpression(expression: string): string {
  const flat = expression.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

/** A value in an incident message: short, typed. */
export function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' && value !== null && !Array.isArray(value) && value.constructor !== Object ? String(value) : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export { unaryTest };
