import type { Problem, ProblemDetail } from '../errors.js';

/**
 * The words of every problem the compiler finds, declared once: a stable key (API, like the codes
 * of problemCodes.ts: add keys, never rename one) → the English template, `{name}` where a value
 * goes. A problem carries its English `message` and its `detail` (key and values), so a client
 * says the detail in its user's language (the designer's `problemDetail.*` catalogue) and keeps
 * the values — element ids, attribute values, limits — as they are. A value quoting another
 * text (a FEEL parse error, a timer expression's problem) stays in English.
 */
export const PROBLEM_TEXTS = {
  // parseXml
  'xml.too-large': 'the model is {size} bytes, over the limit of {max} bytes',
  'xml.doctype': 'DOCTYPE and entity declarations are not allowed in a model',
  'xml.no-definitions': 'not a BPMN 2.0 model: no <definitions> root element',
  'xml.unparsable': 'the XML does not parse: {error}',
  'xml.unknown-element': 'unknown BPMN element <{element}> (id {id})',
  // compileDefinitions
  'process.no-id': 'a process has no id',
  'process.none': 'the model contains no process',
  'process.none-executable': 'no executable process: set isExecutable="true" on {processes}',
  // compileProcess: flows and conditions
  'flow.unconnected-source': 'sequence flow {id} is not connected at its source',
  'flow.unconnected-target': 'sequence flow {id} is not connected at its target',
  'condition.too-long': "condition '{condition}' of sequence flow {id} is {length} characters long: at most {max} characters",
  'condition.not-feel': "condition '{condition}' of sequence flow {id} is not valid FEEL: {error}",
  'condition.too-costly': "condition '{condition}' of sequence flow {id} does too much work: {cost}",
  // compileProcess: elements
  'element.unsupported': '{type} not supported (element {id})',
  'element.script-task': 'script tasks (scripts are not allowed: use a service task with a ps:handler) ({type}) not supported (element {id})',
  'element.business-rule-task': 'business rule tasks ({type}) not supported (element {id})',
  'element.complex-gateway': 'complex gateways ({type}) not supported (element {id})',
  'element.transaction': 'transactions ({type}) not supported (element {id})',
  'element.ad-hoc-sub-process': 'ad-hoc sub-processes ({type}) not supported (element {id})',
  'id.duplicate': 'duplicate id {id}',
  'boundary.unattached': 'boundary event {id} is not attached to an activity',
  'boundary.error-non-interrupting': 'error boundary event {id} is non-interrupting (cancelActivity="false"): an error always interrupts its activity in BPMN; remove cancelActivity="false"',
  'call-activity.no-called-element': 'call activity {id} names no calledElement (the process key to start)',
  'receive-task.no-message': 'receive task {id} names no message (messageRef with a name)',
  // compileProcess: events
  'event.multiple-definitions': 'multiple event definitions on {id} are not supported',
  'event.no-trigger': '{kind} {id} has no trigger (a message, timer or error)',
  'event.unsupported-trigger': '{type} {kind} is not supported (element {id})',
  'event.start-outside-event-subprocess': '{type} {kind} is not supported (element {id}) ({type} start events belong to event sub-processes, triggeredByEvent="true")',
  'event-subprocess.start-trigger': 'start event {id} of event sub-process {scope} needs a message, timer, error or escalation trigger, not {type}',
  'event-subprocess.error-non-interrupting': 'error start event {id} of event sub-process {scope} is non-interrupting (isInterrupting="false"): an error always interrupts its scope in BPMN; remove isInterrupting="false"',
  'start.non-interrupting-outside': 'non-interrupting start event {id} is not in an event sub-process (triggeredByEvent="true"): only there can a start run beside its scope',
  'escalation.no-ref': 'escalation {kind} {id} names no escalation (escalationRef to a bpmn:escalation with an escalationCode)',
  'message.no-ref': 'message event {id} names no message (messageRef with a name)',
  'message.no-name': 'message {message} referenced by {id} has no name',
  'signal.no-ref': 'signal event {id} names no signal (signalRef to a bpmn:signal with a name)',
  'trigger.unsupported': '{type} triggers are not supported (element {id})',
  // compileProcess: timers
  'timer.feel-start': "timer start event {id}: a FEEL timer expression ('{expression}') has no variables to read at deploy; write the ISO-8601 text",
  'timer.sla-trigger-value': "ps:slaTrigger '{trigger}' on {id} must be atRisk or overdue",
  'timer.sla-trigger-and-time': 'timer {id} has ps:slaTrigger and a {field}: use one or the other',
  'timer.definition-count': 'timer {id} needs exactly one of timeDuration, timeDate or timeCycle (or ps:slaTrigger on a boundary timer)',
  'timer.invalid': 'timer {id}: {problem}',
  'timer.calendar-not-duration': 'timer {id}: ps:calendar counts working time for a timeDuration only, not a {field}',
  'timer.calendar-too-long': "timer {id}: a ps:calendar timeDuration counts at most {max} hours of working time (a working year), not '{expression}'",
  // compileProcess: ps attributes
  'attribute.channel': "ps:channel '{value}' on {id} must be one of {allowed}",
  'handler.missing': 'service task {id} names no ps:handler (a handler registered in code)',
  'handler.unregistered': "ps:handler '{handler}' on {id} is not registered (known: {known})",
  'handler.unregistered-none': "ps:handler '{handler}' on {id} is not registered (known: none)",
  'attribute.office': "ps:office '{value}' on {id} must be one of {allowed}",
  'attribute.candidate-group': "ps:candidateGroup '{value}' on {id} must be a group id (letters, digits, '-', '_', '.', at most 64)",
  'attribute.assignment': "ps:assignment '{value}' on {id} must be one of {allowed}",
  'attribute.boolean': "{name} on {id} must be true or false, not '{value}'",
  'attribute.notify': "ps:notify '{value}' on {id} must be one of {allowed}",
  // compileProcess: ps:sla
  'sla.more-than-one': '{id} has more than one ps:sla',
  'sla.duration': "ps:sla duration '{duration}' on {id} must be a whole number above 0",
  'sla.unit': "ps:sla unit '{unit}' on {id} must be one of {allowed}",
  'sla.too-long': "ps:sla duration '{duration}' on {id} is too long: at most {max} {unit} (about a year)",
  'sla.calendar': "ps:sla calendar '{calendar}' on {id} must be a calendar id",
  'sla.warn-at': "ps:sla warnAt '{warnAt}' on {id} must be a fraction between 0 and 1",
  // readMultiInstance: FEEL fields ({field}: ps:collection, loopCardinality, ps:candidateGroup…)
  'feel.too-long': '{field} of {id} is {length} characters long: at most {max} characters',
  'feel.not-feel': "{field} of {id} ('{text}') is not valid FEEL: {error}",
  'feel.too-costly': '{field} of {id} does too much work: {cost}',
  // readMultiInstance
  'multi-instance.standard-loop': 'standard loops ({type}) are not supported (element {id}): use multiInstanceLoopCharacteristics',
  'multi-instance.unsupported-kind': 'multi-instance {kind} is not supported (element {id}): only user tasks, service tasks, sub-processes and call activities',
  'multi-instance.returns-result': 'multi-instance {id} has ps:returnsResult: a hand-back to the applicant happens once, not per instance',
  'multi-instance.collection-and-cardinality': 'multi-instance {id} has both ps:collection and loopCardinality: use one or the other',
  'multi-instance.no-collection': 'multi-instance {id} needs ps:collection (a FEEL list) or loopCardinality (how many instances)',
  'multi-instance.too-many': 'loopCardinality of {id} is {count}: at most {max} inner instances',
  'multi-instance.element-variable-name': "ps:elementVariable '{name}' of {id} must be a variable name (a letter or '_', then letters, digits, '_'), not {reserved}",
  'multi-instance.element-variable-without-collection': 'ps:elementVariable of {id} names each item of ps:collection, and {id} has none',
  'multi-instance.output-element-alone': 'multi-instance {id} has ps:outputElement without ps:outputCollection: give both (the variable gathered into, and what each instance contributes)',
  'multi-instance.output-collection-alone': 'multi-instance {id} has ps:outputCollection without ps:outputElement: give both (the variable gathered into, and what each instance contributes)',
  'multi-instance.output-collection-name': "ps:outputCollection '{name}' of {id} must be a variable name",
  // eventGatewayRules
  'event-gateway.instantiate': 'event-based gateway {id} has instantiate="true": a process is started by a start event here, not by a gateway',
  'event-gateway.parallel': 'event-based gateway {id} has eventGatewayType="Parallel": only the exclusive kind is supported',
  'event-gateway.too-few-flows': 'event-based gateway {id} needs at least two outgoing flows (found {count}): it waits for the first of several events',
  'event-gateway.default-flow': 'event-based gateway {id} cannot have a default flow ({flow}): the first event to come chooses the way',
  'event-gateway.condition': 'sequence flow {flow} leaves event-based gateway {id} and cannot carry a condition: the first event to come chooses the way',
  'event-gateway.target-kind': '{kind} {target} follows event-based gateway {id}: only message, timer or signal intermediate catch events and receive tasks may follow it',
  'event-gateway.target-incoming': '{kind} {target} follows event-based gateway {id} and has other incoming flows ({flows}): a catch after the gateway is entered only from it',
  'event-gateway.target-boundaries': 'receive task {target} follows event-based gateway {id}: its boundary events ({boundaries}) would never be armed; model them as further catches after the gateway',
  'event-gateway.same-trigger': '{other} and {target} after event-based gateway {id} both wait for {trigger}: which one wins would be a guess',
  // linkGraph
  'flow.unsupported-node': 'sequence flow {id} connects to {node}, which is not a supported flow node',
  'flow.crosses-boundary': 'sequence flow {id} crosses a sub-process boundary ({source} → {target})',
  'boundary.host-not-activity': 'boundary event {id} must sit on an activity, not on {host}',
  'boundary.different-scopes': 'boundary event {id} and its activity {host} are in different scopes',
  'boundary.sla-host': 'boundary timer {id} is bound to an SLA (ps:slaTrigger) but {host} is not a user task with a ps:sla',
  'boundary.sla-multi-instance': 'boundary timer {id} is bound to an SLA (ps:slaTrigger), and {host} is multi-instance: each inner task has its own deadline; use a timeDuration on the activity',
  'timer.sla-trigger-not-boundary': 'ps:slaTrigger belongs on a boundary timer, not on {kind} {id}',
  'start.incoming': 'start event {id} cannot have incoming flows',
  'start.sub-process-plain': 'the start event {id} of sub-process {scope} must be a plain (none) start event',
  'start.same-message': "two start events wait for message '{message}'",
  'start.same-signal': "two start events wait for signal '{signal}' ({first}, {id})",
  'start.same-channel': "two start events accept the '{channel}' channel ({first}, {id})",
  'start.two-plain': 'two plain start events ({first}, {id}): give each a ps:channel or a trigger',
  'event-subprocess.flows': "event sub-process {id} cannot have incoming or outgoing sequence flows: its start event's trigger opens it, and it ends where its own end events are",
  'flow.no-incoming': '{kind} {id} has no incoming sequence flow',
  'boundary.incoming': 'boundary event {id} cannot have incoming flows',
  'flow.no-outgoing': '{kind} {id} has no outgoing sequence flow (end the path with an end event)',
  'end.outgoing': 'end event {id} cannot have outgoing flows',
  'sub-process.start-count': 'sub-process {id} needs exactly one plain start event (found {count})',
  'process.no-start': 'process {id} has no start event',
  'attribute.exclude-assignees': 'ps:excludeAssigneesOf on {id} names {excluded}, which is not a user task of this process',
  'condition.default-not-outgoing': 'default flow {flow} of {id} is not one of its outgoing flows',
  'condition.default-with-condition': 'default flow {flow} of {id} cannot carry a condition',
  'condition.missing': '{kind} {id} splits, so each outgoing flow needs a FEEL condition or must be the default flow: {flows} has none',
  'condition.parallel': 'sequence flow {flow} leaves parallel gateway {id}, which ignores conditions: remove it',
  'flow.endless-loop': 'the flow loops for ever through {path}: no wait state and no way out',
  'event-subprocess.start-count': 'event sub-process {id} needs exactly one start event with a trigger (found {count})',
  'event-subprocess.no-trigger': 'start event {id} of event sub-process {scope} has no trigger: give it a message, timer, error or escalation event definition',
  'event-subprocess.same-trigger': 'event sub-processes {other} and {id} both wait for {trigger} in {scope}: keep one',
  'event-subprocess.same-trigger-in-process': 'event sub-processes {other} and {id} both wait for {trigger} in the process: keep one',
  // engine/definitions: the calendars a model names, checked against the server's
  'calendar.unknown': "{id} names calendar '{calendar}', which does not exist (known: {known})",
} as const;

export type ProblemTextKey = keyof typeof PROBLEM_TEXTS;

/** The `{name}`s of a template, as a union. */
type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

export type ProblemParams<K extends ProblemTextKey> = Readonly<Record<Placeholders<(typeof PROBLEM_TEXTS)[K]>, string | number>>;

/** A problem's words: the English message and the detail it was made from. */
export interface Said {
  readonly message: string;
  readonly detail: ProblemDetail;
}

/** A compiler site's report: the element, and what was said about it. */
export type Report = (elementId: string, said: Said) => void;

/** The problem `key` with its values: the English message and the detail to say it elsewhere. */
export function say<K extends ProblemTextKey>(key: K, params: ProblemParams<K>): Said {
  const values = params as Readonly<Record<string, string | number>>;
  const message = PROBLEM_TEXTS[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  return { message, detail: { key, params: { ...values } } };
}

/**
 * A problem with what it was made from. `detail` is not enumerable: the problem compares,
 * logs and serializes as `{ elementId, message }`, as it always has (DefinitionError's shape,
 * the tests that assert whole problems); the API edge reads it (problemCodes.ts `codedProblems`).
 */
export function problemOf(elementId: string, said: Said): Problem {
  return Object.defineProperty({ elementId, message: said.message }, 'detail', { value: said.detail, enumerable: false });
}
