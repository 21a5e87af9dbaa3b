import type { TaskForm } from '../forms/TaskForm.js';
/**
 * The compiled process graph: what the runtime walks. Plain, frozen JSON-compatible data, so a
 * definition read back from the store is the same graph the validator produced.
 */

import type { NotificationKind } from '../notifications/notificationKinds.js';

export const SUPPORTED_KINDS = [
  'startEvent',
  'endEvent',
  'intermediateCatchEvent',
  'intermediateThrowEvent',
  'boundaryEvent',
  'task',
  'manualTask',
  'userTask',
  'serviceTask',
  'receiveTask',
  'sendTask',
  'exclusiveGateway',
  'parallelGateway',
  'inclusiveGateway',
  'eventBasedGateway',
  'subProcess',
  'callActivity',
  /** A `bpmn:subProcess` with `triggeredByEvent="true"`: no flows; its start event's trigger opens it. */
  'eventSubProcess',
] as const;

export type NodeKind = (typeof SUPPORTED_KINDS)[number];

export const CHANNELS = ['centre', 'agency', 'portal'] as const;
export type Channel = (typeof CHANNELS)[number];

export const OFFICES = ['front', 'back'] as const;
export type Office = (typeof OFFICES)[number];

export const ASSIGNMENTS = ['random', 'claim', 'round-robin', 'least-loaded'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENTS)[number];

export const SLA_UNITS = ['workingDays', 'calendarDays', 'workingHours', 'minutes'] as const;
export type SlaUnit = (typeof SLA_UNITS)[number];

export interface SlaSpec {
  readonly duration: number;
  readonly unit: SlaUnit;
  readonly calendar: string;
  readonly warnAt: number;
}

export type TimerKind = 'duration' | 'date' | 'cycle';

export interface TimerSpec {
  readonly kind: TimerKind;
  /** The ISO-8601 text as written in the model (`PT15M`, `2026-03-21T09:00:00Z`, `R3/PT1H`). */
  readonly expression: string;
  /** `ps:calendar`: count a duration in working time on this calendar. */
  readonly calendar?: string;
  /** `ps:slaTrigger` on a boundary timer: fire when the host task turns at risk or overdue. */
  readonly slaTrigger?: 'atRisk' | 'overdue';
}

export type EventDefinition =
  | { readonly type: 'none' }
  | { readonly type: 'message'; readonly messageName: string }
  | { readonly type: 'signal'; readonly signalName: string }
  | { readonly type: 'timer'; readonly timer: TimerSpec }
  | { readonly type: 'error'; readonly errorCode?: string }
  | { readonly type: 'terminate' }
  /** No code: a catch-all (on a boundary or an event sub-process's start). */
  | { readonly type: 'escalation'; readonly escalationCode?: string };

export interface UserTaskSpec {
  readonly office?: 'front' | 'back';
  readonly candidateGroup?: string;
  /** `ps:candidateGroup="=…"`: FEEL (without the `=`) giving the group in the token's scope (a multi-instance inner instance's). */
  readonly candidateGroupExpression?: string;
  readonly assignment: AssignmentStrategy;
  readonly excludeAssigneesOf: readonly string[];
  readonly returnsResult: boolean;
  /** `<ps:form>`: the task's form-js form; a completion is checked against it (engine/forms). */
  readonly form?: TaskForm;
}

export interface FlowNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly name?: string;
  /** Id of the enclosing sub-process, or null at process level. */
  readonly scope: string | null;
  readonly incoming: readonly string[];
  readonly outgoing: readonly string[];
  readonly event?: EventDefinition;
  /** Default flow of a gateway or activity. */
  readonly defaultFlow?: string;
  /** Boundary events attached to this activity. */
  readonly boundaries: readonly string[];
  /** Boundary event: the activity it sits on, and whether it interrupts it. */
  readonly attachedTo?: string;
  readonly cancelActivity?: boolean;
  /** Start event of an event sub-process: false for `isInterrupting="false"` (it runs beside its scope). */
  readonly interrupting?: boolean;
  /** Sub-process: its none start event; event sub-process: its one triggered start event. */
  readonly start?: string;
  /** Call activity: the process key it starts. */
  readonly calledElement?: string;
  /** Service task: the registered handler. */
  readonly handler?: string;
  /** Receive task / send task: the message name. */
  readonly messageName?: string;
  readonly userTask?: UserTaskSpec;
  /** Start event: the channel it accepts. */
  readonly channel?: Channel;
  readonly pausesSla?: boolean;
  readonly sla?: SlaSpec;
  /** `ps:notify`: entering the node tells the applicant (engine/notifications). */
  readonly notify?: NotificationKind;
  /** `bpmn:multiInstanceLoopCharacteristics` (runtime/elements/MultiInstance.ts). */
  readonly multiInstance?: MultiInstanceSpec;
}

/**
 * A multi-instance activity: one inner instance per item of `collection` (or `cardinality`
 * times), all at once or one after another. Expressions are FEEL without the leading `=`.
 */
export interface MultiInstanceSpec {
  readonly sequential: boolean;
  /** `ps:collection`: the list iterated, evaluated when the activity is entered. */
  readonly collection?: string;
  /** `bpmn:loopCardinality`: how many inner instances (instead of a collection). */
  readonly cardinality?: string;
  /** `ps:elementVariable`: the inner instance's item, a local variable. */
  readonly elementVariable?: string;
  /** `ps:outputCollection`: the variable the outputs are gathered into, in the collection's order. */
  readonly outputCollection?: string;
  /** `ps:outputElement`: what each inner instance contributes, evaluated in its scope when it completes. */
  readonly outputElement?: string;
  /** `bpmn:completionCondition`: when true after an inner instance completes, the rest are cancelled. */
  readonly completionCondition?: string;
}

export interface SequenceFlow {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** FEEL expression, without Camunda's leading `=`. */
  readonly condition?: string;
}

export interface ProcessGraph {
  readonly id: string;
  readonly name?: string;
  readonly serviceCode?: string;
  readonly agency?: string;
  readonly sla?: SlaSpec;
  readonly nodes: Readonly<Record<string, FlowNode>>;
  readonly flows: Readonly<Record<string, SequenceFlow>>;
  /** Process-level start events by trigger. */
  readonly starts: {
    readonly none?: string;
    readonly byChannel: Readonly<Partial<Record<Channel, string>>>;
    readonly message: Readonly<Record<string, string>>;
    readonly timer: readonly string[];
    /** Signal start events by signal name (absent in graphs compiled before signals). */
    readonly signal?: Readonly<Record<string, string>>;
  };
  /**
   * For every node, the nodes a token there can still reach (through flows and its boundary
   * events): what an inclusive join asks to know whether to wait.
   */
  readonly reach: Readonly<Record<string, readonly string[]>>;
}

/** Activities: the nodes that can carry boundary events and a token waits "in". */
export const ACTIVITY_KINDS: ReadonlySet<NodeKind> = new Set<NodeKind>([
  'task',
  'manualTask',
  'userTask',
  'serviceTask',
  'receiveTask',
  'sendTask',
  'subProcess',
  'callActivity',
]);
