import { t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { attributeEntry, candidateGroupEntry, conditionEntry, formEntry, slaEntry, type EntrySpec, type PanelEntry } from './entries.js';
import type { ModdleElement } from './slaCommands.js';

/** The values of the `ps` enumerations with their message keys; the labels are said when the panel draws. */
const OFFICES = [['front', 'ps.office.front'], ['back', 'ps.office.back']] as const;
const ASSIGNMENTS = [['random', 'ps.assignment.random'], ['claim', 'ps.assignment.claim'], ['round-robin', 'ps.assignment.roundRobin'], ['least-loaded', 'ps.assignment.leastLoaded']] as const;
const CHANNELS = [['centre', 'ps.channel.centre'], ['agency', 'ps.channel.agency'], ['portal', 'ps.channel.portal']] as const;
const UNITS = [['workingDays', 'ps.unit.workingDays'], ['calendarDays', 'ps.unit.calendarDays'], ['workingHours', 'ps.unit.workingHours'], ['minutes', 'ps.unit.minutes']] as const;
const SLA_TRIGGERS = [['atRisk', 'ps.trigger.atRisk'], ['overdue', 'ps.trigger.overdue']] as const;

const said = (options: readonly (readonly [string, MessageKey])[]) => options.map(([value, key]) => [value, t(key)] as const);

/** Where `<ps:sla>` may stand (engine/model/ps.json, `Sla.meta.allowedIn`). */
const SLA_HOLDERS = ['bpmn:Process', 'bpmn:UserTask', 'bpmn:ReceiveTask', 'bpmn:SubProcess', 'bpmn:CallActivity', 'bpmn:Task', 'bpmn:ManualTask', 'bpmn:ServiceTask'];

const spec = (id: string, label: MessageKey, kind: EntrySpec['kind'], extra: { options?: EntrySpec['options']; description?: MessageKey } = {}): EntrySpec => ({
  id: `ps-${id}`,
  label: t(label),
  kind,
  ...(extra.options ? { options: extra.options } : {}),
  ...(extra.description ? { description: t(extra.description) } : {}),
});

interface Shape {
  readonly businessObject: ModdleElement;
}
type Group = { id: string; label?: string; entries?: unknown[]; translate?: Translate };
type GroupsUpdater = (groups: Group[]) => Group[];
type Translate = (template: string, replacements?: Record<string, string>) => string;

/**
 * The "Public service" group: every `ps` field of the contract that applies to the selection,
 * labelled in the UI's language when the panel draws (the modeler page asks for a redraw on a
 * language switch).
 */
export class PublicServicePropertiesProvider {
  static $inject = ['propertiesPanel', 'translate'];

  private readonly translate: Translate;

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }, translate: Translate) {
    this.translate = translate;
    propertiesPanel.registerProvider(500, this);
  }

  getGroups(element: Shape): GroupsUpdater {
    return (groups) => {
      // The panel hands a group's own `translate` to its header's marker ("Section contains edits"), English without it.
      for (const group of groups) group.translate ??= this.translate;
      const entries = publicServiceEntries(element);
      // A multi-instance marker's ps fields go in bpmn-js's own "Multi-instance" group, beside its cardinality and completion condition.
      const loop = multiInstanceEntries(element);
      const multiInstance = groups.find((g) => g.id === 'multiInstance');
      if (loop.length && multiInstance) multiInstance.entries = [...(multiInstance.entries ?? []), ...loop];
      if (!entries.length) return groups;
      const group = { id: 'public-service', label: t('ps.group'), entries, translate: this.translate };
      const general = groups.findIndex((g) => g.id === 'general');
      groups.splice(general + 1, 0, group);
      // A user task's form (ps:form): its own group, edited in the form editor.
      const bo = element.businessObject;
      if (bo.$instanceOf('bpmn:UserTask')) groups.splice(general + 2, 0, { id: 'task-form', label: t('formEditor.group'), entries: [formEntry(element, bo)], translate: this.translate });
      return groups;
    };
  }
}

export function publicServiceEntries(element: Shape): PanelEntry[] {
  const bo = element.businessObject;
  // A pool stands for its process: the process fields are edited through the participant.
  const target = bo.$instanceOf('bpmn:Participant') ? (bo.get('processRef') as ModdleElement | undefined) : bo;
  if (!target) return [];
  const attr = (property: string, s: EntrySpec) => attributeEntry(element, target, property, s);
  const entries: PanelEntry[] = [];

  if (target.$instanceOf('bpmn:Process')) {
    entries.push(
      attr('serviceCode', spec('serviceCode', 'ps.serviceCode', 'text', { description: 'ps.serviceCodeHint' })),
      attr('agency', spec('agency', 'ps.agency', 'text', { description: 'ps.agencyHint' })),
    );
  }
  if (target.$instanceOf('bpmn:StartEvent')) {
    entries.push(attr('channel', spec('channel', 'ps.channel', 'select', { options: said(CHANNELS), description: 'ps.channelHint' })));
  }
  if (target.$instanceOf('bpmn:UserTask')) {
    entries.push(
      attr('office', spec('office', 'ps.office', 'select', { options: said(OFFICES) })),
      candidateGroupEntry(element, target, spec('candidateGroup', 'modeler.groupLabel', 'select', { description: 'modeler.groupHint' })),
      attr('assignment', spec('assignment', 'ps.assignment', 'select', { options: said(ASSIGNMENTS), description: 'ps.assignmentHint' })),
      attr('excludeAssigneesOf', spec('excludeAssigneesOf', 'ps.excludeAssigneesOf', 'text', { description: 'ps.excludeAssigneesOfHint' })),
      attr('returnsResult', spec('returnsResult', 'ps.returnsResult', 'checkbox')),
    );
  }
  if (target.$instanceOf('bpmn:SequenceFlow') && takesCondition(target)) {
    entries.push(conditionEntry(element, target, spec('condition', 'ps.condition', 'text', { description: 'ps.conditionHint' })));
  }
  if (target.$instanceOf('bpmn:ServiceTask')) {
    entries.push(attr('handler', spec('handler', 'ps.handler', 'text', { description: 'ps.handlerHint' })));
  }
  if (target.$instanceOf('bpmn:ReceiveTask') || isMessageCatch(target)) {
    entries.push(attr('pausesSla', spec('pausesSla', 'ps.pausesSla', 'checkbox')));
  }
  const timer = timerDefinition(target);
  if (timer) {
    entries.push(
      attributeEntry(element, timer, 'calendar', spec('timer-calendar', 'ps.timerCalendar', 'text', { description: 'ps.calendarHint' })),
      attributeEntry(element, timer, 'slaTrigger', spec('timer-slaTrigger', 'ps.timerTrigger', 'select', { options: said(SLA_TRIGGERS) })),
    );
  }
  if (SLA_HOLDERS.some((type) => target.$instanceOf(type))) {
    entries.push(
      slaEntry(element, target, 'duration', spec('sla-duration', 'ps.slaDuration', 'text', { description: 'ps.slaDurationHint' })),
      slaEntry(element, target, 'unit', spec('sla-unit', 'ps.slaUnit', 'select', { options: said(UNITS) })),
      slaEntry(element, target, 'calendar', spec('sla-calendar', 'ps.slaCalendar', 'text', { description: 'ps.calendarHint' })),
      slaEntry(element, target, 'warnAt', spec('sla-warnAt', 'ps.slaWarnAt', 'text', { description: 'ps.slaWarnAtHint' })),
    );
  }
  return entries;
}

/**
 * `ps:collection`, `ps:elementVariable`, `ps:outputCollection` and `ps:outputElement` of a
 * multi-instance marker (the README's contract; a collection instead of bpmn's loopCardinality).
 */
export function multiInstanceEntries(element: Shape): PanelEntry[] {
  const loop = element.businessObject.get('loopCharacteristics') as ModdleElement | undefined;
  if (!loop?.$instanceOf('bpmn:MultiInstanceLoopCharacteristics')) return [];
  const field = (property: string, label: MessageKey, description: MessageKey) =>
    attributeEntry(element, loop, property, spec(`mi-${property}`, label, 'text', { description }));
  return [
    field('collection', 'ps.miCollection', 'ps.miCollectionHint'),
    field('elementVariable', 'ps.miElementVariable', 'ps.miElementVariableHint'),
    field('outputCollection', 'ps.miOutputCollection', 'ps.miOutputCollectionHint'),
    field('outputElement', 'ps.miOutputElement', 'ps.miOutputElementHint'),
  ];
}

/** A flow out of an exclusive or inclusive gateway, or out of an activity, may carry a condition; no other. */
function takesCondition(flow: ModdleElement): boolean {
  const source = flow.get('sourceRef') as ModdleElement | undefined;
  return Boolean(source && (source.$instanceOf('bpmn:ExclusiveGateway') || source.$instanceOf('bpmn:InclusiveGateway') || source.$instanceOf('bpmn:Activity')));
}

function eventDefinitions(target: ModdleElement): ModdleElement[] {
  return (target.get('eventDefinitions') as ModdleElement[] | undefined) ?? [];
}

function isMessageCatch(target: ModdleElement): boolean {
  return target.$instanceOf('bpmn:IntermediateCatchEvent') && eventDefinitions(target).some((d) => d.$instanceOf('bpmn:MessageEventDefinition'));
}

function timerDefinition(target: ModdleElement): ModdleElement | undefined {
  if (!target.$instanceOf('bpmn:Event')) return undefined;
  return eventDefinitions(target).find((d) => d.$instanceOf('bpmn:TimerEventDefinition'));
}
