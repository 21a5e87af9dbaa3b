import { feelCostProblem, feelSyntaxError, normaliseExpression } from '../model/feel.js';
import { MODEL_LIMITS } from '../model/modelLimits.js';
import { FIELD_TYPES, LAYOUT_TYPES, type ChoiceValue, type FieldType, type FormField, type TaskForm } from './TaskForm.js';

/** What parsing a `ps:form` body gives: the form, or the problems that refuse it. */
export type ParsedTaskForm = { readonly form: TaskForm; readonly problems: readonly [] } | { readonly form?: undefined; readonly problems: readonly string[] };

const KEY = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const CHOICE_TYPES: readonly FieldType[] = ['select', 'radio', 'checklist', 'taglist'];

/**
 * Parses the body of a `<ps:form>` (a form-js schema as JSON) into the fields a completion is
 * checked against. Pure (no Node API): the deploy and the modeler's lint rule share it. Every
 * problem is a sentence naming the component; the caller adds the element id.
 *
 * Accepted: the form-js input fields (textfield, textarea, number, checkbox, checklist, radio,
 * select, taglist, datetime) and layout (text, html, spacer, separator, button, group without a
 * path). Refused: components whose values the server cannot check safely or at all (a regular
 * expression from a model, nested paths, dynamic lists, file pickers, images and frames).
 */
export function parseTaskForm(body: string | undefined): ParsedTaskForm {
  const text = (body ?? '').trim();
  if (!text) return fail(['the form is empty: write a form-js schema (JSON) or remove the ps:form']);
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MODEL_LIMITS.maxFormBytes) return fail([`the form is ${bytes} bytes of JSON: at most ${MODEL_LIMITS.maxFormBytes}`]);
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    return fail([`the form is not valid JSON: ${(error as Error).message}`]);
  }
  if (!isObject(schema) || !Array.isArray(schema.components)) return fail(['the form must be a form-js schema: an object with a "components" list']);
  const problems: string[] = [];
  const fields: FormField[] = [];
  const keys = new Set<string>();
  const ids = new Set<string>();
  let count = 0;
  walk(schema.components, 1, undefined);
  if (problems.length) return fail(problems);
  return { form: { schema: schema as Record<string, unknown>, fields }, problems: [] };

  function walk(components: unknown[], depth: number, hiddenBy: readonly string[] | undefined): void {
    if (depth > MODEL_LIMITS.maxFormDepth) return void problems.push(`groups are nested more than ${MODEL_LIMITS.maxFormDepth} deep`);
    components.forEach((component, index) => {
      if (++count > MODEL_LIMITS.maxFormComponents) {
        if (count === MODEL_LIMITS.maxFormComponents + 1) problems.push(`the form has more than ${MODEL_LIMITS.maxFormComponents} components`);
        return;
      }
      if (!isObject(component) || typeof component.type !== 'string') return void problems.push(`component ${index + 1} has no type`);
      const name = describe(component, index);
      if (typeof component.id === 'string') {
        if (ids.has(component.id)) problems.push(`${name}: the id '${component.id}' is used twice`);
        ids.add(component.id);
      }
      const hide = readHide(component, name);
      const hiddenChain = hide ? [...(hiddenBy ?? []), hide] : hiddenBy;
      const type = component.type;
      if (type === 'group') {
        if (component.path !== undefined && component.path !== '') problems.push(`${name}: a group with a path (nested data) is not supported; leave the path empty`);
        if (!Array.isArray(component.components)) return void problems.push(`${name}: a group needs a "components" list`);
        return walk(component.components, depth + 1, hiddenChain);
      }
      if ((LAYOUT_TYPES as readonly string[]).includes(type)) return;
      if (!(FIELD_TYPES as readonly string[]).includes(type)) {
        return void problems.push(`${name}: the component type '${type}' is not supported (fields: ${FIELD_TYPES.join(', ')}; layout: ${LAYOUT_TYPES.join(', ')}, group)`);
      }
      const field = readField(component, type as FieldType, name, hiddenChain);
      if (field) fields.push(field);
    });
  }

  function readField(component: Record<string, unknown>, type: FieldType, name: string, hiddenBy: readonly string[] | undefined): FormField | undefined {
    const key = component.key;
    if (typeof key !== 'string' || !KEY.test(key)) {
      problems.push(`${name}: the key ${JSON.stringify(key ?? null)} must be a variable name (a letter or '_', then letters, digits or '_', at most 64; no dots)`);
      return undefined;
    }
    if (keys.has(key)) problems.push(`${name}: the key '${key}' is used by two fields`);
    keys.add(key);
    const validate = isObject(component.validate) ? component.validate : {};
    if (validate.pattern !== undefined && validate.pattern !== '') problems.push(`${name}: validate.pattern is not supported (the server does not run a model's regular expressions); use a select or a length`);
    if (component.serializeToString === true) problems.push(`${name}: serializeToString is not supported; the number is kept as a number`);
    const required = readRequired(validate.required, name);
    const field: { -readonly [K in keyof FormField]: FormField[K] } = { key, type, label: typeof component.label === 'string' && component.label ? component.label : key, required };
    for (const bound of ['min', 'max', 'minLength', 'maxLength'] as const) {
      const value = validate[bound];
      if (value === undefined || value === '') continue;
      if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${name}: validate.${bound} must be a number, not ${JSON.stringify(value)}`);
      else field[bound] = value;
    }
    if (validate.validationType === 'email' || validate.validationType === 'phone') field.validationType = validate.validationType;
    if (type === 'number' && typeof component.decimalDigits === 'number') field.decimalDigits = component.decimalDigits;
    if (type === 'datetime') field.subtype = component.subtype === 'date' || component.subtype === 'time' ? component.subtype : 'datetime';
    if (component.disabled === true) field.disabled = true;
    if (component.readonly === true) field.readonly = true;
    if (hiddenBy?.length) field.hiddenBy = hiddenBy;
    if (CHOICE_TYPES.includes(type)) readValues(component, field, name);
    return field;
  }

  function readValues(component: Record<string, unknown>, field: { values?: readonly ChoiceValue[]; valuesKey?: string; valuesExpression?: string }, name: string): void {
    if (Array.isArray(component.values) && component.values.length) {
      if (component.values.length > MODEL_LIMITS.maxFormValues) return void problems.push(`${name}: ${component.values.length} values, at most ${MODEL_LIMITS.maxFormValues}`);
      const values: ChoiceValue[] = [];
      for (const entry of component.values) {
        const value = isObject(entry) ? entry.value : undefined;
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return void problems.push(`${name}: every value needs a "value" (text, number or true/false)`);
        if (values.includes(value)) problems.push(`${name}: the value ${JSON.stringify(value)} is listed twice`);
        values.push(value);
      }
      field.values = values;
    } else if (typeof component.valuesKey === 'string' && KEY.test(component.valuesKey)) {
      field.valuesKey = component.valuesKey;
    } else if (typeof component.valuesExpression === 'string' && component.valuesExpression.trim()) {
      const problem = feelProblem(component.valuesExpression);
      if (problem) problems.push(`${name}: valuesExpression ${problem}`);
      else field.valuesExpression = normaliseExpression(component.valuesExpression);
    } else {
      problems.push(`${name}: a ${String(component.type)} needs its values (a static list, a valuesKey naming a variable, or a valuesExpression)`);
    }
  }

  function readHide(component: Record<string, unknown>, name: string): string | undefined {
    const hide = isObject(component.conditional) ? component.conditional.hide : undefined;
    if (hide === undefined || hide === '') return undefined;
    if (typeof hide !== 'string') return void problems.push(`${name}: conditional.hide must be a FEEL expression`);
    const problem = feelProblem(hide);
    if (problem) return void problems.push(`${name}: conditional.hide ${problem}`);
    return normaliseExpression(hide);
  }

  function readRequired(value: unknown, name: string): boolean | string {
    if (value === undefined || value === false || value === '') return false;
    if (value === true) return true;
    if (typeof value === 'string') {
      const problem = feelProblem(value);
      if (problem) problems.push(`${name}: validate.required ${problem}`);
      return normaliseExpression(value);
    }
    problems.push(`${name}: validate.required must be true, false or a FEEL expression`);
    return false;
  }
}

function feelProblem(text: string): string | undefined {
  const expression = normaliseExpression(text);
  if (expression.length > MODEL_LIMITS.maxFeelLength) return `is ${expression.length} characters long: at most ${MODEL_LIMITS.maxFeelLength}`;
  const syntax = feelSyntaxError(expression);
  if (syntax) return `'${expression}' is not valid FEEL: ${syntax}`;
  const cost = feelCostProblem(expression);
  return cost ? `'${expression}' does too much work: ${cost}` : undefined;
}

function describe(component: Record<string, unknown>, index: number): string {
  const key = typeof component.key === 'string' && component.key ? ` '${component.key}'` : '';
  const label = !key && typeof component.label === 'string' && component.label ? ` "${component.label}"` : '';
  return `${String(component.type)}${key || label || ` ${index + 1}`}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(problems: string[]): ParsedTaskForm {
  return { problems };
}
