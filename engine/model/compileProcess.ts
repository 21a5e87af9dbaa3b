import type { Problem } from '../errors.js';
import { parseTaskForm } from '../forms/parseTaskForm.js';
import type { TaskForm } from '../forms/TaskForm.js';
import { feelCostProblem, normaliseExpression, feelSyntaxError } from './feel.js';
import { nominalMs, parseDuration } from './IsoDuration.js';
import { MODEL_LIMITS } from './modelLimits.js';
import type { ModdleElement } from './parseXml.js';
import { isFeelTimer, timerProblem } from './TimerExpression.js';
import { feelProblem, readMultiInstance } from './readMultiInstance.js';
import { readNotify } from '../notifications/readNotify.js';
import { checkEventGatewayAttributes } from './eventGatewayRules.js';
import { EVENT_SUBPROCESS_TRIGGERS, EVENT_TRIGGERS } from './runnable.js';
import {
  ASSIGNMENTS,
  CHANNELS,
  OFFICES,
  SLA_UNITS,
  SUPPORTED_KINDS,
  type Channel,
  type EventDefinition,
  type FlowNode,
  type NodeKind,
  type SequenceFlow,
  type SlaSpec,
  type TimerSpec,
  type UserTaskSpec,
} from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type DraftNode = Mutable<FlowNode> & { incoming: string[]; outgoing: string[]; boundaries: string[] };

/** What the model references outside the process: message names, error codes. */
export interface DefinitionsIndex {
  readonly messages: ReadonlyMap<string, string | undefined>;
  readonly errors: ReadonlyMap<string, string | undefined>;
  readonly handlers: ReadonlySet<string> | undefined;
  /** The deploy: dates and cycle starts must lie within the horizon after it. */
  readonly now: Date;
}

export interface DraftProcess {
  readonly id: string;
  readonly name?: string;
  readonly serviceCode?: string;
  readonly agency?: string;
  readonly sla?: SlaSpec;
  readonly nodes: Record<string, DraftNode>;
  readonly flows: Record<string, SequenceFlow>;
}

/** Elements that carry no behaviour and are accepted as documentation. */
const IGNORED = new Set([
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
]);

const TYPE_NAMES = new Map<string, string>([
  ['bpmn:ScriptTask', 'script tasks (scripts are not allowed: use a service task with a ps:handler)'],
  ['bpmn:BusinessRuleTask', 'business rule tasks'],
  ['bpmn:ComplexGateway', 'complex gateways'],
  ['bpmn:Transaction', 'transactions'],
  ['bpmn:AdHocSubProcess', 'ad-hoc sub-processes'],
]);

/** Walks one bpmn:Process (or sub-process) into draft nodes and flows, reporting every problem. */
export function compileProcess(process: ModdleElement, index: DefinitionsIndex, problems: Problem[]): DraftProcess {
  // Keyed by the model's ids: without a prototype, an element named `constructor` or
  // `__proto__` is an ordinary key, not Object.prototype's member.
  const nodes: Record<string, DraftNode> = Object.create(null) as Record<string, DraftNode>;
  const flows: Record<string, SequenceFlow> = Object.create(null) as Record<string, SequenceFlow>;
  const report = (elementId: string | undefined, message: string) =>
    problems.push({ elementId: elementId ?? process.id ?? 'definitions', message });

  // Event sub-processes met so far: their start events are checked by their own rules.
  const eventScopes = new Set<string>();
  walk(process, null);
  const draft: DraftProcess = {
    id: process.id!,
    name: process.name,
    serviceCode: attr(process, 'ps:serviceCode'),
    agency: attr(process, 'ps:agency'),
    sla: readSla(process, report),
    nodes,
    flows,
  };
  return draft;

  function walk(container: ModdleElement, scope: string | null): void {
    const elements = (container.flowElements as ModdleElement[] | undefined) ?? [];
    for (const element of elements) {
      if (element.$type === 'bpmn:SequenceFlow') addFlow(element);
      else if (IGNORED.has(element.$type)) continue;
      else addNode(element, scope);
    }
  }

  function addFlow(element: ModdleElement): void {
    const id = element.id!;
    const source = (element.sourceRef as ModdleElement | undefined)?.id;
    const target = (element.targetRef as ModdleElement | undefined)?.id;
    if (!source || !target) {
      report(id, `sequence flow ${id} is not connected at its ${!source ? 'source' : 'target'}`);
      return;
    }
    const body = (element.conditionExpression as ModdleElement | undefined)?.body as string | undefined;
    let condition: string | undefined;
    if (body !== undefined) {
      condition = normaliseExpression(body);
      if (condition.length > MODEL_LIMITS.maxFeelLength) {
        report(id, `condition '${abbreviate(body.trim())}' of sequence flow ${id} is ${condition.length} characters long: at most ${MODEL_LIMITS.maxFeelLength} characters`);
      } else {
        const error = feelSyntaxError(condition);
        const cost = error ? undefined : feelCostProblem(condition);
        if (error) report(id, `condition '${body.trim()}' of sequence flow ${id} is not valid FEEL: ${error}`);
        else if (cost) report(id, `condition '${abbreviate(body.trim())}' of sequence flow ${id} does too much work: ${cost}`);
      }
    }
    flows[id] = condition === undefined ? { id, source, target } : { id, source, target, condition };
  }

  function addNode(element: ModdleElement, scope: string | null): void {
    const id = element.id ?? '(no id)';
    const localType = element.$type.replace(/^bpmn:/, '');
    const plainKind = (localType.charAt(0).toLowerCase() + localType.slice(1)) as NodeKind;
    const kind: NodeKind = plainKind === 'subProcess' && element.triggeredByEvent ? 'eventSubProcess' : plainKind;
    if (!element.$type.startsWith('bpmn:') || !(SUPPORTED_KINDS as readonly string[]).includes(plainKind)) {
      const what = TYPE_NAMES.get(element.$type) ?? element.$type;
      report(id, `${what} ${element.$type === what ? '' : `(${element.$type}) `}not supported (element ${id})`);
      return;
    }
    const node: DraftNode = {
      id,
      kind,
      scope,
      incoming: [],
      outgoing: [],
      boundaries: [],
    };
    if (element.name) node.name = String(element.name);
    if (kind === 'startEvent' && scope !== null && eventScopes.has(scope)) node.interrupting = element.isInterrupting !== false;
    const defaultFlow = (element.default as ModdleElement | undefined)?.id;
    if (defaultFlow) node.defaultFlow = defaultFlow;
    readEvent(element, node);
    readPs(element, node);
    if (element.loopCharacteristics) {
      const multiInstance = readMultiInstance(element.loopCharacteristics as ModdleElement, node, report);
      if (multiInstance) node.multiInstance = multiInstance;
    }
    if (kind === 'boundaryEvent') {
      const host = (element.attachedToRef as ModdleElement | undefined)?.id;
      if (!host) report(id, `boundary event ${id} is not attached to an activity`);
      else node.attachedTo = host;
      node.cancelActivity = element.cancelActivity !== false;
      if (!node.cancelActivity && node.event?.type === 'error') {
        report(id, `error boundary event ${id} is non-interrupting (cancelActivity="false"): an error always interrupts its activity in BPMN; remove cancelActivity="false"`);
      }
    }
    if (kind === 'subProcess') walk(element, id);
    if (kind === 'eventSubProcess') {
      eventScopes.add(id);
      walk(element, id);
    }
    if (kind === 'eventBasedGateway') checkEventGatewayAttributes(element, id, report);
    if (kind === 'callActivity') {
      const called = element.calledElement as string | undefined;
      if (!called) report(id, `call activity ${id} names no calledElement (the process key to start)`);
      else node.calledElement = called;
    }
    if (kind === 'receiveTask' || kind === 'sendTask') {
      const ref = element.messageRef as ModdleElement | undefined;
      const name = ref ? messageName(ref, id) : undefined;
      if (name) node.messageName = name;
      else if (kind === 'receiveTask') report(id, `receive task ${id} names no message (messageRef with a name)`);
    }
    if (nodes[id]) report(id, `duplicate id ${id}`);
    nodes[id] = node;
  }

  function readEvent(element: ModdleElement, node: DraftNode): void {
    const definitions = (element.eventDefinitions as ModdleElement[] | undefined) ?? [];
    if (!node.kind.endsWith('Event')) return;
    if (definitions.length > 1) {
      report(node.id, `multiple event definitions on ${node.id} are not supported`);
      return;
    }
    const definition = definitions[0];
    if (!definition) {
      node.event = { type: 'none' };
      if (node.kind === 'intermediateCatchEvent' || node.kind === 'boundaryEvent') {
        report(node.id, `${node.kind} ${node.id} has no trigger (a message, timer or error)`);
      }
      return;
    }
    const event = toEvent(definition, node.id);
    if (!event) return;
    const inEventScope = node.kind === 'startEvent' && node.scope !== null && eventScopes.has(node.scope);
    if (inEventScope) {
      // The start of an event sub-process: its trigger is what opens it (see linkGraph for the rest).
      if (!EVENT_SUBPROCESS_TRIGGERS.includes(event.type)) {
        report(node.id, `start event ${node.id} of event sub-process ${node.scope} needs a message, timer, error or escalation trigger, not ${event.type}`);
        return;
      }
      if (event.type === 'error' && element.isInterrupting === false) {
        report(node.id, `error start event ${node.id} of event sub-process ${node.scope} is non-interrupting (isInterrupting="false"): an error always interrupts its scope in BPMN; remove isInterrupting="false"`);
      }
    } else if (!EVENT_TRIGGERS[node.kind as keyof typeof EVENT_TRIGGERS].includes(event.type)) {
      const where = node.kind === 'startEvent' && (event.type === 'error' || event.type === 'escalation') ? ` (${event.type} start events belong to event sub-processes, triggeredByEvent="true")` : '';
      report(node.id, `${event.type} ${node.kind} is not supported (element ${node.id})${where}`);
      return;
    }
    if (node.kind === 'startEvent' && !inEventScope && element.isInterrupting === false) {
      report(node.id, `non-interrupting start event ${node.id} is not in an event sub-process (triggeredByEvent="true"): only there can a start run beside its scope`);
    }
    if (event.type === 'escalation' && event.escalationCode === undefined && (node.kind === 'endEvent' || node.kind === 'intermediateThrowEvent')) {
      report(node.id, `escalation ${node.kind} ${node.id} names no escalation (escalationRef to a bpmn:escalation with an escalationCode)`);
    }
    if (event?.type === 'timer' && node.kind === 'startEvent' && !inEventScope && isFeelTimer(event.timer)) {
      // A timer start is scheduled at deploy, before any instance (and variable) exists.
      report(node.id, `timer start event ${node.id}: a FEEL timer expression ('${event.timer.expression}') has no variables to read at deploy; write the ISO-8601 text`);
    }
    node.event = event;
  }

  function toEvent(definition: ModdleElement, id: string): EventDefinition | undefined {
    switch (definition.$type) {
      case 'bpmn:MessageEventDefinition': {
        const ref = definition.messageRef as ModdleElement | undefined;
        if (!ref) {
          report(id, `message event ${id} names no message (messageRef with a name)`);
          return undefined;
        }
        const name = messageName(ref, id);
        if (!name) return undefined;
        return { type: 'message', messageName: name };
      }
      case 'bpmn:TimerEventDefinition':
        return readTimer(definition, id);
      case 'bpmn:SignalEventDefinition': {
        const name = ((definition.signalRef as ModdleElement | undefined)?.name as string | undefined)?.trim();
        if (!name) {
          report(id, `signal event ${id} names no signal (signalRef to a bpmn:signal with a name)`);
          return undefined;
        }
        return { type: 'signal', signalName: name };
      }
      case 'bpmn:ErrorEventDefinition': {
        const ref = definition.errorRef as ModdleElement | undefined;
        const code = ref ? ((ref.errorCode as string | undefined) ?? ref.id) : undefined;
        return code ? { type: 'error', errorCode: code } : { type: 'error' };
      }
      case 'bpmn:TerminateEventDefinition':
        return { type: 'terminate' };
      case 'bpmn:EscalationEventDefinition': {
        const ref = definition.escalationRef as ModdleElement | undefined;
        const code = ref ? ((ref.escalationCode as string | undefined) ?? ref.id) : undefined;
        return code ? { type: 'escalation', escalationCode: code } : { type: 'escalation' };
      }
      default:
        report(id, `${definition.$type.replace('bpmn:', '')} triggers are not supported (element ${id})`);
        return undefined;
    }
  }

  function readTimer(definition: ModdleElement, id: string): EventDefinition | undefined {
    const calendar = attr(definition, 'ps:calendar');
    const trigger = attr(definition, 'ps:slaTrigger');
    const pick = (['timeDuration', 'timeDate', 'timeCycle'] as const).filter((k) => definition[k]);
    if (trigger !== undefined) {
      // Bound to the host task's SLA: the moment comes from the deadline, not an expression.
      if (trigger !== 'atRisk' && trigger !== 'overdue') {
        report(id, `ps:slaTrigger '${trigger}' on ${id} must be atRisk or overdue`);
        return undefined;
      }
      if (pick.length) report(id, `timer ${id} has ps:slaTrigger and a ${pick[0]}: use one or the other`);
      return { type: 'timer', timer: { kind: 'duration', expression: 'PT0S', slaTrigger: trigger } };
    }
    if (pick.length !== 1) {
      report(id, `timer ${id} needs exactly one of timeDuration, timeDate or timeCycle (or ps:slaTrigger on a boundary timer)`);
      return undefined;
    }
    const key = pick[0]!;
    const expression = String((definition[key] as ModdleElement).body ?? '').trim();
    const kind = key === 'timeDuration' ? 'duration' : key === 'timeDate' ? 'date' : 'cycle';
    const timer: TimerSpec = calendar ? { kind, expression, calendar } : { kind, expression };
    const problem = timerProblem(timer, index.now);
    if (problem) report(id, `timer ${id}: ${problem}`);
    if (calendar && kind !== 'duration') report(id, `timer ${id}: ps:calendar counts working time for a timeDuration only, not a ${key}`);
    // Working time is counted day by day on the calendar: a cap keeps that walk short.
    const workingHours = !problem && calendar && kind === 'duration' && !isFeelTimer(timer) ? nominalMs(parseDuration(expression)) / 3_600_000 : 0;
    if (workingHours > MODEL_LIMITS.maxWorkingTimeTimerHours) {
      report(id, `timer ${id}: a ps:calendar timeDuration counts at most ${MODEL_LIMITS.maxWorkingTimeTimerHours} hours of working time (a working year), not '${expression}'`);
      return undefined;
    }
    return problem ? undefined : { type: 'timer', timer };
  }

  function messageName(ref: ModdleElement, id: string): string | undefined {
    const name = (ref.name as string | undefined) ?? index.messages.get(ref.id ?? '') ?? undefined;
    if (!name) report(id, `message ${ref.id ?? '?'} referenced by ${id} has no name`);
    return name;
  }

  function readPs(element: ModdleElement, node: DraftNode): void {
    const id = node.id;
    if (node.kind === 'startEvent') {
      const channel = attr(element, 'ps:channel');
      if (channel !== undefined) {
        if ((CHANNELS as readonly string[]).includes(channel)) node.channel = channel as Channel;
        else report(id, `ps:channel '${channel}' on ${id} must be one of ${CHANNELS.join(', ')}`);
      }
    }
    if (node.kind === 'userTask') node.userTask = readUserTask(element, id);
    if (node.kind === 'serviceTask') {
      const handler = attr(element, 'ps:handler');
      if (!handler) report(id, `service task ${id} names no ps:handler (a handler registered in code)`);
      else if (index.handlers && !index.handlers.has(handler)) {
        report(id, `ps:handler '${handler}' on ${id} is not registered (known: ${[...index.handlers].sort().join(', ') || 'none'})`);
      } else node.handler = handler;
    }
    if (node.kind === 'receiveTask' || node.kind === 'intermediateCatchEvent') {
      const pauses = readBoolean(element, 'ps:pausesSla', id);
      if (pauses) node.pausesSla = true;
    }
    const sla = readSla(element, report);
    if (sla) node.sla = sla;
    const notify = readNotify(element, id, report);
    if (notify) node.notify = notify;
  }

  function readUserTask(element: ModdleElement, id: string): UserTaskSpec {
    const office = attr(element, 'ps:office');
    if (office !== undefined && !(OFFICES as readonly string[]).includes(office)) {
      report(id, `ps:office '${office}' on ${id} must be one of ${OFFICES.join(', ')}`);
    }
    const written = attr(element, 'ps:candidateGroup');
    const groupExpression = written?.startsWith('=') ? feelProblem(written, `ps:candidateGroup of ${id}`, id, report) : undefined;
    const group = written?.startsWith('=') ? undefined : written;
    if (group !== undefined && !/^[A-Za-z0-9][\w.-]{0,63}$/.test(group)) {
      report(id, `ps:candidateGroup '${group}' on ${id} must be a group id (letters, digits, '-', '_', '.', at most 64)`);
    }
    const assignment = attr(element, 'ps:assignment') ?? (office === 'back' ? 'random' : 'claim');
    if (!(ASSIGNMENTS as readonly string[]).includes(assignment)) {
      report(id, `ps:assignment '${assignment}' on ${id} must be one of ${ASSIGNMENTS.join(', ')}`);
    }
    const exclude = (attr(element, 'ps:excludeAssigneesOf') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const spec: Mutable<UserTaskSpec> = {
      assignment: assignment as UserTaskSpec['assignment'],
      excludeAssigneesOf: exclude,
      returnsResult: readBoolean(element, 'ps:returnsResult', id),
    };
    if (office === 'front' || office === 'back') spec.office = office;
    if (group) spec.candidateGroup = group;
    if (groupExpression) spec.candidateGroupExpression = groupExpression;
    const form = readForm(element);
    if (form) spec.form = form;
    return spec;
  }

  function readBoolean(element: ModdleElement, name: string, id: string): boolean {
    const value = attr(element, name);
    if (value === undefined || value === 'false') return false;
    if (value === 'true') return true;
    report(id, `${name} on ${id} must be true or false, not '${value}'`);
    return false;
  }
}

/**
 * Reads `<ps:form>` (a form-js schema as JSON) from a user task. Its problems (bad JSON, an
 * unsupported component, a duplicate key, over the size limits) refuse the deploy through the
 * lint rule tereze/task-form (lint/psRules.ts), which the modeler shows on the canvas too: one
 * rule, reported once.
 */
function readForm(element: ModdleElement): TaskForm | undefined {
  const values = ((element.extensionElements as ModdleElement | undefined)?.values as ModdleElement[] | undefined) ?? [];
  const form = values.find((v) => v.$type === 'ps:Form');
  return form ? parseTaskForm(form.body as string | undefined).form : undefined;
}

/** Reads `<ps:sla>` from an element's extension elements. */
function readSla(element: ModdleElement, report: (id: string | undefined, message: string) => void): SlaSpec | undefined {
  const values = ((element.extensionElements as ModdleElement | undefined)?.values as ModdleElement[] | undefined) ?? [];
  const slas = values.filter((v) => v.$type === 'ps:Sla');
  if (slas.length === 0) return undefined;
  const id = element.id;
  if (slas.length > 1) report(id, `${id} has more than one ps:sla`);
  const sla = slas[0]!;
  const duration = Number(sla.duration);
  const unit = sla.unit as string | undefined;
  const calendar = (sla.calendar as string | undefined) ?? (unit === 'calendarDays' || unit === 'minutes' ? 'centre' : 'agency');
  const warnAt = sla.warnAt === undefined ? 0.8 : Number(sla.warnAt);
  let ok = true;
  if (!Number.isInteger(duration) || duration <= 0) {
    report(id, `ps:sla duration '${String(sla.duration)}' on ${id} must be a whole number above 0`);
    ok = false;
  }
  if (!unit || !(SLA_UNITS as readonly string[]).includes(unit)) {
    report(id, `ps:sla unit '${unit ?? ''}' on ${id} must be one of ${SLA_UNITS.join(', ')}`);
    ok = false;
  } else if (duration > MODEL_LIMITS.maxSla[unit as SlaSpec['unit']]) {
    // Deadlines are counted working day by working day at every start: a cap keeps that short.
    const cap = MODEL_LIMITS.maxSla[unit as SlaSpec['unit']];
    report(id, `ps:sla duration '${String(sla.duration)}' on ${id} is too long: at most ${cap} ${unit} (about a year)`);
    ok = false;
  }
  if (!/^[A-Za-z0-9][\w.-]{0,63}$/.test(calendar)) {
    report(id, `ps:sla calendar '${calendar}' on ${id} must be a calendar id`);
    ok = false;
  }
  if (!(warnAt > 0 && warnAt < 1)) {
    report(id, `ps:sla warnAt '${String(sla.warnAt)}' on ${id} must be a fraction between 0 and 1`);
    ok = false;
  }
  return ok ? { duration, unit: unit as SlaSpec['unit'], calendar, warnAt } : undefined;
}

/** A long expression quoted in an error message: its start, enough to find it. */
function abbreviate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function attr(element: ModdleElement, name: string): string | undefined {
  const value = element.get(name);
  if (value === undefined || value === null || value === '') return undefined;
  return String(value).trim();
}
