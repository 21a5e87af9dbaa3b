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
import { problemOf, say, type ProblemTextKey, type Said } from './problemTexts.js';
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

/** The types refused with a word of their own (why, or what to use instead). */
const TYPE_TEXTS = new Map<string, Extract<ProblemTextKey, `element.${string}`>>([
  ['bpmn:ScriptTask', 'element.script-task'],
  ['bpmn:BusinessRuleTask', 'element.business-rule-task'],
  ['bpmn:ComplexGateway', 'element.complex-gateway'],
  ['bpmn:Transaction', 'element.transaction'],
  ['bpmn:AdHocSubProcess', 'element.ad-hoc-sub-process'],
]);

/** Walks one bpmn:Process (or sub-process) into draft nodes and flows, reporting every problem. */
export function compileProcess(process: ModdleElement, index: DefinitionsIndex, problems: Problem[]): DraftProcess {
  // Keyed by the model's ids: without a prototype, an element named `constructor` or
  // `__proto__` is an ordinary key, not Object.prototype's member.
  const nodes: Record<string, DraftNode> = Object.create(null) as Record<string, DraftNode>;
  const flows: Record<string, SequenceFlow> = Object.create(null) as Record<string, SequenceFlow>;
  const report = (elementId: string | undefined, said: Said) =>
    problems.push(problemOf(elementId ?? process.id ?? 'definitions', said));

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
      report(id, say(!source ? 'flow.unconnected-source' : 'flow.unconnected-target', { id }));
      return;
    }
    const body = (element.conditionExpression as ModdleElement | undefined)?.body as string | undefined;
    let condition: string | undefined;
    if (body !== undefined) {
      condition = normaliseExpression(body);
      if (condition.length > MODEL_LIMITS.maxFeelLength) {
        report(id, say('condition.too-long', { condition: abbreviate(body.trim()), id, length: condition.length, max: MODEL_LIMITS.maxFeelLength }));
      } else {
        const error = feelSyntaxError(condition);
        const cost = error ? undefined : feelCostProblem(condition);
        if (error) report(id, say('condition.not-feel', { condition: body.trim(), id, error }));
        else if (cost) report(id, say('condition.too-costly', { condition: abbreviate(body.trim()), id, cost }));
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
      report(id, say(TYPE_TEXTS.get(element.$type) ?? 'element.unsupported', { type: element.$type, id }));
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
      if (!host) report(id, say('boundary.unattached', { id }));
      else node.attachedTo = host;
      node.cancelActivity = element.cancelActivity !== false;
      if (!node.cancelActivity && node.event?.type === 'error') {
        report(id, say('boundary.error-non-interrupting', { id }));
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
      if (!called) report(id, say('call-activity.no-called-element', { id }));
      else node.calledElement = called;
    }
    if (kind === 'receiveTask' || kind === 'sendTask') {
      const ref = element.messageRef as ModdleElement | undefined;
      const name = ref ? messageName(ref, id) : undefined;
      if (name) node.messageName = name;
      else if (kind === 'receiveTask') report(id, say('receive-task.no-message', { id }));
    }
    if (nodes[id]) report(id, say('id.duplicate', { id }));
    nodes[id] = node;
  }

  function readEvent(element: ModdleElement, node: DraftNode): void {
    const definitions = (element.eventDefinitions as ModdleElement[] | undefined) ?? [];
    if (!node.kind.endsWith('Event')) return;
    if (definitions.length > 1) {
      report(node.id, say('event.multiple-definitions', { id: node.id }));
      return;
    }
    const definition = definitions[0];
    if (!definition) {
      node.event = { type: 'none' };
      if (node.kind === 'intermediateCatchEvent' || node.kind === 'boundaryEvent') {
        report(node.id, say('event.no-trigger', { kind: node.kind, id: node.id }));
      }
      return;
    }
    const event = toEvent(definition, node.id);
    if (!event) return;
    const inEventScope = node.kind === 'startEvent' && node.scope !== null && eventScopes.has(node.scope);
    if (inEventScope) {
      // The start of an event sub-process: its trigger is what opens it (see linkGraph for the rest).
      if (!EVENT_SUBPROCESS_TRIGGERS.includes(event.type)) {
        report(node.id, say('event-subprocess.start-trigger', { id: node.id, scope: String(node.scope), type: event.type }));
        return;
      }
      if (event.type === 'error' && element.isInterrupting === false) {
        report(node.id, say('event-subprocess.error-non-interrupting', { id: node.id, scope: String(node.scope) }));
      }
    } else if (!EVENT_TRIGGERS[node.kind as keyof typeof EVENT_TRIGGERS].includes(event.type)) {
      const outside = node.kind === 'startEvent' && (event.type === 'error' || event.type === 'escalation');
      report(node.id, say(outside ? 'event.start-outside-event-subprocess' : 'event.unsupported-trigger', { type: event.type, kind: node.kind, id: node.id }));
      return;
    }
    if (node.kind === 'startEvent' && !inEventScope && element.isInterrupting === false) {
      report(node.id, say('start.non-interrupting-outside', { id: node.id }));
    }
    if (event.type === 'escalation' && event.escalationCode === undefined && (node.kind === 'endEvent' || node.kind === 'intermediateThrowEvent')) {
      report(node.id, say('escalation.no-ref', { kind: node.kind, id: node.id }));
    }
    if (event?.type === 'timer' && node.kind === 'startEvent' && !inEventScope && isFeelTimer(event.timer)) {
      // A timer start is scheduled at deploy, before any instance (and variable) exists.
      report(node.id, say('timer.feel-start', { id: node.id, expression: event.timer.expression }));
    }
    node.event = event;
  }

  function toEvent(definition: ModdleElement, id: string): EventDefinition | undefined {
    switch (definition.$type) {
      case 'bpmn:MessageEventDefinition': {
        const ref = definition.messageRef as ModdleElement | undefined;
        if (!ref) {
          report(id, say('message.no-ref', { id }));
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
          report(id, say('signal.no-ref', { id }));
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
        report(id, say('trigger.unsupported', { type: definition.$type.replace('bpmn:', ''), id }));
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
        report(id, say('timer.sla-trigger-value', { trigger, id }));
        return undefined;
      }
      if (pick[0]) report(id, say('timer.sla-trigger-and-time', { id, field: pick[0] }));
      return { type: 'timer', timer: { kind: 'duration', expression: 'PT0S', slaTrigger: trigger } };
    }
    if (pick.length !== 1) {
      report(id, say('timer.definition-count', { id }));
      return undefined;
    }
    const key = pick[0]!;
    const expression = String((definition[key] as ModdleElement).body ?? '').trim();
    const kind = key === 'timeDuration' ? 'duration' : key === 'timeDate' ? 'date' : 'cycle';
    const timer: TimerSpec = calendar ? { kind, expression, calendar } : { kind, expression };
    const problem = timerProblem(timer, index.now);
    if (problem) report(id, say('timer.invalid', { id, problem }));
    if (calendar && kind !== 'duration') report(id, say('timer.calendar-not-duration', { id, field: key }));
    // Working time is counted day by day on the calendar: a cap keeps that walk short.
    const workingHours = !problem && calendar && kind === 'duration' && !isFeelTimer(timer) ? nominalMs(parseDuration(expression)) / 3_600_000 : 0;
    if (workingHours > MODEL_LIMITS.maxWorkingTimeTimerHours) {
      report(id, say('timer.calendar-too-long', { id, max: MODEL_LIMITS.maxWorkingTimeTimerHours, expression }));
      return undefined;
    }
    return problem ? undefined : { type: 'timer', timer };
  }

  function messageName(ref: ModdleElement, id: string): string | undefined {
    const name = (ref.name as string | undefined) ?? index.messages.get(ref.id ?? '') ?? undefined;
    if (!name) report(id, say('message.no-name', { message: ref.id ?? '?', id }));
    return name;
  }

  function readPs(element: ModdleElement, node: DraftNode): void {
    const id = node.id;
    if (node.kind === 'startEvent') {
      const channel = attr(element, 'ps:channel');
      if (channel !== undefined) {
        if ((CHANNELS as readonly string[]).includes(channel)) node.channel = channel as Channel;
        else report(id, say('attribute.channel', { value: channel, id, allowed: CHANNELS.join(', ') }));
      }
    }
    if (node.kind === 'userTask') node.userTask = readUserTask(element, id);
    if (node.kind === 'serviceTask') {
      const handler = attr(element, 'ps:handler');
      if (!handler) report(id, say('handler.missing', { id }));
      else if (index.handlers && !index.handlers.has(handler)) {
        const known = [...index.handlers].sort().join(', ');
        report(id, known ? say('handler.unregistered', { handler, id, known }) : say('handler.unregistered-none', { handler, id }));
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
      report(id, say('attribute.office', { value: office, id, allowed: OFFICES.join(', ') }));
    }
    const written = attr(element, 'ps:candidateGroup');
    const groupExpression = written?.startsWith('=') ? feelProblem(written, 'ps:candidateGroup', id, report) : undefined;
    const group = written?.startsWith('=') ? undefined : written;
    if (group !== undefined && !/^[A-Za-z0-9][\w.-]{0,63}$/.test(group)) {
      report(id, say('attribute.candidate-group', { value: group, id }));
    }
    const assignment = attr(element, 'ps:assignment') ?? (office === 'back' ? 'random' : 'claim');
    if (!(ASSIGNMENTS as readonly string[]).includes(assignment)) {
      report(id, say('attribute.assignment', { value: assignment, id, allowed: ASSIGNMENTS.join(', ') }));
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
    report(id, say('attribute.boolean', { name, id, value }));
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
function readSla(element: ModdleElement, report: (id: string | undefined, said: Said) => void): SlaSpec | undefined {
  const values = ((element.extensionElements as ModdleElement | undefined)?.values as ModdleElement[] | undefined) ?? [];
  const slas = values.filter((v) => v.$type === 'ps:Sla');
  if (slas.length === 0) return undefined;
  const id = element.id;
  const named = String(id);
  if (slas.length > 1) report(id, say('sla.more-than-one', { id: named }));
  const sla = slas[0]!;
  const duration = Number(sla.duration);
  const unit = sla.unit as string | undefined;
  const calendar = (sla.calendar as string | undefined) ?? (unit === 'calendarDays' || unit === 'minutes' ? 'centre' : 'agency');
  const warnAt = sla.warnAt === undefined ? 0.8 : Number(sla.warnAt);
  let ok = true;
  if (!Number.isInteger(duration) || duration <= 0) {
    report(id, say('sla.duration', { duration: String(sla.duration), id: named }));
    ok = false;
  }
  if (!unit || !(SLA_UNITS as readonly string[]).includes(unit)) {
    report(id, say('sla.unit', { unit: unit ?? '', id: named, allowed: SLA_UNITS.join(', ') }));
    ok = false;
  } else if (duration > MODEL_LIMITS.maxSla[unit as SlaSpec['unit']]) {
    // Deadlines are counted working day by working day at every start: a cap keeps that short.
    const cap = MODEL_LIMITS.maxSla[unit as SlaSpec['unit']];
    report(id, say('sla.too-long', { duration: String(sla.duration), id: named, max: cap, unit }));
    ok = false;
  }
  if (!/^[A-Za-z0-9][\w.-]{0,63}$/.test(calendar)) {
    report(id, say('sla.calendar', { calendar, id: named }));
    ok = false;
  }
  if (!(warnAt > 0 && warnAt < 1)) {
    report(id, say('sla.warn-at', { warnAt: String(sla.warnAt), id: named }));
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
