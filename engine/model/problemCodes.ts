import type { Problem, ProblemDetail } from '../errors.js';

/**
 * A stable code for each deploy problem, so a client can say it in its user's language (the
 * designer's `problem.*` catalogue) while the message keeps the English detail: which element,
 * which value, which limit. The codes are API: add new ones, never rename one. A lint rule's
 * problem (its message ends with `(rule)`) is `lint.<rule>`; the rest are found by the first
 * pattern that matches, specific before general, else `model.invalid`.
 */
export const PROBLEM_CODES = [
  ['feel.unknown-function', /which FEEL does not have/],
  ['calendar.unknown', /names calendar '.*', which does not exist/],
  ['handler.missing', /ps:handler/],
  ['feel.invalid', /is not valid FEEL|does too much work|characters long: at most/],
  ['multi-instance.invalid', /multi-instance|loopCardinality|ps:collection|ps:elementVariable|ps:outputCollection|ps:outputElement|completionCondition/],
  ['event-gateway.invalid', /event-based gateway/],
  ['event-subprocess.invalid', /event sub-process/],
  ['timer.invalid', /^timer |timer start event|boundary timer|ps:slaTrigger/],
  ['sla.invalid', /ps:sla\b/],
  ['element.unsupported', /not supported|which is not a supported flow node/],
  ['condition.invalid', /needs a FEEL condition|default flow .* (cannot carry a condition|is not one of its outgoing flows)|ignores conditions/],
  ['reference.missing', /names no (message|signal|escalation|calledElement)|referenced by .* has no name/],
  ['start.invalid', /start event|two plain start events|has no start event/],
  ['boundary.invalid', /boundary event/],
  ['event.invalid', /has no trigger|multiple event definitions|end event .* cannot have outgoing/],
  ['flow.invalid', /has no (incoming|outgoing) sequence flow|is not connected at its|crosses a sub-process boundary|loops for ever/],
  ['form.invalid', /ps:form/],
  ['attribute.invalid', /^ps:[A-Za-z]+ .* on .* must|must be true or false|ps:excludeAssigneesOf|ps:notify/],
  ['id.duplicate', /duplicate id/],
  ['process.missing', /contains no process|no executable process|a process has no id/],
  ['xml.invalid', /XML|unknown BPMN element|parse|DOCTYPE|not a BPMN 2\.0 model|bytes, over the limit/i],
] as const satisfies readonly (readonly [string, RegExp])[];

export type ProblemCode = (typeof PROBLEM_CODES)[number][0] | 'model.invalid' | `lint.${string}`;

/** The code of a deploy problem's message. */
export function problemCode(message: string): ProblemCode {
  const rule = /\(([a-z][\w-]*\/[\w-]+)\)$/.exec(message)?.[1];
  if (rule) return `lint.${rule.slice(rule.indexOf('/') + 1)}`;
  return PROBLEM_CODES.find(([, pattern]) => pattern.test(message))?.[0] ?? 'model.invalid';
}

/**
 * Problems as the API answers them (the deploy's 422, the validate route): each with its code,
 * and its detail (key and values, engine/model/problemTexts.ts) when the compiler worded it.
 */
export function codedProblems(problems: readonly Problem[]): { elementId: string; message: string; code: ProblemCode; detail?: ProblemDetail }[] {
  return problems.map(({ elementId, message, detail }) => ({ elementId, message, code: problemCode(message), ...(detail ? { detail } : {}) }));
}
