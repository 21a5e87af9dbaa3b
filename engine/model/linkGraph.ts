import type { Problem } from '../errors.js';
import type { DraftProcess } from './compileProcess.js';
import { checkEventGateway } from './eventGatewayRules.js';
import { ACTIVITY_KINDS, type Channel, type FlowNode, type ProcessGraph } from './types.js';

/** Nodes where a token comes to rest between engine steps. */
const WAITS = new Set(['userTask', 'receiveTask', 'intermediateCatchEvent', 'subProcess', 'callActivity', 'eventBasedGateway']);

/**
 * Connects flows to nodes and checks the rules that need the whole graph: every flow connected,
 * gateways decidable, start events present, no loop without a wait state or a way out.
 */
export function linkGraph(draft: DraftProcess, problems: Problem[]): ProcessGraph {
  const { nodes, flows } = draft;
  const report = (elementId: string, message: string) => problems.push({ elementId, message });

  for (const flow of Object.values(flows)) {
    const source = nodes[flow.source];
    const target = nodes[flow.target];
    if (!source || !target) {
      const missing = !source ? flow.source : flow.target;
      report(flow.id, `sequence flow ${flow.id} connects to ${missing}, which is not a supported flow node`);
      continue;
    }
    if (source.scope !== target.scope) {
      report(flow.id, `sequence flow ${flow.id} crosses a sub-process boundary (${source.id} → ${target.id})`);
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
      if (!host || !ACTIVITY_KINDS.has(host.kind)) report(node.id, `boundary event ${node.id} must sit on an activity, not on ${node.attachedTo}`);
      else if (host.scope !== node.scope) report(node.id, `boundary event ${node.id} and its activity ${host.id} are in different scopes`);
      else host.boundaries.push(node.id);
      if (node.event?.type === 'timer' && node.event.timer.slaTrigger && !(host?.kind === 'userTask' && host.sla)) {
        report(node.id, `boundary timer ${node.id} is bound to an SLA (ps:slaTrigger) but ${node.attachedTo} is not a user task with a ps:sla`);
      } else if (node.event?.type === 'timer' && node.event.timer.slaTrigger && host?.multiInstance) {
        report(node.id, `boundary timer ${node.id} is bound to an SLA (ps:slaTrigger), and ${node.attachedTo} is multi-instance: each inner task has its own deadline; use a timeDuration on the activity`);
      }
    }
    if (node.event?.type === 'timer' && node.event.timer.slaTrigger && node.kind !== 'boundaryEvent') {
      report(node.id, `ps:slaTrigger belongs on a boundary timer, not on ${node.kind} ${node.id}`);
    }
    if (node.kind === 'startEvent') {
      if (node.incoming.length) report(node.id, `start event ${node.id} cannot have incoming flows`);
      if (node.scope && nodes[node.scope]?.kind === 'eventSubProcess') {
        eventStarts.set(node.scope, [...(eventStarts.get(node.scope) ?? []), node.id]);
      } else if (node.scope) {
        if (node.event?.type !== 'none') report(node.id, `the start event ${node.id} of sub-process ${node.scope} must be a plain (none) start event`);
        subStarts.set(node.scope, [...(subStarts.get(node.scope) ?? []), node.id]);
      } else if (node.event?.type === 'message') {
        if (starts.message[node.event.messageName]) report(node.id, `two start events wait for message '${node.event.messageName}'`);
        starts.message[node.event.messageName] = node.id;
      } else if (node.event?.type === 'signal') {
        if (starts.signal[node.event.signalName]) report(node.id, `two start events wait for signal '${node.event.signalName}' (${starts.signal[node.event.signalName]}, ${node.id})`);
        starts.signal[node.event.signalName] = node.id;
      } else if (node.event?.type === 'timer') {
        starts.timer.push(node.id);
      } else if (node.channel) {
        if (starts.byChannel[node.channel]) report(node.id, `two start events accept the '${node.channel}' channel (${starts.byChannel[node.channel]}, ${node.id})`);
        starts.byChannel[node.channel] = node.id;
      } else {
        if (starts.none) report(node.id, `two plain start events (${starts.none}, ${node.id}): give each a ps:channel or a trigger`);
        starts.none = node.id;
      }
    } else if (node.kind === 'eventSubProcess') {
      if (node.incoming.length || node.outgoing.length) {
        report(node.id, `event sub-process ${node.id} cannot have incoming or outgoing sequence flows: its start event's trigger opens it, and it ends where its own end events are`);
      }
    } else if (node.kind !== 'boundaryEvent' && node.incoming.length === 0) {
      report(node.id, `${node.kind} ${node.id} has no incoming sequence flow`);
    }
    if (node.kind === 'boundaryEvent' && node.incoming.length) report(node.id, `boundary event ${node.id} cannot have incoming flows`);
    if (node.kind !== 'endEvent' && node.kind !== 'eventSubProcess' && node.outgoing.length === 0) {
      report(node.id, `${node.kind} ${node.id} has no outgoing sequence flow (end the path with an end event)`);
    }
    if (node.kind === 'endEvent' && node.outgoing.length) report(node.id, `end event ${node.id} cannot have outgoing flows`);
    checkDecision(node);
    checkEventGateway(node, nodes, flows, report);
  }
  for (const node of Object.values(nodes)) {
    if (node.kind !== 'subProcess') continue;
    const found = subStarts.get(node.id) ?? [];
    if (found.length !== 1) report(node.id, `sub-process ${node.id} needs exactly one plain start event (found ${found.length})`);
    else node.start = found[0]!;
  }
  checkEventSubProcesses(nodes, eventStarts, report);
  if (!starts.none && Object.keys(starts.byChannel).length + Object.keys(starts.message).length + Object.keys(starts.signal).length + starts.timer.length === 0) {
    report(draft.id, `process ${draft.id} has no start event`);
  }
  for (const node of Object.values(nodes)) {
    for (const excluded of node.userTask?.excludeAssigneesOf ?? []) {
      if (nodes[excluded]?.kind !== 'userTask') report(node.id, `ps:excludeAssigneesOf on ${node.id} names ${excluded}, which is not a user task of this process`);
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
      if (!node.outgoing.includes(node.defaultFlow)) report(node.id, `default flow ${node.defaultFlow} of ${node.id} is not one of its outgoing flows`);
      else if (flows[node.defaultFlow]?.condition) report(node.defaultFlow, `default flow ${node.defaultFlow} of ${node.id} cannot carry a condition`);
    }
    if (node.kind === 'exclusiveGateway' || node.kind === 'inclusiveGateway') {
      if (node.outgoing.length < 2) return;
      const bare = node.outgoing.filter((f) => f !== node.defaultFlow && !flows[f]?.condition);
      if (bare.length) {
        report(node.id, `${node.kind} ${node.id} splits, so each outgoing flow needs a FEEL condition or must be the default flow: ${bare.join(', ')} has none`);
      }
    } else if (node.kind === 'parallelGateway') {
      for (const f of node.outgoing) if (flows[f]?.condition) report(f, `sequence flow ${f} leaves parallel gateway ${node.id}, which ignores conditions: remove it`);
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
  report: (id: string, message: string) => void,
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
      report(node.id, `the flow loops for ever through ${component.join(' → ')}: no wait state and no way out`);
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
function checkEventSubProcesses(nodes: Record<string, FlowNode & { start?: string }>, eventStarts: ReadonlyMap<string, string[]>, report: (id: string, message: string) => void): void {
  const seen = new Map<string, string>();
  for (const node of Object.values(nodes)) {
    if (node.kind !== 'eventSubProcess') continue;
    const found = eventStarts.get(node.id) ?? [];
    if (found.length !== 1) {
      report(node.id, `event sub-process ${node.id} needs exactly one start event with a trigger (found ${found.length})`);
      continue;
    }
    const start = nodes[found[0]!]!;
    const event = start.event;
    if (!event) continue; // its trigger was refused already (several definitions, an unsupported one)
    if (event.type === 'none') {
      report(start.id, `start event ${start.id} of event sub-process ${node.id} has no trigger: give it a message, timer, error or escalation event definition`);
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
    if (other) report(node.id, `event sub-processes ${other} and ${node.id} both wait for ${key} in ${node.scope ?? 'the process'}: keep one`);
    else seen.set(scoped, node.id);
  }
}
