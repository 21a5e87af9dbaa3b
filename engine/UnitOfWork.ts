import { newId } from './ids.js';
import { ConflictError } from './errors.js';
import { WriteSet } from './commit/WriteSet.js';
import { newTrackingNumber } from './intake/TrackingNumber.js';
import type { ConditionOutcome } from './model/feel.js';
import type { Channel, ProcessGraph } from './model/types.js';
import { step } from './runtime/step.js';
import type { StepContext } from './runtime/Run.js';
import type { TaskAssigner } from './assignment/TaskAssigner.js';
import { fourEyesExcluded } from './assignment/fourEyes.js';
import type { Effect, RuntimeEvent } from './runtime/events.js';
import type { InstanceState } from './runtime/state.js';
import type { DefinitionRecord, PolicyWrite, TaskRecord } from './records/index.js';
import { withChanges } from './records/withChanges.js';
import type { CommitBatch, Store } from './store/port.js';

export interface UnitDeps {
  readonly store: Store;
  readonly now: Date;
  readonly budget: number;
  readonly definition: (id: string) => Promise<DefinitionRecord>;
  readonly latestDefinition: (key: string) => Promise<DefinitionRecord | undefined>;
  readonly condition?: (expression: string, variables: Readonly<Record<string, unknown>>, now: Date) => ConditionOutcome;
  /** The working-time functions for a graph (SLA deadlines, working-time timers), calendars loaded. */
  readonly workingTime?: (graph: ProcessGraph) => Promise<Pick<StepContext, 'deadline' | 'addWorkingTime'>>;
  /** How long a result waits at the centre before it moves to the archive. */
  readonly resultCollectionMs?: number;
  /** Picks the assignee of a new task (public-service assignment strategies). */
  readonly assigner?: TaskAssigner;
  /** The local date in the agency's zone, for absences. */
  readonly localDate?: (at: Date) => Promise<string>;
  /**
   * Who runs the handler jobs this unit queues, right after its commit: each job is inserted
   * already leased to them for `ms`, so no other node takes it unless that node dies first.
   */
  readonly handlerLease?: { readonly owner: string; readonly ms: number };
}

export interface NewInstance {
  readonly channel?: Channel;
  readonly variables?: Record<string, unknown>;
  readonly applicant?: Record<string, unknown>;
  /** The centre it was taken in (a called process inherits its caller's). */
  readonly centre?: string;
  readonly parent?: { readonly instanceId: string; readonly tokenId: string };
  readonly id?: string;
}

type ParentEvent = Extract<RuntimeEvent, { type: 'childCompleted' | 'childError' | 'childEscalation' }>;

const MAX_CALL_DEPTH = 16;

/** Where an effect was produced: the instance as the step left it, its graph, the call depth, the visits spent. */
interface EffectSite {
  readonly state: InstanceState;
  readonly graph: ProcessGraph;
  readonly depth: number;
  readonly visits: number;
}

/** What performing an effect leads to: another event for the same instance, or one for its caller. */
type FollowUp = { readonly event: RuntimeEvent } | { readonly events: readonly RuntimeEvent[] } | { readonly parent: ParentEvent } | undefined;

function isChildEvent(event: RuntimeEvent): event is ParentEvent {
  return event.type === 'childCompleted' || event.type === 'childError' || event.type === 'childEscalation';
}

/** Whether the token still waits in a call activity (for its child's news). */
function stillCalling(state: InstanceState, tokenId: string): boolean {
  return state.tokens.some((t) => t.id === tokenId && t.wait?.kind === 'callActivity');
}

/** One interpreter per effect type: the table is checked complete by the compiler. */
type EffectTable = { readonly [K in Effect['type']]: (unit: UnitOfWork, site: EffectSite, effect: Extract<Effect, { type: K }>) => Promise<FollowUp> | FollowUp };

/**
 * One engine step, possibly touching several instances (a call activity and its caller): runs
 * the pure steps, interprets their effects through a typed table (tasks, timers, outbox,
 * called instances, handler jobs), and gathers every write into its write set: one atomic
 * commit batch. It runs nothing outside the store: handlers run after the commit, as jobs.
 */
export class UnitOfWork extends WriteSet {
  private readonly instances = new Map<string, { state: InstanceState; expectedVersion: number | null }>();
  private readonly createdTasks = new Map<string, TaskRecord>();
  private readonly taskCloses = new Map<string, Extract<Effect, { type: 'closeTask' }>>();
  /** Tasks the caller already read (the one being completed): no second read to guard them. */
  private readonly knownTasks = new Map<string, TaskRecord>();
  /** Rotation pointers moved by round-robin assignments in this step, by group. */
  private readonly rotations = new Map<string, PolicyWrite>();
  private readonly nowIso: string;
  /** Tokens (`instance/token`) a kept message was delivered to in this unit. */
  private readonly deliveredTo = new Set<string>();
  /** Instances a step changed; loaded ones that no step changed are not rewritten. */
  private readonly changed = new Set<string>();

  constructor(private readonly deps: UnitDeps) {
    super();
    this.nowIso = deps.now.toISOString();
  }

  /** Creates an instance and runs it from the given start event to its first wait states. */
  async startInstance(definition: DefinitionRecord, startId: string, options: NewInstance, depth = 0): Promise<{ state: InstanceState; parentEvents: ParentEvent[] }> {
    const graph = definition.graph;
    const state: InstanceState = {
      id: options.id ?? newId(),
      key: definition.key,
      definitionId: definition.id,
      version: 1,
      status: 'active',
      variables: { ...(options.variables ?? {}) },
      tokens: [],
      incidents: [],
      trackingNumber: newTrackingNumber(),
      startedAt: this.nowIso,
      nextToken: 1,
      ...(options.channel ? { channel: options.channel } : {}),
      ...(graph.serviceCode ? { serviceCode: graph.serviceCode } : {}),
      ...(options.applicant ? { applicant: options.applicant } : {}),
      ...(options.centre ? { centre: options.centre } : {}),
      ...(options.parent ? { parent: options.parent } : {}),
    };
    this.instances.set(state.id, { state, expectedVersion: null });
    return this.advance(state, graph, { type: 'start', startId }, depth);
  }

  /** Loads an instance into this unit (once) and returns its current state here. */
  async load(id: string): Promise<InstanceState | undefined> {
    const held = this.instances.get(id);
    if (held) return held.state;
    const state = await this.deps.store.getInstance(id);
    if (state) this.instances.set(id, { state, expectedVersion: state.version });
    return state;
  }

  /** Feeds an event to an existing instance; its caller is told when it completes or fails. */
  async signal(instanceId: string, event: RuntimeEvent, depth = 0, visits = 0): Promise<InstanceState> {
    const state = await this.load(instanceId);
    if (!state) throw new ConflictError(`instance ${instanceId} no longer exists`, instanceId);
    const graph = (await this.deps.definition(state.definitionId)).graph;
    const { state: next, parentEvents } = await this.advance(state, graph, event, depth, visits);
    for (const parentEvent of parentEvents) await this.signal(next.parent!.instanceId, parentEvent, depth + 1);
    return next;
  }

  /** `visits`: spent already by the engine step this continues (a handler's answer continues the step that reached it). */
  private async advance(state: InstanceState, graph: ProcessGraph, event: RuntimeEvent, depth: number, spent = 0): Promise<{ state: InstanceState; parentEvents: ParentEvent[] }> {
    if (depth > MAX_CALL_DEPTH) throw new ConflictError(`call activities nest deeper than ${MAX_CALL_DEPTH} levels at instance ${state.id}`);
    const parentEvents: ParentEvent[] = [];
    const queue: RuntimeEvent[] = [event];
    let visits = spent;
    let current = state;
    const time = (await this.deps.workingTime?.(graph)) ?? {};
    while (queue.length) {
      const next = queue.shift()!;
      // A called process's news for a call activity an earlier event of this unit cancelled (an
      // interrupting escalation boundary, say): the caller no longer waits for it.
      if (isChildEvent(next) && !stillCalling(current, next.tokenId)) continue;
      const result = step(current, next, {
        graph,
        now: this.deps.now,
        newId,
        budget: this.deps.budget,
        visits,
        ...(this.deps.condition ? { condition: this.deps.condition } : {}),
        ...time,
        ...(this.deps.resultCollectionMs ? { resultCollectionMs: this.deps.resultCollectionMs } : {}),
      });
      visits = result.visits;
      current = result.state;
      this.instances.get(current.id)!.state = current;
      this.changed.add(current.id);
      this.history(...result.history);
      const site: EffectSite = { state: current, graph, depth, visits };
      for (const effect of result.effects) {
        const followUp = await this.perform(site, effect);
        if (followUp && 'parent' in followUp) parentEvents.push(followUp.parent);
        else if (followUp && 'events' in followUp) queue.push(...followUp.events);
        else if (followUp) queue.push(followUp.event);
      }
    }
    return { state: current, parentEvents };
  }

  private perform(site: EffectSite, effect: Effect): Promise<FollowUp> | FollowUp {
    return (UnitOfWork.effects[effect.type] as (unit: UnitOfWork, site: EffectSite, effect: Effect) => Promise<FollowUp> | FollowUp)(this, site, effect);
  }

  /**
   * Built once for the class, not per unit: as instance fields these closures were made again
   * for every unit of work (two per completed user task), each one named by tsx's keepNames
   * as it was made.
   */
  private static readonly effects: EffectTable = {
    createTask: async (unit, { state, graph }, effect) => {
      const task = unit.newTask(state, graph, effect);
      unit.createdTasks.set(effect.taskId, task);
      unit.audit({
        at: unit.nowIso,
        actor: 'engine',
        action: 'task.create',
        subject: task.id,
        data: { instanceId: state.id, elementId: task.elementId, group: task.candidateGroup ?? null, office: task.office ?? null, dueAt: task.dueAt ?? null },
      });
      await unit.assign(task, state, graph);
      return undefined;
    },
    closeTask: (unit, _site, effect) => {
      unit.taskCloses.set(effect.taskId, effect);
      return undefined;
    },
    scheduleTimer: (unit, { state }, effect) => {
      unit.insertJob({
        id: effect.jobId,
        type: 'timer',
        dueAt: effect.dueAt,
        instanceId: state.id,
        tokenId: effect.tokenId,
        elementId: effect.elementId,
        payload: {
          ...(effect.boundaryId ? { boundaryId: effect.boundaryId } : {}),
          ...(effect.remaining === undefined ? {} : { remaining: effect.remaining }),
          ...(effect.cycle === undefined ? {} : { cycle: effect.cycle }),
        },
        attempts: 0,
      });
      return undefined;
    },
    cancelJob: (unit, _site, effect) => {
      unit.deleteJob(effect.jobId);
      return undefined;
    },
    notify: (unit, { state }, effect) => {
      unit.notify({
        id: newId(),
        instanceId: state.id,
        at: unit.nowIso,
        elementId: effect.elementId,
        messageName: effect.messageName,
        trackingNumber: state.trackingNumber,
        payload: effect.payload,
        ...(effect.kind ? { kind: effect.kind } : {}),
      });
      return undefined;
    },
    // The handler runs after this unit commits, as a job (engine/jobs/HandlerJobs.ts): a commit
    // that loses a race and is retried never runs it twice.
    invokeHandler: (unit, { state, visits }, effect) => {
      const lease = unit.deps.handlerLease;
      unit.insertJob({
        id: newId(),
        type: 'continuation',
        dueAt: unit.nowIso,
        ...(lease ? { lockOwner: lease.owner, lockedUntil: new Date(unit.deps.now.getTime() + lease.ms).toISOString() } : {}),
        instanceId: state.id,
        tokenId: effect.tokenId,
        elementId: effect.elementId,
        payload: { handler: effect.handler, visits },
        attempts: 0,
      });
      return undefined;
    },
    // Broadcast after this unit commits, as a job (engine/jobs/SignalJobs.ts): one instance's
    // step never writes the many instances a signal may reach. Not tied to the instance (its
    // cancellation does not take the signal back); the thrower is named in the payload.
    throwSignal: (unit, { state }, effect) => {
      unit.insertJob({
        id: newId(),
        type: 'signal',
        dueAt: unit.nowIso,
        elementId: effect.elementId,
        payload: { signalName: effect.signalName, instanceId: state.id },
        attempts: 0,
      });
      return undefined;
    },
    // A message kept for this instance (correlate with a ttl) is delivered as the catch is
    // entered, and consumed in this unit's commit (guarded: never twice).
    // A token gets one at most: the catches of an event-based gateway share its token, and the
    // first delivered wins (a second would find the token gone).
    awaitMessage: async (unit, { state }, effect) => {
      const waiter = `${state.id}/${effect.tokenId}`;
      if (unit.deliveredTo.has(waiter)) return undefined;
      const kept = await unit.deps.store.keptMessages({ instanceId: state.id, name: effect.messageName, now: unit.nowIso });
      const message = kept.find((m) => !unit.consumes(m.id));
      if (!message) return undefined;
      unit.deliveredTo.add(waiter);
      unit.consumeMessage(message.id);
      unit.audit({ at: unit.nowIso, actor: message.by, action: 'message.correlate', subject: state.id, data: { messageName: message.name, keptSince: message.publishedAt } });
      return { event: { type: 'message', tokenId: effect.tokenId, messageName: message.name, variables: message.variables, ...(effect.boundaryId ? { boundaryId: effect.boundaryId } : {}) } };
    },
    startChild: (unit, { state, depth }, effect) => unit.startChild(state, effect, depth),
    cancelChild: async (unit, { depth }, effect) => {
      if (await unit.load(effect.childId)) await unit.signal(effect.childId, { type: 'terminate', reason: 'its call activity was cancelled' }, depth + 1);
      return undefined;
    },
    notifyParent: (unit, { state }, effect) => {
      const tokenId = state.parent!.tokenId;
      const { outcome } = effect;
      switch (outcome.kind) {
        case 'completed':
          return { parent: { type: 'childCompleted', tokenId, variables: outcome.variables } };
        case 'error':
          return { parent: { type: 'childError', tokenId, errorCode: outcome.errorCode, message: outcome.message } };
        case 'escalation':
          return { parent: { type: 'childEscalation', tokenId, escalationCode: outcome.escalationCode } };
      }
    },
  };

  private async startChild(state: InstanceState, effect: Extract<Effect, { type: 'startChild' }>, depth: number): Promise<FollowUp> {
    const failed = (message: string): { event: RuntimeEvent } => ({ event: { type: 'childFailed', tokenId: effect.tokenId, message } });
    const definition = await this.deps.latestDefinition(effect.calledElement);
    if (!definition) return failed(`call activity ${effect.elementId}: no process '${effect.calledElement}' is deployed`);
    const startId = definition.graph.starts.none;
    if (!startId) return failed(`call activity ${effect.elementId}: process '${effect.calledElement}' has no plain start event`);
    const child = await this.startInstance(definition, startId, { id: effect.childId, variables: effect.variables, ...(state.centre ? { centre: state.centre } : {}), parent: { instanceId: state.id, tokenId: effect.tokenId } }, depth + 1);
    // A called process that escalated or ran to its end within this step answers its caller at once, in order.
    return child.parentEvents.length ? { events: child.parentEvents } : undefined;
  }

  /** Applies the task's assignment strategy; the draw is audited with its candidate pool. */
  private async assign(task: TaskRecord, state: InstanceState, graph: ProcessGraph): Promise<void> {
    const written = graph.nodes[task.elementId]?.userTask;
    // The task's own group: a FEEL ps:candidateGroup was evaluated when it was created.
    const spec = written && task.candidateGroup ? { ...written, candidateGroup: task.candidateGroup } : written;
    if (!spec || spec.assignment === 'claim' || !spec.candidateGroup || !this.deps.assigner || !this.deps.localDate) return;
    const excluded = spec.excludeAssigneesOf.length ? fourEyesExcluded(spec, await this.tasksOf(state.id)) : [];
    const outcome = await this.deps.assigner.assign({
      taskId: task.id,
      instanceId: state.id,
      elementId: task.elementId,
      spec,
      at: this.nowIso,
      localDate: await this.deps.localDate(this.deps.now),
      excluded,
      rotations: this.rotations,
      ...(state.centre ? { centre: state.centre } : {}),
    });
    task.assignee = outcome.assignee;
    if (outcome.attention) task.attention = outcome.attention;
    if (outcome.audit) this.audit(outcome.audit);
  }

  /** The tasks of an instance as they will be after this unit: stored ones and those created here. */
  private async tasksOf(instanceId: string): Promise<TaskRecord[]> {
    const stored = await this.deps.store.findTasks({ instanceId, state: 'any' });
    return [...stored.filter((t) => !this.createdTasks.has(t.id)), ...this.createdTasks.values()].filter((t) => t.instanceId === instanceId);
  }

  private newTask(state: InstanceState, graph: ProcessGraph, effect: Extract<Effect, { type: 'createTask' }>): TaskRecord {
    const node = graph.nodes[effect.elementId]!;
    const spec = node.userTask;
    return {
      id: effect.taskId,
      instanceId: state.id,
      tokenId: effect.tokenId,
      key: state.key,
      definitionId: state.definitionId,
      elementId: node.id,
      ...(node.name ? { name: node.name } : {}),
      trackingNumber: state.trackingNumber,
      ...(state.serviceCode ? { serviceCode: state.serviceCode } : {}),
      ...(spec?.office ? { office: spec.office } : {}),
      ...(effect.candidateGroup || spec?.candidateGroup ? { candidateGroup: effect.candidateGroup ?? spec!.candidateGroup! } : {}),
      ...(spec ? { assignment: spec.assignment } : {}),
      ...(state.centre ? { centre: state.centre } : {}),
      assignee: null,
      state: 'open',
      createdAt: this.nowIso,
      ...(effect.dueAt ? { dueAt: effect.dueAt, warnAt: effect.warnAt!, atRisk: false, overdue: false } : {}),
      version: 1,
    };
  }

  /**
   * An instance as a commit just left it (a handler's answer continues the step that reached
   * it): stepped without reading it again; the commit is still guarded by its version.
   */
  rememberInstance(state: InstanceState): void {
    if (!this.instances.has(state.id)) this.instances.set(state.id, { state, expectedVersion: state.version });
  }

  /** A task as the caller read it; the commit is still guarded by its version. */
  rememberTask(task: TaskRecord): void {
    this.knownTasks.set(task.id, task);
  }

  /** The tasks this unit created, as they will be stored. */
  tasksCreated(): TaskRecord[] {
    return [...this.createdTasks.values()];
  }

  instanceState(id: string): InstanceState | undefined {
    return this.instances.get(id)?.state;
  }

  /** Rewrites a loaded instance (its version moves) although no step changed it: a write that must serialise with steps. */
  touch(id: string): void {
    if (this.instances.has(id)) this.changed.add(id);
  }

  /** The instances this unit changed, as it leaves them. */
  changedInstances(): InstanceState[] {
    return [...this.changed].map((id) => this.instances.get(id)!.state);
  }

  /** Gathers everything into one batch; reads the tasks it closes to guard them by version. */
  override async toBatch(): Promise<CommitBatch> {
    const taskUpdates: { record: TaskRecord; expectedVersion: number }[] = [];
    for (const close of this.taskCloses.values()) {
      const closed = {
        state: close.state,
        completedAt: this.nowIso,
        ...(close.by ? { completedBy: close.by } : {}),
        ...(close.outcome === undefined ? {} : { outcome: close.outcome }),
      };
      const inserted = this.createdTasks.get(close.taskId);
      if (inserted) {
        Object.assign(inserted, closed);
        continue;
      }
      const stored = this.knownTasks.get(close.taskId) ?? (await this.deps.store.getTask(close.taskId));
      if (!stored || stored.state !== 'open') {
        if (close.state === 'completed') throw new ConflictError(`task ${close.taskId} is no longer open`, close.taskId);
        continue;
      }
      taskUpdates.push({ record: withChanges(stored, closed, { version: stored.version + 1 }), expectedVersion: stored.version });
    }
    const instanceInserts: InstanceState[] = [];
    const instanceUpdates: { record: InstanceState; expectedVersion: number }[] = [];
    for (const held of this.instances.values()) {
      const { state, expectedVersion } = held;
      if (expectedVersion === null) instanceInserts.push(state);
      else if (this.changed.has(state.id)) {
        const record = { ...state, version: expectedVersion + 1 };
        instanceUpdates.push({ record, expectedVersion });
        // What instanceState and changedInstances answer from now on: the record as committed,
        // its version included (a command's answer showed the version before its own commit).
        held.state = record;
      }
    }
    for (const rotation of this.rotations.values()) this.writePolicy(rotation);
    return this.batch({ instanceInserts, instanceUpdates, taskInserts: [...this.createdTasks.values()], taskUpdates });
  }
}
