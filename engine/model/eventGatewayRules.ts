/**
 * The shape an event-based gateway needs (BPMN 2.0 §10.6.6, as Camunda 8 checks it): at least two
 * outgoing flows without conditions, each to a catch the gateway can arm (a message, timer or
 * signal intermediate catch event, or a receive task) that no other flow enters.
 */
import type { ModdleElement } from './parseXml.js';
import type { FlowNode, SequenceFlow } from './types.js';

type Report = (elementId: string, message: string) => void;

/** The gateway's own attributes: only the exclusive, non-instantiating kind is run. */
export function checkEventGatewayAttributes(element: ModdleElement, id: string, report: Report): void {
  if (element.instantiate === true) report(id, `event-based gateway ${id} has instantiate="true": a process is started by a start event here, not by a gateway`);
  if (element.eventGatewayType === 'Parallel') report(id, `event-based gateway ${id} has eventGatewayType="Parallel": only the exclusive kind is supported`);
}

/** A catch that may follow an event-based gateway: what it waits for, or undefined. */
export function gatewayTrigger(node: FlowNode): string | undefined {
  if (node.kind === 'receiveTask') return node.messageName === undefined ? undefined : `message '${node.messageName}'`;
  if (node.kind !== 'intermediateCatchEvent') return undefined;
  const event = node.event;
  if (event?.type === 'message') return `message '${event.messageName}'`;
  if (event?.type === 'timer') return 'timer';
  if (event?.type === 'signal') return `signal '${event.signalName}'`;
  return undefined;
}

export function checkEventGateway(node: FlowNode, nodes: Readonly<Record<string, FlowNode>>, flows: Readonly<Record<string, SequenceFlow>>, report: Report): void {
  if (node.kind !== 'eventBasedGateway') return;
  if (node.outgoing.length < 2) report(node.id, `event-based gateway ${node.id} needs at least two outgoing flows (found ${node.outgoing.length}): it waits for the first of several events`);
  if (node.defaultFlow) report(node.id, `event-based gateway ${node.id} cannot have a default flow (${node.defaultFlow}): the first event to come chooses the way`);
  const messages = new Map<string, string>();
  for (const flowId of node.outgoing) {
    const flow = flows[flowId]!;
    if (flow.condition !== undefined) report(flowId, `sequence flow ${flowId} leaves event-based gateway ${node.id} and cannot carry a condition: the first event to come chooses the way`);
    const target = nodes[flow.target];
    if (!target) continue;
    const trigger = gatewayTrigger(target);
    if (!trigger) {
      report(target.id, `${target.kind} ${target.id} follows event-based gateway ${node.id}: only message, timer or signal intermediate catch events and receive tasks may follow it`);
      continue;
    }
    if (target.incoming.length > 1) report(target.id, `${target.kind} ${target.id} follows event-based gateway ${node.id} and has other incoming flows (${target.incoming.filter((f) => f !== flowId).join(', ')}): a catch after the gateway is entered only from it`);
    if (target.boundaries.length) report(target.id, `receive task ${target.id} follows event-based gateway ${node.id}: its boundary events (${target.boundaries.join(', ')}) would never be armed; model them as further catches after the gateway`);
    if (trigger !== 'timer') {
      const other = messages.get(trigger);
      if (other) report(target.id, `${other} and ${target.id} after event-based gateway ${node.id} both wait for ${trigger}: which one wins would be a guess`);
      else messages.set(trigger, target.id);
    }
  }
}
