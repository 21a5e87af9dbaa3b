/**
 * What the engine runs, as data: the element kinds, the triggers each kind of event may carry and
 * the activities that may be multi-instance. The compiler refuses what lies outside it
 * (compileProcess, readMultiInstance), and the designer offers only what lies inside it (its
 * palette, context pad and replace menu: designer/src/modeler/runnableOnly.ts), so the two cannot
 * drift apart. Plain data and pure functions: the browser imports this file.
 */
import { SUPPORTED_KINDS, type EventDefinition, type NodeKind } from './types.js';

export type Trigger = EventDefinition['type'];

type EventKind = 'startEvent' | 'endEvent' | 'intermediateCatchEvent' | 'intermediateThrowEvent' | 'boundaryEvent';

/** The triggers each kind of event may carry outside an event sub-process's start. */
export const EVENT_TRIGGERS: Readonly<Record<EventKind, readonly Trigger[]>> = {
  startEvent: ['none', 'message', 'timer', 'signal'],
  endEvent: ['none', 'terminate', 'error', 'message', 'escalation', 'signal'],
  intermediateCatchEvent: ['timer', 'message', 'signal'],
  intermediateThrowEvent: ['none', 'message', 'escalation', 'signal'],
  boundaryEvent: ['timer', 'error', 'message', 'escalation', 'signal'],
};

/** The triggers that may open an event sub-process (its start event's). */
export const EVENT_SUBPROCESS_TRIGGERS: readonly Trigger[] = ['message', 'timer', 'error', 'escalation'];

/** The activities that may be multi-instance (issue 10's contract). */
export const MULTI_INSTANCE_KINDS: ReadonlySet<NodeKind> = new Set<NodeKind>(['userTask', 'serviceTask', 'subProcess', 'callActivity']);

/** `bpmn:TimerEventDefinition` → `timer`; undefined for a definition the engine has no trigger for. */
export function triggerOf(eventDefinitionType: string | undefined): Trigger | undefined {
  if (eventDefinitionType === undefined) return 'none';
  const trigger = /^bpmn:(Message|Timer|Signal|Error|Terminate|Escalation)EventDefinition$/.exec(eventDefinitionType)?.[1];
  return trigger ? (trigger.toLowerCase() as Trigger) : undefined;
}

/** `bpmn:UserTask` → `userTask`, `bpmn:SubProcess` with triggeredByEvent → `eventSubProcess`; undefined when not run. */
export function kindOf(type: string, triggeredByEvent = false): NodeKind | undefined {
  const local = /^bpmn:([A-Z][A-Za-z]*)$/.exec(type)?.[1];
  if (!local) return undefined;
  const plain = local.charAt(0).toLowerCase() + local.slice(1);
  if (!(SUPPORTED_KINDS as readonly string[]).includes(plain)) return undefined;
  return plain === 'subProcess' && triggeredByEvent ? 'eventSubProcess' : (plain as NodeKind);
}

/** An element as a menu would create it (bpmn-js's replace and append targets have this shape). */
export interface ElementTarget {
  readonly type: string;
  readonly eventDefinitionType?: string;
  readonly triggeredByEvent?: boolean;
  readonly isInterrupting?: boolean;
  readonly cancelActivity?: boolean;
  readonly instantiate?: boolean;
  readonly eventGatewayType?: string;
}

/**
 * Whether the engine runs `target` where it would stand: `inEventSubProcess` for a start event
 * directly inside an event sub-process. Flow elements only; artifacts and data are for the
 * caller to allow (the engine ignores them).
 */
export function isRunnable(target: ElementTarget, where: { inEventSubProcess?: boolean } = {}): boolean {
  const kind = kindOf(target.type, target.triggeredByEvent);
  if (!kind) return false;
  if (kind === 'eventBasedGateway') return target.instantiate !== true && (target.eventGatewayType ?? 'Exclusive') === 'Exclusive';
  if (!(kind in EVENT_TRIGGERS)) return true;
  const trigger = triggerOf(target.eventDefinitionType);
  if (!trigger) return false;
  if (kind === 'startEvent' && where.inEventSubProcess) {
    return EVENT_SUBPROCESS_TRIGGERS.includes(trigger) && !(trigger === 'error' && target.isInterrupting === false);
  }
  if (kind === 'startEvent' && target.isInterrupting === false) return false;
  if (kind === 'boundaryEvent' && trigger === 'error' && target.cancelActivity === false) return false;
  return EVENT_TRIGGERS[kind as EventKind].includes(trigger);
}
