import type { Problem } from '../errors.js';
import type { DraftProcess } from './compileProcess.js';
import { checkEventGateway } from './eventGatewayRules.js';
import { problemOf, say, type Report } from './problemTexts.js';
import { ACTIVITY_KINDS, type Channel, type FlowNode, type ProcessGraph } from './types.js';

/** Nodes where a token comes to rest between engine steps. */
const WAITS = new Set(['userTask', 'receiveTask', 'intermediateCatchEvent', 'subProcess', 'callActivity', 'eventBasedGateway']);

/**
 * Connects flows to nodes and checks the rules that need the whole graph: every flow connected,
 * gateways decidable, start events present, no loop without a wait state or a way out.
 */
export function linkGraph(draft: DraftProcess, problems: Problem[]): ProcessGraph {
  const { nodes, flows } = draft;
  const report: Report = (elementId, said) => problems.push(problemOf(elementId, said));

  for (const flow of Object.values(flows)) {
    const source = nodes[flow.source];
    const target = nodes[flow.target];
    if (!source || !target) {
      const missing = !source ? flow.source : flow.target;
      report(flow.id, say('flow.unsupported-node', { id: flow.id, node: missing }));
      continue;
    }
    if (source.scope !== target.scope) {
      report(flow.id, say('flow.crosses-boundary', { id: flow.id, source: source.id, target: target.id }));
      continue;
    }
    source.outgoing.push(flow.id);
    target.incoming.push(flow.id);
  }

  // Message names are the model's free text: a null-prototype map, so `constructor` is just a name.
  const starts = {
    byChannel: Object.create(null) as Partial<Record<Channel, string>>,
    message: Object.create(null) as Record<string, string>,
    signal: Object.create(null) as Record<string, string>,
    timer: [] as string[],
    none: undefined as string | undefined,
  };
  const subStarts = new Map<string, string[]>();
  const eventStarts = new Map<string, string[]>();
  for (const node of Object.values(nodes)) {
    if (node.kind === 'boundaryEvent' && node.attachedTo) {
      const host = nodes[node.attachedTo];
      if (!host || !ACTIVITY_KINDS.has(host.kind)) report(node.id, say('boundary.host-not-activity', { id: node.id, host: node.attachedTo }));
      else if (host.scope !== node.scope) report(node.id, say('boundary.different-scopes', { id: node.id, host: host.id }));
      else host.boundaries.push(node.id);
      if (node.event?.type === 'timer' && node.event.timer.slaTrigger && !(host?.kind === 'userTask' && host.sla)) {
        report(node.id, say('boundary.sla-host', { id: node.id, host: node.attachedTo }));
      } else if (node.event?.type === 'timer' && node.event.timer.slaTrigger && host?.multiInstance) {
        report(node.id, say('boundary.sla-multi-instance', { id: node.id, host: node.attachedTo }));
      }
    }
    if (node.event?.type === 'timer' && node.event.timer.slaTrigger && node.kind !== 'boundaryEvent') {
      report(node.id, say('timer.sla-trigger-not-boundary', { kind: node.kind, id: node.id }));
    }
    if (node.kind === 'startEvent') {
      if (node.incoming.length) report(node.id, say('start.incoming', { id: node.id }));
      if (node.scope && nodes[node.scope]?.kind === 'eventSubProcess') {
        eventStarts.set(node.scope, [...(eventStarts.get(node.scope) ?? []), node.id]);
      } else if (node.scope) {
        if (node.event?.type !== 'none') report(node.id, say('start.sub-process-plain', { id: node.id, scope: node.scope }));
        subStarts.set(node.scope, [...(subStarts.get(node.scope) ?? []), node.id]);
      } else if (node.event?.type === 'message') {
        if (starts.message[node.event.messageName]) report(node.id, say('start.same-message', { message: node.event.messageName }));
        starts.message[node.event.messageName] = node.id;
      } else if (node.event?.type === 'signal') {
        if (starts.signal[node.event.signalName]) report(node.id, say('start.same-signal', { signal: node.event.signalName, first: starts.signal[node.event.signalName]!, id: node.id }));
        starts.signal[node.event.signalName] = node.id;
      } else if (node.event?.type === 'timer') {
        starts.timer.push(node.id);
      } else if (node.channel) {
        if (starts.byChannel[node.channel]) report(node.id, say('start.same-channel', { channel: node.channel, first: starts.byChannel[node.channel]!, id: node.id }));
        starts.byChannel[node.channel] = node.id;
      } else {
        if (starts.none) report(node.id, say('start.two-plain', { first: starts.none, id: node.id }));
        starts.none = node.id;
      }
    } else if (node.kind === 'eventSubProcess') {
      if (node.incoming.length || node.outgoing.length) {
        report(node.id, say('event-subprocess.flows', { id: node.id }));
      }
    } else if (node.kind !== 'boundaryEvent' && node.incoming.length === 0) {
      report(node.id, say('flow.no-incoming', { kind: node.kind, id: node.id }));
    }
    if (node.kind === 'boundaryEvent' && node.incoming.length) report(node.id, say('boundary.incoming', { id: node.id }));
    if (node.kind !== 'endEvent' && node.kind !== 'eventSubProcess' && node.outgoing.length === 0) {
      report(node.id, say('flow.no-outgoing', { kind: node.kind, id: node.id }));
    }
    if (node.kind === 'endEvent' && node.outgoing.length) report(node.id, say('end.outgoing', { id: node.id }));
    checkDecision(node);
    checkEventGateway(node, nodes, flows, report);
  }
  for (const node of Object.values(nodes)) {
    if (node.kind !== 'subProcess') continue;
    const found = subStarts.get(node.id) ?? [];
    if (found.length !== 1) report(node.id, say('sub-process.start-count', { id: node.id, count: found.length }));
    else node.start = found[0]!;
  }
  checkEventSubProcesses(nodes, eventStarts, report);
  if (!starts.none && Object.keys(starts.byChannel).length + Object.keys(starts.message).length + Object.keys(starts.signal).length + starts.timer.length === 0) {
    report(draft.id, say('process.no-start', { id: draft.id }));
  }
  for (const node of Object.values(nodes)) {
    for (const excluded of node.userTask?.excludeAssigneesOf ?? []) {
      if (nodes[excluded]?.kind !== 'userTask') report(node.id, say('attribute.exclude-assignees', { id: node.id, excluded }));
    }
  }

  const reach = computeReach(nodes, flows);
  findEndlessLoops(nodes, flows, reach, report);

  return deepFreeze({
    id: draft.id,
    ...(draft.name ? { name: draft.name } : {}),
    ...(draft.serviceCode ? { serviceCode: draft.serviceCode } : {}),
    ...(draft.agency ? { agency: draft.agency } : {}),
    ...(draft.sla ? { sla: draft.sla } : {}),
    nodes,
    flows,
    starts: { ...(starts.none ? { none: starts.none } : {}), byChannel: starts.byChannel, message: starts.message, timer: starts.timer, ...(Object.keys(starts.signal).length ? { signal: starts.signal } : {}) },
    reach,
  });

  function checkDecision(node: FlowNode): void {
    if (node.defaultFlow) {
      if (!node.outgoing.includes(node.defaultFlow)) report(node.id, say('condition.default-not-outgoing', { flow: node.defaultFlow, id: node.id }));
      else if (flows[node.defaultFlow]?.condition) report(node.defaultFlow, say('condition.default-with-condition', { flow: node.defaultFlow, id: node.id }));
    }
    if (node.kind === 'exclusiveGateway' || node.kind === 'inclusiveGateway') {
      if (node.outgoing.length < 2) return;
      const bare = node.outgoing.filter((f) => f !== node.defaultFlow && !flows[f]?.condition);
      if (bare.length) {
        report(node.id, say('condition.missing', { kind: node.kind, id: node.id, flows: bare.join(', ') }));
      }
    } else if (node.kind === 'parallelGateway') {
      for (const f of node.outgoing) if (flows[f]?.condition) report(f, say('condition.parallel', { flow: f, id: node.id }));
    }
  }
}

/** For every node, the nodes reachable from it through sequence flows and boundary events. */
function computeReach(nodes: Record<string, FlowNode>, flows: Record<string, { target: string }>): Record<string, string[]> {
  const next = (id: string): string[] => {
    const node = nodes[id];
    if (!node) return [];
    return [...node.outgoing.map((f) => flows[f]?.target).filter((t): t is string => !!t), ...node.boundaries];
  };
  const reach = Object.create(null) as Record<string, string[]>;
  for (const id of Object.keys(nodes)) {
    const seen = new Set<string>();
    const stack = next(id);
    while (stack.length) {
      const current = stack.pop()!;
      if (seen.has(current)) continue;
      seen.add(current);
      stack.push(...next(current));
    }
    reach[id] = [...seen];
  }
  return reach;
}

/**
 * A cycle whose nodes are all pass-through and from which no flow leaves runs for ever: refuse
 * it at deploy. Cycles with a conditional way out are left to the run-time step budget.
 */
function findEndlessLoops(
  nodes: Record<string, FlowNode>,
  flows: Record<string, { target: string }>,
  reach: Record<string, string[]>,
  report: Report,
): void {
  const reported = new Set<string>();
  const reachable = new Map(Object.entries(reach).map(([id, list]) => [id, new Set(list)]));
  for (const node of Object.values(nodes)) {
    if (reported.has(node.id) || !reachable.get(node.id)!.has(node.id)) continue;
    // The strongly connected component of this node: the nodes it reaches that reach it back.
    const component = [node.id, ...reach[node.id]!.filter((other) => other !== node.id && reachable.get(other)!.has(node.id))];
    const members = new Set(component);
    const waits = component.some((id) => WAITS.has(nodes[id]!.kind) || nodes[id]!.boundaries.length > 0);
    const exits = component.some((id) =>
      nodes[id]!.outgoing.some((f) => !members.has(flows[f]!.target)) || nodes[id]!.kind === 'endEvent',
    );
    component.forEach((id) => reported.add(id));
    if (!waits && !exits) {
      report(node.id, say('flow.endless-loop', { path: component.join(' → ') }));
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Each event sub-process has exactly one start event, with a trigger; within one scope no two
 * of them wait for the same message or catch the same error or escalation code (which would
 * win is not decidable from the model).
 */
function checkEventSubProcesses(nodes: Record<string, FlowNode & { start?: string }>, eventStarts: ReadonlyMap<string, string[]>, report: Report): void {
  const seen = new Map<string, string>();
  for (const node of Object.values(nodes)) {
    if (node.kind !== 'eventSubProcess') continue;
    const found = eventStarts.get(node.id) ?? [];
    if (found.length !== 1) {
      report(node.id, say('event-subprocess.start-count', { id: node.id, count: found.length }));
      continue;
    }
    const start = nodes[found[0]!]!;
    const event = start.event;
    if (!event) continue; // its trigger was refused already (several definitions, an unsupported one)
    if (event.type === 'none') {
      report(start.id, say('event-subprocess.no-trigger', { id: start.id, scope: node.id }));
      continue;
    }
    (node as { start?: string }).start = start.id;
    const key =
      event.type === 'message' ? `message '${event.messageName}'` :
      event.type === 'error' ? (event.errorCode === undefined ? 'every error' : `error '${event.errorCode}'`) :
      event.type === 'escalation' ? (event.escalationCode === undefined ? 'every escalation' : `escalation '${event.escalationCode}'`) :
      undefined;
    if (key === undefined) continue;
    const scoped = `${node.scope ?? ''}\u0000${key}`;
    const other = seen.get(scoped);
    if (other) report(node.id, node.scope ? say('event-subprocess.same-trigger', { other, id: node.id, trigger: key, scope: node.scope }) : say('event-subprocess.same-trigger-in-process', { other, id: node.id, trigger: key }));
    else seen.set(scoped, node.id);
  }
}
