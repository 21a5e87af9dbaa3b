import { InvalidArgumentError } from '../errors.js';
import { evaluateCondition, evaluateFeel, type ConditionOutcome } from '../model/feel.js';
import { MODEL_LIMITS } from '../model/modelLimits.js';
import { OUTCOME_KEY, type ChoiceValue, type FormField, type TaskForm } from './TaskForm.js';
import { copyWithout } from '../records/withChanges.js';

const OUTCOME_ONLY: ReadonlySet<string> = new Set([OUTCOME_KEY]);

/** Evaluates a boolean FEEL condition: the engine passes its ConditionCache (FEEL is pure). */
export type ConditionEvaluator = (expression: string, variables: Readonly<Record<string, unknown>>, now: Date) => ConditionOutcome;

export interface FormCompletion {
  readonly outcome?: string;
  readonly variables: Readonly<Record<string, unknown>>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9]\d{1,14}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/;

/**
 * Checks a completion against its task's form, the way the form-js viewer checks what it
 * shows: a field hidden by its `conditional.hide` is neither required nor sent; a shown field
 * must be filled when required and hold a value of its type (text, a number within its bounds,
 * true/false, one of its values, a date); a key the form does not declare is refused. The
 * field with the key `outcome` answers `outcome` (the gateway's branch value). FEEL conditions
 * read the application's variables overlaid with what the completion sends; the outcome of the
 * task before reads as `lastOutcome` (the inbox gives the form the same data).
 *
 * Returns the variables to merge: a read-only field sent back unchanged is left out (it
 * writes nothing). Throws InvalidArgumentError naming the field (`variables.<key>` or `outcome`).
 */
export function checkCompletion(
  form: TaskForm,
  elementId: string,
  completion: FormCompletion,
  scope: Readonly<Record<string, unknown>>,
  now: Date,
  condition: ConditionEvaluator = evaluateCondition,
): Record<string, unknown> {
  // As form-js: a condition hides (or requires) only when it is true; null or an error is not true.
  const isTrue = (expression: string, context: Record<string, unknown>) => {
    const outcome = condition(expression, named(expression, context), now);
    return 'value' in outcome && outcome.value;
  };
  const sent = completion.variables;
  if (Object.hasOwn(sent, OUTCOME_KEY)) throw new InvalidArgumentError(`variables.${OUTCOME_KEY}`, 'send the outcome as "outcome", beside the variables');
  const byKey = new Map(form.fields.map((field) => [field.key, field]));
  const data: Record<string, unknown> = Object.assign({}, sent);
  if (completion.outcome !== undefined) data[OUTCOME_KEY] = completion.outcome;
  for (const key of Object.keys(data)) {
    if (byKey.has(key)) continue;
    const accepted = form.fields.filter((f) => !f.disabled).map((f) => f.key);
    if (key === OUTCOME_KEY) throw new InvalidArgumentError(OUTCOME_KEY, `the form of ${elementId} has no outcome field, so it takes no outcome`);
    throw new InvalidArgumentError(`variables.${key}`, `is not a field of the form of ${elementId} (its fields: ${accepted.join(', ') || 'none'})`);
  }
  // This answer's `outcome` is the form's; the one before it (the last task's) reads as `lastOutcome`.
  // Copied without a spread, then given its keys (engine/records/withChanges.ts).
  const context = copyWithout(scope, OUTCOME_ONLY);
  context.lastOutcome = scope[OUTCOME_KEY] ?? null;
  Object.assign(context, data);
  const result: Record<string, unknown> = {};
  for (const field of form.fields) {
    const path = field.key === OUTCOME_KEY ? OUTCOME_KEY : `variables.${field.key}`;
    const has = Object.hasOwn(data, field.key);
    const value = data[field.key];
    const hidden = field.hiddenBy?.some((expression) => isTrue(expression, context)) ?? false;
    if (hidden || field.disabled) {
      if (has) throw new InvalidArgumentError(path, `"${field.label}" is ${hidden ? 'hidden by the form here' : 'shown, not filled in (disabled)'}, so it takes no value`);
      continue;
    }
    if (field.readonly) {
      if (has && !sameValue(value, scope[field.key])) throw new InvalidArgumentError(path, `"${field.label}" is read-only: it cannot be changed here`);
      continue;
    }
    if (isEmpty(field, value)) {
      if (field.required === true || (typeof field.required === 'string' && isTrue(field.required, context))) {
        throw new InvalidArgumentError(path, `"${field.label}" is required`);
      }
      if (has && field.key !== OUTCOME_KEY) result[field.key] = value;
      continue;
    }
    const problem = typeProblem(field, value, context, now);
    if (problem) throw new InvalidArgumentError(path, `"${field.label}" ${problem}`);
    if (field.key !== OUTCOME_KEY) result[field.key] = value;
  }
  return result;
}

function typeProblem(field: FormField, value: unknown, context: Record<string, unknown>, now: Date): string | undefined {
  switch (field.type) {
    case 'textfield':
    case 'textarea': {
      if (typeof value !== 'string') return `must be text, not ${JSON.stringify(value)}`;
      const length = value.trim().length;
      const max = Math.min(field.maxLength ?? Infinity, MODEL_LIMITS.maxFormTextLength);
      if (field.minLength !== undefined && length < field.minLength) return `must be at least ${field.minLength} characters long`;
      if (length > max) return `must be at most ${max} characters long`;
      if (field.validationType === 'email' && !EMAIL.test(value)) return 'must be an e-mail address';
      if (field.validationType === 'phone' && !PHONE.test(value)) return 'must be an international phone number (+77011234567)';
      return undefined;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number, not ${JSON.stringify(value)}`;
      if (field.decimalDigits === 0 && !Number.isInteger(value)) return 'must be a whole number';
      if (field.min !== undefined && value < field.min) return `must be at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `must be at most ${field.max}`;
      return undefined;
    }
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : `must be true or false, not ${JSON.stringify(value)}`;
    case 'select':
    case 'radio': {
      const values = allowedValues(field, context, now);
      return values.some((v) => v === value) ? undefined : `must be one of ${listValues(values)}, not ${JSON.stringify(value)}`;
    }
    case 'checklist':
    case 'taglist': {
      if (!Array.isArray(value)) return `must be a list of values, not ${JSON.stringify(value)}`;
      const values = allowedValues(field, context, now);
      const stranger = value.find((item) => !values.some((v) => v === item));
      if (stranger !== undefined) return `may hold only ${listValues(values)}, not ${JSON.stringify(stranger)}`;
      if (new Set(value).size !== value.length) return 'lists a value twice';
      return undefined;
    }
    case 'datetime':
      return dateProblem(field.subtype ?? 'datetime', value);
  }
}

function dateProblem(subtype: 'date' | 'time' | 'datetime', value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a ${subtype === 'datetime' ? 'date and time' : subtype}, not ${JSON.stringify(value)}`;
  if (subtype === 'time') return TIME.test(value) ? undefined : `must be a time (HH:mm), not ${JSON.stringify(value)}`;
  const date = subtype === 'date' ? value : DATE_TIME.exec(value)?.[1];
  const parts = date ? DATE.exec(date) : null;
  const valid = parts && isCalendarDay(Number(parts[1]), Number(parts[2]), Number(parts[3]));
  if (!valid) return `must be a ${subtype === 'date' ? 'date (YYYY-MM-DD)' : 'date and time (YYYY-MM-DDTHH:mm)'}, not ${JSON.stringify(value)}`;
  return undefined;
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A choice field's values: its list, the variable its valuesKey names, or its FEEL expression's list. */
function allowedValues(field: FormField, context: Record<string, unknown>, now: Date): readonly ChoiceValue[] {
  if (field.values) return field.values;
  const source = field.valuesKey !== undefined ? context[field.valuesKey] : field.valuesExpression ? feelValue(field.valuesExpression, named(field.valuesExpression, context), now) : undefined;
  if (!Array.isArray(source)) return [];
  return source.flatMap((entry: unknown) => {
    const value = typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : entry;
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? [value] : [];
  });
}

function listValues(values: readonly ChoiceValue[]): string {
  if (!values.length) return 'the values the form offers (none here)';
  const shown = values.slice(0, 12).map((v) => JSON.stringify(v));
  return shown.join(', ') + (values.length > 12 ? `, … (${values.length} in all)` : '');
}

function feelValue(expression: string, context: Record<string, unknown>, now: Date): unknown {
  const outcome = evaluateFeel(expression, context, now);
  return outcome.ok ? outcome.value : undefined;
}

/**
 * The variables an expression can read: those whose name occurs in its text (a sound
 * over-approximation, as ConditionCache's key). feelin's parser takes every variable name of
 * the context, so a whole application's variables made each evaluation several milliseconds.
 */
function named(expression: string, context: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const name in context) if (expression.includes(name)) kept[name] = context[name];
  return kept;
}

function isEmpty(field: FormField, value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (field.type === 'checkbox' && value === false) return true;
  return Array.isArray(value) && value.length === 0;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
