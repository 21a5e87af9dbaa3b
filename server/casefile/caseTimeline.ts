import {
  BACK_OFFICE_IDENTITY_VARIABLES,
  FRONT_OFFICE_IDENTITY_VARIABLES,
  viewpointOf,
  type AuditEntry,
  type Engine,
  type HistoryEntry,
  type ProcessGraph,
  type TaskRecord,
  type Viewpoint,
} from '../../engine/index.js';
import type { ActingUser } from '../AppContext.js';
import { decisionDetails } from './decisionFields.js';

/** Whose side of the file did something: the timeline names them only to whom that side is visible. */
export type Side = 'front' | 'back' | 'supervisor' | 'system';

export interface TimelineEntry {
  readonly at: string;
  /**
   * What happened: received, taskOpened, claim, unclaim, reassign, taskCompleted, taskCancelled,
   * step, waiting, message, timer, sla, comment, transfer, completed, terminated; or an event
   * another part of the case file records (documents, attachment, extension, withdrawal…).
   */
  readonly kind: string;
  readonly elementId?: string;
  /** The element's or task's name in the model. */
  readonly name?: string;
  readonly taskId?: string;
  readonly side: Side;
  /** Who, when the viewer may know (redaction as for tasks): absent otherwise. */
  readonly actor?: { readonly id: string; readonly name?: string };
  readonly details: Record<string, unknown>;
}

/** Steps worth a line: work done by the system between the people's tasks. */
const STEP_KINDS = new Set(['serviceTask', 'sendTask', 'task', 'manualTask', 'scriptTask', 'businessRuleTask', 'intermediateThrowEvent', 'endEvent']);
const WAIT_KINDS = new Set(['receiveTask', 'intermediateCatchEvent']);
const ENGINE_EVENTS = new Set(['start', 'enter', 'leave', 'cancel', 'take', 'incident', 'end', 'terminate', 'error', 'message', 'timer', 'sla', 'comment', 'unclaim']);
/** Data keys that name a person, in events the timeline shows generically. */
const PERSON_KEYS = new Set<string>(['by', 'actor', 'from', 'to', 'user', 'userId', ...FRONT_OFFICE_IDENTITY_VARIABLES, ...BACK_OFFICE_IDENTITY_VARIABLES]);

/**
 * An application's case file as one list, oldest first: from the instance history (steps,
 * waits, comments, the SLA clock, events other parts record) and the audit trail (intake,
 * claims, reassignments, decisions with their grounds, transfers). Names are shown by the same
 * rules as tasks (engine/assignment/redact.ts): the counter never learns who reviews the file,
 * the reviewer never learns which clerk took it in, supervisors' names only to supervisors
 * and auditors, and an actor of an unknown side only to them too.
 */
export async function caseTimeline(engine: Engine, user: ActingUser, instanceId: string): Promise<TimelineEntry[]> {
  const instance = await engine.instance(instanceId);
  const graph = (await engine.definition(instance.key, Number(instance.definitionId.split(':').pop()))).graph;
  const [history, trail, tasks] = await Promise.all([
    engine.history(instanceId),
    engine.audit({ subject: instanceId, limit: 1000 }),
    engine.tasks({ instanceId, state: 'any', limit: 1000 }),
  ]);
  const taskTrails = await Promise.all(tasks.map((t) => engine.audit({ subject: t.id, limit: 200 })));
  const viewpoint = viewpointOf(user.roles);
  const names = new Map<string, string | undefined>();
  const nameOf = async (id: string) => {
    if (!names.has(id)) names.set(id, (await engine.directory.findUser(id))?.name);
    return names.get(id);
  };
  const visible = (side: Side) => sees(viewpoint, side);
  const actor = async (id: unknown, side: Side) => {
    if (typeof id !== 'string' || id === 'system' || id === 'timer' || !visible(side)) return {};
    const name = await nameOf(id);
    return { actor: name ? { id, name } : { id } };
  };

  const entries: Pending[] = [];
  for (const entry of trail) {
    if (entry.action === 'instance.start') {
      // The start's commit writes the first task's entry before its own: the intake comes first.
      entries.push({ at: entry.at, seq: -1, kind: 'received', side: 'front', ...(await actor(entry.actor, 'front')), details: instance.channel ? { channel: instance.channel } : {} });
    } else if (entry.action === 'application.transfer') {
      const data = entry.data ?? {};
      entries.push({ at: entry.at, seq: entry.seq, kind: 'transfer', side: 'front', ...(await actor(entry.actor, 'front')), details: { from: data.from ?? null, to: data.to, reason: data.reason } });
    }
  }
  tasks.forEach((task, i) => entries.push(...taskEntries(task, taskTrails[i] ?? [])));
  // History entries carry no audit seq: a comment or unclaim takes its audit twin's, in the same order.
  const twins = {
    comment: trail.filter((e) => e.action === 'application.comment').map((e) => e.seq),
    unclaim: taskTrails.flat().filter((e) => e.action === 'task.unclaim').sort((a, b) => a.seq - b.seq).map((e) => e.seq),
  };
  for (const h of history) {
    const line = historyEntry(h, graph, tasks);
    if (!line) continue;
    const seq = h.event === 'comment' ? twins.comment.shift() : h.event === 'unclaim' ? twins.unclaim.shift() : undefined;
    entries.push(seq === undefined ? line : { ...line, seq });
  }

  // In the audit trail's order (the order of the commits); an entry with no audit twin (a step, the SLA
  // clock, another part's event) after the last audited entry at or before its time.
  // A completion's commit audits the tasks its step opened before the completion itself: the completion goes first.
  const actions = new Map([...trail, ...taskTrails.flat()].map((e) => [e.seq, e.action]));
  const completionKey = (seq: number) => {
    let first = seq;
    while (['task.create', 'task.assign'].includes(actions.get(first - 1) ?? '')) first -= 1;
    return first === seq ? seq : first - 0.25;
  };
  const keyed = entries.map((line, index) => {
    if (line.seq !== undefined) return { line, index, key: line.kind === 'taskCompleted' ? completionKey(line.seq) : line.seq };
    const before = entries.filter((e) => e.seq !== undefined && e.at <= line.at).map((e) => e.seq!);
    return { line, index, key: (before.length ? Math.max(...before) : -1) + 0.5 };
  });
  const ordered = keyed.sort((a, b) => a.key - b.key || a.index - b.index);
  const shown: TimelineEntry[] = [];
  for (const { line: { actorId, seq: _seq, ...line } } of ordered) {
    shown.push(actorId === undefined ? line : { ...line, ...(await actor(actorId, line.side)) });
  }
  return shown.map((line) => redactDetails(line, viewpoint));
}

function sees(viewpoint: Viewpoint, side: Side): boolean {
  if (side === 'front') return viewpoint.frontOffice;
  if (side === 'back') return viewpoint.backOffice;
  if (side === 'system') return true;
  return viewpoint.frontOffice && viewpoint.backOffice;
}

function sideOf(task: TaskRecord): Side {
  return task.office === 'front' ? 'front' : task.office === 'back' ? 'back' : 'supervisor';
}

type Pending = TimelineEntry & { actorId?: unknown; seq?: number };

function taskEntries(task: TaskRecord, trail: readonly AuditEntry[]): Pending[] {
  const side = sideOf(task);
  const base = { elementId: task.elementId, ...(task.name ? { name: task.name } : {}), taskId: task.id };
  const created = trail.find((e) => e.action === 'task.create');
  const out: Pending[] = [
    { at: task.createdAt, ...(created ? { seq: created.seq } : {}), kind: 'taskOpened', ...base, side: 'system', details: { office: task.office ?? null, ...(task.candidateGroup ? { group: task.candidateGroup } : {}) } },
  ];
  for (const entry of trail) {
    const data = entry.data ?? {};
    const seq = entry.seq;
    // The draw: the clerk learns the file was drawn, not for whom.
    if (entry.action === 'task.assign' && typeof data.pick === 'string') out.push({ at: entry.at, seq, kind: 'assigned', ...base, side, actorId: data.pick, details: { strategy: data.strategy ?? task.assignment ?? null } });
    else if (entry.action === 'task.claim') out.push({ at: entry.at, seq, kind: 'claim', ...base, side, actorId: entry.actor, details: {} });
    else if (entry.action === 'task.reassign') {
      out.push({ at: entry.at, seq, kind: 'reassign', ...base, side: 'supervisor', actorId: entry.actor, details: { mode: data.mode, reason: data.reason, from: data.from ?? null, to: data.to, holderSide: side } });
    } else if (entry.action === 'task.complete') {
      out.push({ at: entry.at, seq, kind: 'taskCompleted', ...base, side, actorId: entry.actor, details: { outcome: data.outcome ?? null, ...decisionDetails(data.variables) } });
    }
  }
  if (task.state === 'cancelled') out.push({ at: task.completedAt ?? task.createdAt, kind: 'taskCancelled', ...base, side: 'system', details: {} });
  return out;
}

function historyEntry(h: HistoryEntry, graph: ProcessGraph, tasks: readonly TaskRecord[]): Pending | undefined {
  const node = Object.hasOwn(graph.nodes, h.elementId) ? graph.nodes[h.elementId] : undefined;
  const named = node?.name ? { elementId: h.elementId, name: node.name } : { elementId: h.elementId };
  const data = h.data ?? {};
  switch (h.event) {
    case 'leave':
      return node && STEP_KINDS.has(node.kind) && node.name ? { at: h.at, kind: 'step', ...named, side: 'system', details: {} } : undefined;
    case 'enter':
      return node && WAIT_KINDS.has(node.kind) && node.name ? { at: h.at, kind: 'waiting', ...named, side: 'system', details: {} } : undefined;
    case 'message':
      return { at: h.at, kind: 'message', ...named, side: 'system', details: { messageName: data.messageName } };
    case 'timer':
      return node?.name ? { at: h.at, kind: 'timer', ...named, side: 'system', details: data.archived ? { archived: true } : {} } : undefined;
    case 'sla':
      return { at: h.at, kind: 'sla', side: 'system', details: { change: data.change, ...(data.dueAt ? { dueAt: data.dueAt } : {}), ...(data.until ? { until: data.until } : {}), ...(data.days ? { days: data.days } : {}), ...(data.reason ? { reason: data.reason } : {}) } };
    case 'comment': {
      const side: Side = data.office === 'front' ? 'front' : data.office === 'back' ? 'back' : 'supervisor';
      return { at: h.at, kind: 'comment', side, actorId: data.by, details: { text: data.text } };
    }
    case 'unclaim': {
      const task = tasks.find((t) => t.id === data.taskId);
      const side = task ? sideOf(task) : 'supervisor';
      const self = data.by === data.from;
      return {
        at: h.at,
        kind: 'unclaim',
        ...named,
        ...(task ? { taskId: task.id, ...(task.name ? { name: task.name } : {}) } : {}),
        side: self ? side : 'supervisor',
        actorId: data.by,
        details: { ...(data.reason ? { reason: data.reason } : {}), bySupervisor: !self },
      };
    }
    case 'end':
      return h.elementId === graph.id ? { at: h.at, kind: 'completed', side: 'system', details: {} } : undefined;
    case 'terminate':
      return h.elementId === graph.id ? { at: h.at, kind: 'terminated', side: 'system', details: data.reason ? { reason: data.reason } : {} } : undefined;
    default:
      if (ENGINE_EVENTS.has(h.event)) return undefined;
      // An event another part of the case file records (documents brought, an attachment, an extension, a withdrawal): shown from its data.
      return { at: h.at, kind: h.event, ...named, side: 'supervisor', actorId: data.by, details: data };
  }
}

/** Person-naming details (a reassignment's from / to, a generic event's people) only to whom that side is visible. */
function redactDetails(line: TimelineEntry, viewpoint: Viewpoint): TimelineEntry {
  if (line.kind === 'reassign') {
    const holderSide = line.details.holderSide as Side;
    if (sees(viewpoint, holderSide)) return line;
    const { from: _f, to: _t, ...rest } = line.details;
    return { ...line, details: rest };
  }
  if (ENGINE_EVENTS.has(line.kind) || sees(viewpoint, 'supervisor')) return line;
  const known = new Set(['assigned', 'received', 'transfer', 'taskOpened', 'claim', 'taskCompleted', 'taskCancelled', 'step', 'waiting', 'completed', 'terminated']);
  if (known.has(line.kind)) return line;
  return { ...line, details: Object.fromEntries(Object.entries(line.details).filter(([key]) => !PERSON_KEYS.has(key))) };
}
