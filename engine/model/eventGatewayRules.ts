/**
 * The shape an event-based gateway needs (BPMN 2.0 §10.6.6, as Camunda 8 checks it): at least two
 * outgoing flows without conditions, each to a catch the gateway can arm (a message, timer or
 * signal intermediate catch event, or a receive task) that no other flow enters.
 */
import type { ModdleElement } from './parseXml.js';
import { say, type Report } from './problemTexts.js';
import type { FlowNode, SequenceFlow } from './types.js';

/** The gateway's own attributes: only the exclusive, non-instantiating kind is run. */
export function checkEventGatewayAttributes(element: ModdleElement, id: string, report: Report): void {
  if (element.instantiate === true) report(id, say('event-gateway.instantiate', { id }));
  if (element.eventGatewayType === 'Parallel') report(id, say('event-gateway.parallel', { id }));
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
  if (node.outgoing.length < 2) report(node.id, say('event-gateway.too-few-flows', { id: node.id, count: node.outgoing.length }));
  if (node.defaultFlow) report(node.id, say('event-gateway.default-flow', { id: node.id, flow: node.defaultFlow }));
  const messages = new Map<string, string>();
  for (const flowId of node.outgoing) {
    const flow = flows[flowId]!;
    if (flow.condition !== undefined) report(flowId, say('event-gateway.condition', { flow: flowId, id: node.id }));
    const target = nodes[flow.target];
    if (!target) continue;
    const trigger = gatewayTrigger(target);
    if (!trigger) {
      report(target.id, say('event-gateway.target-kind', { kind: target.kind, target: target.id, id: node.id }));
      continue;
    }
    if (target.incoming.length > 1) report(target.id, say('event-gateway.target-incoming', { kind: target.kind, target: target.id, id: node.id, flows: target.incoming.filter((f) => f !== flowId).join(', ') }));
    if (target.boundaries.length) report(target.id, say('event-gateway.target-boundaries', { target: target.id, id: node.id, boundaries: target.boundaries.join(', ') }));
    if (trigger !== 'timer') {
      const other = messages.get(trigger);
      if (other) report(target.id, say('event-gateway.same-trigger', { other, target: target.id, id: node.id, trigger }));
      else messages.set(trigger, target.id);
    }
  }
}
