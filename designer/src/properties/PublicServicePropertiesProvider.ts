import { t } from '../i18n/i18n.js';
import { attributeEntry, candidateGroupEntry, slaEntry, type EntrySpec, type PanelEntry } from './entries.js';
import type { ModdleElement } from './slaCommands.js';

const OFFICES = [['front', 'Front office (centre clerks)'], ['back', 'Back office (agency officials)']] as const;
const ASSIGNMENTS = [['random', 'Random'], ['claim', 'Claim'], ['round-robin', 'Round robin'], ['least-loaded', 'Least loaded']] as const;
const CHANNELS = [['centre', 'Centre'], ['agency', 'Agency'], ['portal', 'Portal']] as const;
const UNITS = [['workingDays', 'Working days'], ['calendarDays', 'Calendar days'], ['workingHours', 'Working hours'], ['minutes', 'Minutes']] as const;
const SLA_TRIGGERS = [['atRisk', 'When the task is at risk'], ['overdue', 'When the task is overdue']] as const;

/** Where `<ps:sla>` may stand (engine/model/ps.json, `Sla.meta.allowedIn`). */
const SLA_HOLDERS = ['bpmn:Process', 'bpmn:UserTask', 'bpmn:ReceiveTask', 'bpmn:SubProcess', 'bpmn:CallActivity', 'bpmn:Task', 'bpmn:ManualTask', 'bpmn:ServiceTask'];

const spec = (id: string, label: string, kind: EntrySpec['kind'], extra: Partial<EntrySpec> = {}): EntrySpec => ({ id: `ps-${id}`, label, kind, ...extra });

interface Shape {
  readonly businessObject: ModdleElement;
}
type GroupsUpdater = (groups: { id: string }[]) => { id: string }[];

/** The "Public service" group: every `ps` field of the contract that applies to the selection. */
export class PublicServicePropertiesProvider {
  static $inject = ['propertiesPanel'];

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }) {
    propertiesPanel.registerProvider(500, this);
  }

  getGroups(element: Shape): GroupsUpdater {
    return (groups) => {
      const entries = publicServiceEntries(element);
      if (!entries.length) return groups;
      const group = { id: 'public-service', label: 'Public service', entries };
      const general = groups.findIndex((g) => g.id === 'general');
      groups.splice(general + 1, 0, group);
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
      attr('serviceCode', spec('serviceCode', 'Service code', 'text', { description: 'The catalogue code, e.g. BIRTH-REG' })),
      attr('agency', spec('agency', 'Agency', 'text', { description: 'The responsible agency id' })),
    );
  }
  if (target.$instanceOf('bpmn:StartEvent')) {
    entries.push(attr('channel', spec('channel', 'Channel', 'select', { options: CHANNELS, description: 'One start event per channel' })));
  }
  if (target.$instanceOf('bpmn:UserTask')) {
    entries.push(
      attr('office', spec('office', 'Office', 'select', { options: OFFICES })),
      candidateGroupEntry(element, target, spec('candidateGroup', t('modeler.groupLabel'), 'select', { description: t('modeler.groupHint') })),
      attr('assignment', spec('assignment', 'Assignment', 'select', { options: ASSIGNMENTS, description: 'Random by default in the back office' })),
      attr('excludeAssigneesOf', spec('excludeAssigneesOf', 'Exclude assignees of', 'text', { description: 'Comma-separated task ids (four eyes)' })),
      attr('returnsResult', spec('returnsResult', 'Returns the result to the applicant', 'checkbox')),
    );
  }
  if (target.$instanceOf('bpmn:ServiceTask')) {
    entries.push(attr('handler', spec('handler', 'Handler', 'text', { description: 'A built-in handler registered in code' })));
  }
  if (target.$instanceOf('bpmn:ReceiveTask') || isMessageCatch(target)) {
    entries.push(attr('pausesSla', spec('pausesSla', 'Pauses the SLA while waiting', 'checkbox')));
  }
  const timer = timerDefinition(target);
  if (timer) {
    entries.push(
      attributeEntry(element, timer, 'calendar', spec('timer-calendar', 'Timer counts working time on', 'text', { description: 'centre, agency or a calendar id' })),
      attributeEntry(element, timer, 'slaTrigger', spec('timer-slaTrigger', 'Fires on SLA', 'select', { options: SLA_TRIGGERS })),
    );
  }
  if (SLA_HOLDERS.some((type) => target.$instanceOf(type))) {
    entries.push(
      slaEntry(element, target, 'duration', spec('sla-duration', 'SLA duration', 'text', { description: 'A number, in the unit below' })),
      slaEntry(element, target, 'unit', spec('sla-unit', 'SLA unit', 'select', { options: UNITS })),
      slaEntry(element, target, 'calendar', spec('sla-calendar', 'SLA calendar', 'text', { description: 'centre, agency or a calendar id' })),
      slaEntry(element, target, 'warnAt', spec('sla-warnAt', 'SLA warn at', 'text', { description: 'Fraction of the time, 0.8 by default' })),
    );
  }
  return entries;
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
