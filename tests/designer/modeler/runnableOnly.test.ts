import * as ReplaceOptions from 'bpmn-js/lib/features/replace/ReplaceOptions.js';
import { describe, expect, it } from 'vitest';
import { compileDefinitions } from '../../../engine/model/compileDefinitions.js';
import { DefinitionError } from '../../../engine/errors.js';
import type { ElementTarget } from '../../../engine/model/runnable.js';
import { offered, runnableAppends, runnableReplacements, runnableToggles } from '../../../designer/src/modeler/runnableOnly.js';

interface Option {
  readonly actionName: string;
  readonly target: ElementTarget & { readonly isExpanded?: boolean };
}

/**
 * Every flow-node replacement bpmn-js offers, with where it is offered: a start event of an event
 * sub-process or anywhere else (flows, data and pools are not the engine's to refuse).
 */
const options: { option: Option; inEventSubProcess: boolean }[] = Object.entries(ReplaceOptions as unknown as Record<string, Option[] | Record<string, Option[]>>)
  .flatMap(([name, list]) => (Array.isArray(list) ? list : Object.values(list).flat()).map((option) => ({ option, inEventSubProcess: name === 'EVENT_SUB_PROCESS_START_EVENT' })))
  .filter(({ option }) => option.target && /Event$|Task$|Gateway$|SubProcess$|Transaction$|CallActivity$/.test(option.target.type));

const DEFINITION_BODY: Record<string, string> = {
  'bpmn:MessageEventDefinition': 'messageRef="m"',
  'bpmn:SignalEventDefinition': 'signalRef="s"',
  'bpmn:ErrorEventDefinition': 'errorRef="e"',
  'bpmn:EscalationEventDefinition': 'escalationRef="x"',
};

function eventDefinition(type: string | undefined): string {
  if (!type) return '';
  const local = type.replace('bpmn:', '');
  const tag = local.charAt(0).toLowerCase() + local.slice(1);
  if (type === 'bpmn:TimerEventDefinition') return `<bpmn:${tag}><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:${tag}>`;
  if (type === 'bpmn:ConditionalEventDefinition') return `<bpmn:${tag}><bpmn:condition xsi:type="bpmn:tFormalExpression">=true</bpmn:condition></bpmn:${tag}>`;
  if (type === 'bpmn:LinkEventDefinition') return `<bpmn:${tag} name="l" />`;
  return `<bpmn:${tag} ${DEFINITION_BODY[type] ?? ''} />`;
}

/** A process with the element `x` where the option puts it, connected as its kind needs. */
function modelWith({ option, inEventSubProcess }: (typeof options)[number]): string {
  const { target } = option;
  const tag = target.type.replace('bpmn:', '').replace(/^./, (c) => c.toLowerCase());
  const attrs = [
    target.triggeredByEvent ? 'triggeredByEvent="true"' : '',
    target.isInterrupting === false ? 'isInterrupting="false"' : '',
    target.cancelActivity === false ? 'cancelActivity="false"' : '',
    target.instantiate ? 'instantiate="true"' : '',
    target.eventGatewayType ? `eventGatewayType="${target.eventGatewayType}"` : '',
    target.type === 'bpmn:CallActivity' ? 'calledElement="p"' : '',
    target.type === 'bpmn:ReceiveTask' ? 'messageRef="m"' : '',
    target.type === 'bpmn:BoundaryEvent' ? 'attachedToRef="host"' : '',
  ].join(' ');
  const inner = target.type.endsWith('SubProcess') || target.type === 'bpmn:Transaction'
    ? target.triggeredByEvent
      ? '<bpmn:startEvent id="xs"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent><bpmn:endEvent id="xe" /><bpmn:sequenceFlow id="xf" sourceRef="xs" targetRef="xe" />'
      : '<bpmn:startEvent id="xs" /><bpmn:endEvent id="xe" /><bpmn:sequenceFlow id="xf" sourceRef="xs" targetRef="xe" />'
    : eventDefinition(target.eventDefinitionType);
  const x = `<bpmn:${tag} id="x" ${attrs}>${inner}</bpmn:${tag}>`;
  let body: string;
  if (inEventSubProcess) {
    body = `<bpmn:startEvent id="s" /><bpmn:userTask id="host" /><bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="host" /><bpmn:sequenceFlow id="f2" sourceRef="host" targetRef="e" />
      <bpmn:subProcess id="esp" triggeredByEvent="true">${x}<bpmn:endEvent id="espEnd" /><bpmn:sequenceFlow id="ef" sourceRef="x" targetRef="espEnd" /></bpmn:subProcess>`;
  } else if (target.type === 'bpmn:StartEvent') {
    body = `${x}<bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f1" sourceRef="x" targetRef="e" />`;
  } else if (target.type === 'bpmn:EndEvent') {
    body = `<bpmn:startEvent id="s" />${x}<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="x" />`;
  } else if (target.type === 'bpmn:BoundaryEvent') {
    body = `<bpmn:startEvent id="s" /><bpmn:userTask id="host" /><bpmn:endEvent id="e" />${x}<bpmn:endEvent id="e2" />
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="host" /><bpmn:sequenceFlow id="f2" sourceRef="host" targetRef="e" /><bpmn:sequenceFlow id="f3" sourceRef="x" targetRef="e2" />`;
  } else if (target.type === 'bpmn:SubProcess' && target.triggeredByEvent) {
    body = `<bpmn:startEvent id="s" /><bpmn:userTask id="host" /><bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="host" /><bpmn:sequenceFlow id="f2" sourceRef="host" targetRef="e" />${x}`;
  } else {
    body = `<bpmn:startEvent id="s" />${x}<bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="x" /><bpmn:sequenceFlow id="f2" sourceRef="x" targetRef="e" />`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="t">
  <bpmn:message id="m" name="documentsArrived" /><bpmn:signal id="s1" name="go" /><bpmn:error id="e1" errorCode="E" /><bpmn:escalation id="x1" escalationCode="X" />
  <bpmn:process id="p" isExecutable="true">${body.replace('signalRef="s"', 'signalRef="s1"').replace('errorRef="e"', 'errorRef="e1"').replace('escalationRef="x"', 'escalationRef="x1"')}</bpmn:process>
</bpmn:definitions>`;
}

/** The compiler's refusal of the element's kind or trigger itself (not of how the little model around it is drawn). */
const REFUSES_KIND = /not supported|non-interrupting|instantiate="true"|eventGatewayType|is not in an event sub-process|needs a message, timer, error or escalation trigger|no trigger/;

async function refusesKind(xml: string): Promise<string | undefined> {
  try {
    await compileDefinitions(xml);
    return undefined;
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    return error.problems.find((p) => p.elementId === 'x' && REFUSES_KIND.test(p.message))?.message;
  }
}

describe('the modeler offers only what the engine runs', () => {
  it('covers the menus: tasks, events of every kind, gateways and sub-processes', () => {
    expect(options.length).toBeGreaterThan(80);
    expect(options.filter((o) => o.inEventSubProcess).length).toBe(ReplaceOptions.EVENT_SUB_PROCESS_START_EVENT.length);
  });

  it.each(options.map((o) => [`${o.option.actionName}${o.inEventSubProcess ? ' (event sub-process start)' : ''}`, o] as const))(
    '%s: offered exactly when the compiler runs it',
    async (_name, entry) => {
      const refusal = await refusesKind(modelWith(entry));
      expect({ offered: offered(entry.option.target, { inEventSubProcess: entry.inEventSubProcess }), refusal }).toEqual(
        refusal ? { offered: false, refusal } : { offered: true, refusal: undefined },
      );
    },
  );

  it('drops script and business-rule tasks from a task\'s replace menu, keeps the tasks that run', () => {
    const task = { type: 'bpmn:Task', businessObject: { $parent: { $type: 'bpmn:Process' } } };
    const entries = Object.fromEntries(ReplaceOptions.TASK.map((o) => [o.actionName, {}]));
    const kept = Object.keys(runnableReplacements(task, entries));
    expect(kept).toEqual(expect.arrayContaining(['replace-with-user-task', 'replace-with-service-task', 'replace-with-receive-task', 'replace-with-call-activity']));
    expect(kept).not.toContain('replace-with-script-task');
    expect(kept).not.toContain('replace-with-rule-task');
    expect(kept).not.toContain('replace-with-ad-hoc-subprocess');
  });

  it('offers an error start in an event sub-process but not in a process, and no non-interrupting start outside one', () => {
    const inEsp = { type: 'bpmn:StartEvent', businessObject: { $parent: { $type: 'bpmn:SubProcess', triggeredByEvent: true } } };
    const inProcess = { type: 'bpmn:StartEvent', businessObject: { $parent: { $type: 'bpmn:Process' } } };
    const entries = { 'replace-with-error-start': {}, 'replace-with-non-interrupting-message-start': {}, 'replace-with-conditional-start': {} };
    expect(Object.keys(runnableReplacements(inEsp, entries))).toEqual(['replace-with-error-start', 'replace-with-non-interrupting-message-start']);
    expect(Object.keys(runnableReplacements(inProcess, entries))).toEqual([]);
  });

  it('keeps the multi-instance markers on the activities that take them and never offers a standard loop', () => {
    const toggles = { 'toggle-parallel-mi': {}, 'toggle-sequential-mi': {}, 'toggle-loop': {} };
    const shape = (type: string) => ({ type, businessObject: {} });
    expect(Object.keys(runnableToggles(shape('bpmn:UserTask'), toggles))).toEqual(['toggle-parallel-mi', 'toggle-sequential-mi']);
    expect(Object.keys(runnableToggles(shape('bpmn:CallActivity'), toggles))).toEqual(['toggle-parallel-mi', 'toggle-sequential-mi']);
    expect(Object.keys(runnableToggles(shape('bpmn:ReceiveTask'), toggles))).toEqual([]);
    expect(Object.keys(runnableToggles(shape('bpmn:Task'), toggles))).toEqual([]);
  });

  it("drops the context pad's conditional catch and compensation appends", () => {
    const entries = { 'append.timer-intermediate-event': {}, 'append.condition-intermediate-event': {}, 'append.compensation-activity': {}, 'append.append-task': {}, delete: {} };
    expect(Object.keys(runnableAppends(entries))).toEqual(['append.timer-intermediate-event', 'append.append-task', 'delete']);
  });
});
