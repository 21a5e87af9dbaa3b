import * as ReplaceOptions from 'bpmn-js/lib/features/replace/ReplaceOptions.js';
import { MULTI_INSTANCE_KINDS, isRunnable, kindOf, type ElementTarget } from '../../../engine/model/runnable.js';

/**
 * The modeler offers only what the engine runs (engine/model/runnable.ts, the compiler's own
 * table): the replace menu drops script and business-rule tasks, complex gateways, transactions,
 * ad-hoc sub-processes, conditional, compensation, cancel and link events, standard loops and a
 * multi-instance marker where the engine has none; the context pad drops the appends of the same.
 * bpmn-js's palette creates only plain elements (a task, a none event, an exclusive gateway…),
 * all of which run, so it needs no filter. A model imported with such elements still opens: the
 * deploy check on the canvas names them.
 */

interface Shape {
  readonly type: string;
  readonly businessObject: { readonly $parent?: { readonly $type: string; readonly triggeredByEvent?: boolean } };
}
type Entries = Record<string, unknown>;
type Updater = (entries: Entries) => Entries;
interface ReplaceOption {
  readonly actionName: string;
  readonly target?: ElementTarget;
}

/** The replace menu's entry ids (their action names) and the element each one makes, from bpmn-js's own options. */
const REPLACE_TARGETS = new Map<string, ElementTarget>(
  Object.values(ReplaceOptions as unknown as Record<string, ReplaceOption[] | Record<string, ReplaceOption[]>>)
    .flatMap((options) => (Array.isArray(options) ? options : Object.values(options).flat()))
    .filter((option) => option.target !== undefined)
    .map((option) => [option.actionName, option.target!]),
);

/** The context pad's appends of a specific element (bpmn-js ContextPadProvider) and the element each appends. */
const APPEND_TARGETS = new Map<string, ElementTarget | 'not run'>([
  ['append.receive-task', { type: 'bpmn:ReceiveTask' }],
  ['append.message-intermediate-event', { type: 'bpmn:IntermediateCatchEvent', eventDefinitionType: 'bpmn:MessageEventDefinition' }],
  ['append.timer-intermediate-event', { type: 'bpmn:IntermediateCatchEvent', eventDefinitionType: 'bpmn:TimerEventDefinition' }],
  ['append.condition-intermediate-event', { type: 'bpmn:IntermediateCatchEvent', eventDefinitionType: 'bpmn:ConditionalEventDefinition' }],
  ['append.signal-intermediate-event', { type: 'bpmn:IntermediateCatchEvent', eventDefinitionType: 'bpmn:SignalEventDefinition' }],
  // A compensation handler: compensation is not run.
  ['append.compensation-activity', 'not run'],
]);

/** Elements the engine accepts as documentation or structure: never filtered. */
const NOT_FLOW_NODES = /^bpmn:(DataObjectReference|DataStoreReference|Participant|Lane|Group|TextAnnotation|SequenceFlow)$/;

export function offered(target: ElementTarget, where: { inEventSubProcess?: boolean } = {}): boolean {
  return NOT_FLOW_NODES.test(target.type) || isRunnable(target, where);
}

function inEventSubProcess(element: Shape): boolean {
  const parent = element.businessObject.$parent;
  return element.type === 'bpmn:StartEvent' && parent?.$type === 'bpmn:SubProcess' && parent.triggeredByEvent === true;
}

/** The replace menu's entries for `element` that the engine runs. */
export function runnableReplacements(element: Shape, entries: Entries): Entries {
  const where = { inEventSubProcess: inEventSubProcess(element) };
  return Object.fromEntries(Object.entries(entries).filter(([id]) => {
    const target = REPLACE_TARGETS.get(id);
    return !target || offered(target, where);
  }));
}

/** The replace menu's header toggles: no standard loop; multi-instance only on the activities that take it. */
export function runnableToggles(element: Shape, entries: Entries): Entries {
  const kind = kindOf(element.type);
  return Object.fromEntries(Object.entries(entries).filter(([id]) => {
    if (id === 'toggle-loop') return false;
    if (id === 'toggle-parallel-mi' || id === 'toggle-sequential-mi') return kind !== undefined && MULTI_INSTANCE_KINDS.has(kind);
    return true;
  }));
}

export function runnableAppends(entries: Entries): Entries {
  return Object.fromEntries(Object.entries(entries).filter(([id]) => {
    const target = APPEND_TARGETS.get(id);
    return target === undefined || (target !== 'not run' && offered(target));
  }));
}

interface PopupMenu {
  registerProvider(id: string, priority: number, provider: { getPopupMenuEntries(target: Shape): Updater; getPopupMenuHeaderEntries(target: Shape): Updater }): void;
}
interface ContextPad {
  registerProvider(priority: number, provider: { getContextPadEntries(element: Shape): Updater }): void;
}

/** Registered after bpmn-js's own providers (a lower priority runs later): it filters what they offered. */
class RunnableOnly {
  static $inject = ['popupMenu', 'contextPad'];

  constructor(popupMenu: PopupMenu, contextPad: ContextPad) {
    popupMenu.registerProvider('bpmn-replace', 100, {
      getPopupMenuEntries: (target) => (entries) => runnableReplacements(target, entries),
      getPopupMenuHeaderEntries: (target) => (entries) => runnableToggles(target, entries),
    });
    contextPad.registerProvider(100, { getContextPadEntries: () => (entries) => runnableAppends(entries) });
  }
}

export const runnableOnlyModule = {
  __init__: ['runnableOnly'],
  runnableOnly: ['type', RunnableOnly],
};
