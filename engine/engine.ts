import type {
  Receipt,
  CompleteOptions,
  CorrelateOptions,
  CorrelateResult,
  DeployResult,
  Engine,
  InstanceView,
  ServiceHandler,
  StartOptions,
  StartResult,
  TaskFilter,
} from './api.js';
import { systemClock, type Clock } from './clock.js';
import { ConflictError, InvalidArgumentError, NotFoundError } from './errors.js';
import { handlerRegistry, registerInto } from './handlers.js';
import { JobExecutor } from './jobs/JobExecutor.js';
import { compileDefinitions } from './model/compileDefinitions.js';
import { ConditionCache } from './model/ConditionCache.js';
import { firstFiring, nextFiring } from './model/TimerExpression.js';
import { CHANNELS, type ProcessGraph } from './model/types.js';
import type { RuntimeEvent } from './runtime/events.js';
import type { InstanceState } from './runtime/state.js';
import type { DefinitionRecord, JobRecord, Store, TaskRecord } from './store/port.js';
import { UnitOfWork } from './UnitOfWork.js';
import { PolicyDocuments } from './PolicyDocuments.js';
import { CalendarRegistry } from './calendars/CalendarRegistry.js';
import { RoutingPolicy } from './routing/RoutingPolicy.js';
import { Directory } from './assignment/Directory.js';
import { TaskAssigner } from './assignment/TaskAssigner.js';
import { addWorkingTime, computeDeadline, localDateOf, type WorkingCalendar } from './sla/index.js';
import type { StepContext } from './runtime/Run.js';
import { SlaSweep } from './SlaSweep.js';
import { SweepSchedule } from './jobs/SweepSchedule.js';
import type { Problem } from './errors.js';
import { DefinitionError } from './errors.js';
import { newId } from './ids.js';

export interface EngineOptions {
  readonly store: Store;
  /** Defaults to the system clock; tests pass `manualClock()`. */
  readonly clock?: Clock;
  /** Uniform [0, 1) source for assignment draws; defaults to a cryptographic one. */
  readonly random?: () => number;
  /** Service-task handlers by `ps:handler` name, added to the built-in ones. */
  readonly handlers?: Readonly<Record<string, ServiceHandler>>;
  /** Elements one step may visit before the token becomes an incident (an endless loop). */
  readonly stepBudget?: number;
  /** Days a result waits at the centre before it moves to the archive (default 30; 0: never). */
  readonly resultCollectionDays?: number;
  /** Background job polling (timers). Off by default: call `runDueJobs()`; the server turns it on. */
  readonly jobs?: {
    readonly poll?: boolean;
    readonly intervalMs?: number;
    readonly leaseMs?: number;
    /** Run the SLA sweep at start-up and on this cron pattern (`'* * * * *'`: every minute). */
    readonly slaSweep?: string;
  };
}

const MAX_RETRIES = 5;

/** Creates an engine on a store: the one door other layers use. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const engine = new TerezeEngine(options);
  await options.store.init();
  if (options.jobs?.poll) engine.startPolling(options.jobs.intervalMs ?? 1_000);
  if (options.jobs?.slaSweep) engine.startSweeping(options.jobs.slaSweep);
  return engine;
}

class TerezeEngine implements Engine {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly handlers;
  private readonly budget: number;
  private readonly executor: JobExecutor;
  private readonly byId = new Map<string, DefinitionRecord>();
  private readonly latest = new Map<string, { record: DefinitionRecord; at: number }>();
  private readonly conditions = new ConditionCache();
  private readonly documents: PolicyDocuments;
  readonly calendars: CalendarRegistry;
  readonly routing: RoutingPolicy;
  readonly directory: Directory;
  private readonly assigner: TaskAssigner;
  private readonly sweep: SlaSweep;
  private readonly resultCollectionMs: number;
  private readonly sweepSchedule = new SweepSchedule(() => this.sweep.run());
  private closed = false;

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.handlers = handlerRegistry(options.handlers);
    this.budget = options.stepBudget ?? 1_000;
    const now = () => this.clock.now();
    this.documents = new PolicyDocuments(this.store, now);
    this.calendars = new CalendarRegistry(this.documents);
    this.routing = new RoutingPolicy(this.documents, now);
    this.directory = new Directory(this.documents, now);
    this.assigner = new TaskAssigner(this.directory, this.store, options.random);
    this.sweep = new SlaSweep(this.store, now);
    const days = options.resultCollectionDays ?? 30;
    if (!(Number.isInteger(days) && days >= 0)) throw new InvalidArgumentError('resultCollectionDays', `${days} is not a whole number of days`);
    this.resultCollectionMs = days * 86_400_000;
    this.executor = new JobExecutor({
      store: this.store,
      clock: this.clock,
      fire: (job, owner) => this.fireJob(job, owner),
      ...(options.jobs?.leaseMs ? { leaseMs: options.jobs.leaseMs } : {}),
    });
  }

  startPolling(intervalMs: number): void {
    this.executor.start(intervalMs);
  }

  startSweeping(pattern: string): void {
    this.sweepSchedule.start(pattern);
  }

  registerHandler(name: string, handler: ServiceHandler): void {
    registerInto(this.handlers, name, handler);
  }

  // ---- definitions -------------------------------------------------------------------------

  async deploy(xml: string, options: { by?: string } = {}): Promise<DeployResult> {
    if (typeof xml !== 'string') throw new InvalidArgumentError('xml', 'the model must be BPMN XML text');
    const compiled = await compileDefinitions(xml, { handlers: new Set(this.handlers.keys()) });
    await this.checkCalendars(compiled.processes);
    for (let attempt = 0; ; attempt++) {
      const unit = this.unit();
      const processes: { key: string; version: number; id: string; created: boolean }[] = [];
      for (const graph of compiled.processes) {
        const existing = await this.store.findDefinitionByHash(graph.id, compiled.hash);
        if (existing) {
          processes.push({ key: existing.key, version: existing.version, id: existing.id, created: false });
          continue;
        }
        const previous = await this.store.latestDefinition(graph.id);
        const version = (previous?.version ?? 0) + 1;
        const record: DefinitionRecord = {
          id: `${graph.id}:${version}`,
          key: graph.id,
          version,
          hash: compiled.hash,
          xml,
          ...(graph.name ? { name: graph.name } : {}),
          ...(graph.serviceCode ? { serviceCode: graph.serviceCode } : {}),
          deployedAt: this.clock.now().toISOString(),
          ...(options.by ? { deployedBy: options.by } : {}),
          graph,
        };
        unit.definitions.push(record);
        unit.extraJobs.push(...this.startTimerJobs(record));
        // A new version replaces the timer start events of the one before.
        if (previous) for (const job of await this.store.listJobs({ definitionId: previous.id })) unit.dropJob(job.id);
        unit.audit.push({ at: this.nowIso(), actor: options.by ?? 'system', action: 'definition.deploy', subject: record.id, data: { key: record.key, version, hash: compiled.hash } });
        processes.push({ key: record.key, version, id: record.id, created: true });
      }
      try {
        if (unit.definitions.length) await this.store.commit(await unit.toBatch());
      } catch (error) {
        if (error instanceof ConflictError && attempt < MAX_RETRIES) continue; // another deploy took the version
        throw error;
      }
      for (const record of unit.definitions) this.remember(record);
      const main = processes[0]!;
      return { ...main, warnings: compiled.warnings, processes };
    }
  }

  /** Every `ps:sla` must name a calendar that exists (built in, or put by a coordinator). */
  private async checkCalendars(graphs: readonly ProcessGraph[]): Promise<void> {
    const problems: Problem[] = [];
    for (const graph of graphs) {
      const uses: Array<[string, string]> = [];
      if (graph.sla) uses.push([graph.id, graph.sla.calendar]);
      for (const node of Object.values(graph.nodes)) {
        if (node.sla) uses.push([node.id, node.sla.calendar]);
        if (node.event?.type === 'timer' && node.event.timer.calendar) uses.push([node.id, node.event.timer.calendar]);
      }
      for (const [elementId, calendar] of uses) {
        if (!(await this.calendars.find(calendar))) problems.push({ elementId, message: `${elementId} names calendar '${calendar}', which does not exist (known: ${(await this.calendars.list()).join(', ')})` });
      }
    }
    if (problems.length) throw new DefinitionError(problems);
  }

  async definitions(key?: string): Promise<DefinitionRecord[]> {
    return this.store.listDefinitions(key);
  }

  async definition(key: string, version?: number): Promise<DefinitionRecord> {
    const record = version === undefined ? await this.latestDefinition(key, true) : await this.definitionById(`${key}:${version}`).catch(() => undefined);
    if (!record) throw new NotFoundError('definition', version === undefined ? key : `${key}:${version}`);
    return record;
  }

  private async definitionById(id: string): Promise<DefinitionRecord> {
    const cached = this.byId.get(id);
    if (cached) return cached;
    const record = await this.store.getDefinition(id);
    if (!record) throw new NotFoundError('definition', id);
    this.byId.set(id, record);
    return record;
  }

  /** The latest version of a key, cached for a second (another server's deploy shows within 1 s). */
  private async latestDefinition(key: string, fresh = false): Promise<DefinitionRecord | undefined> {
    const cached = this.latest.get(key);
    if (cached && !fresh && Date.now() - cached.at < 1_000) return cached.record;
    const record = await this.store.latestDefinition(key);
    if (record) this.remember(record);
    return record;
  }

  private remember(record: DefinitionRecord): void {
    const known = this.byId.get(record.id) ?? record;
    this.byId.set(record.id, known);
    const current = this.latest.get(record.key);
    if (!current || current.record.version <= record.version) this.latest.set(record.key, { record: known, at: Date.now() });
  }

  private startTimerJobs(record: DefinitionRecord): JobRecord[] {
    return record.graph.starts.timer.map((elementId) => {
      const event = record.graph.nodes[elementId]!.event;
      const firing = firstFiring((event as { timer: Parameters<typeof firstFiring>[0] }).timer, this.clock.now());
      return {
        id: newId(),
        type: 'startTimer',
        dueAt: firing.dueAt.toISOString(),
        definitionId: record.id,
        elementId,
        payload: firing.remaining === undefined ? {} : { remaining: firing.remaining },
        attempts: 0,
      };
    });
  }

  // ---- instances ---------------------------------------------------------------------------

  async start(key: string, options: StartOptions = {}): Promise<StartResult> {
    const definition = await this.latestDefinition(key);
    if (!definition) throw new NotFoundError('process', key);
    if (options.channel !== undefined && !(CHANNELS as readonly string[]).includes(options.channel)) {
      throw new InvalidArgumentError('channel', `'${String(options.channel)}' is not a channel (${CHANNELS.join(', ')})`);
    }
    const startId = chooseStart(definition.graph, options.channel);
    const variables = plainObject(options.variables, 'variables');
    await this.routing.check(definition.graph.serviceCode, options.channel, this.clock.now(), options.region);
    for (let attempt = 0; ; attempt++) {
      const unit = this.unit();
      const { state } = await unit.startInstance(definition, startId, {
        ...(options.channel ? { channel: options.channel } : {}),
        variables,
        ...(options.applicant ? { applicant: plainObject(options.applicant, 'applicant') } : {}),
      });
      unit.audit.push({ at: this.nowIso(), actor: options.by ?? 'system', action: 'instance.start', subject: state.id, data: { key, definitionId: definition.id, channel: options.channel ?? null, trackingNumber: state.trackingNumber } });
      try {
        await this.store.commit(await unit.toBatch());
      } catch (error) {
        if (error instanceof ConflictError && attempt < MAX_RETRIES) continue; // a tracking number collided
        throw error;
      }
      const final = unit.instanceState(state.id)!;
      return { id: final.id, trackingNumber: final.trackingNumber, state: viewState(final), ...(final.sla ? { dueAt: final.sla.dueAt } : {}) };
    }
  }

  async instance(id: string): Promise<InstanceView> {
    const state = await this.store.getInstance(id);
    if (!state) throw new NotFoundError('instance', id);
    return toView(state);
  }

  async instanceByTrackingNumber(trackingNumber: string): Promise<InstanceView> {
    const state = await this.store.getInstanceByTrackingNumber(trackingNumber);
    if (!state) throw new NotFoundError('application', trackingNumber);
    return toView(state);
  }

  async history(instanceId: string) {
    return this.store.history(instanceId);
  }

  async notifications(instanceId: string) {
    return this.store.notifications(instanceId);
  }

  async audit(query: { subject?: string; afterSeq?: number; limit?: number } = {}) {
    return this.store.audit(query);
  }

  // ---- tasks -------------------------------------------------------------------------------

  async tasks(filter: TaskFilter = {}): Promise<TaskRecord[]> {
    return this.store.findTasks({
      ...(filter.instanceId ? { instanceId: filter.instanceId } : {}),
      ...(filter.assignee ? { assignee: filter.assignee } : {}),
      ...(filter.group ? { candidateGroup: filter.group } : {}),
      ...(filter.state ? { state: filter.state } : {}),
      ...(filter.unassigned ? { unassigned: true } : {}),
      ...(filter.limit ? { limit: filter.limit } : {}),
    });
  }

  async task(id: string): Promise<TaskRecord> {
    const task = await this.store.getTask(id);
    if (!task) throw new NotFoundError('task', id);
    return task;
  }

  async claimTask(taskId: string, options: { by: string }): Promise<TaskRecord> {
    const by = requiredText(options?.by, 'by');
    const task = await this.openTask(taskId);
    if (task.assignee === by) return task;
    if (task.assignee) throw new ConflictError(`task ${taskId} is already assigned to someone else`, taskId);
    await this.checkFourEyes(task, by, 'by');
    return this.updateTask(task, { assignee: by }, { actor: by, action: 'task.claim', data: {} });
  }

  async reassignTask(taskId: string, options: { to: string; by: string; reason: string }): Promise<TaskRecord> {
    const to = requiredText(options?.to, 'to');
    const by = requiredText(options?.by, 'by');
    const reason = requiredText(options?.reason, 'reason');
    const task = await this.openTask(taskId);
    await this.checkFourEyes(task, to, 'to');
    return this.updateTask(task, { assignee: to }, { actor: by, action: 'task.reassign', data: { from: task.assignee, to, reason } });
  }

  /** `ps:excludeAssigneesOf`: whoever worked on the named tasks may not take this one, by any route. */
  private async checkFourEyes(task: TaskRecord, who: string, field: string): Promise<void> {
    const state = await this.store.getInstance(task.instanceId);
    const spec = state ? (await this.definitionById(state.definitionId)).graph.nodes[task.elementId]?.userTask : undefined;
    if (!spec?.excludeAssigneesOf.length) return;
    const others = await this.store.findTasks({ instanceId: task.instanceId, state: 'any' });
    const clash = others.find((t) => spec.excludeAssigneesOf.includes(t.elementId) && (t.completedBy ?? t.assignee) === who);
    if (clash) throw new InvalidArgumentError(field, `${who} worked on ${clash.elementId} of this application and may not also take ${task.elementId} (four eyes)`);
  }

  async completeTask(taskId: string, options: CompleteOptions): Promise<InstanceView> {
    const by = requiredText(options?.by, 'by');
    const variables = plainObject(options.variables, 'variables');
    if (options.outcome !== undefined && typeof options.outcome !== 'string') throw new InvalidArgumentError('outcome', 'must be text');
    for (let attempt = 0; ; attempt++) {
      const task = await this.openTask(taskId);
      // An official whose file was reassigned meanwhile may not complete it any more.
      if (task.assignee && task.assignee !== by) throw new ConflictError(`task ${taskId} is assigned to another official`, taskId);
      const unit = this.unit();
      unit.rememberTask(task);
      await this.checkRating(unit, task, variables);
      const event: RuntimeEvent = { type: 'completeTask', tokenId: task.tokenId, taskId, by, variables, ...(options.outcome === undefined ? {} : { outcome: options.outcome }) };
      const state = await unit.signal(task.instanceId, event);
      unit.audit.push({ at: this.nowIso(), actor: by, action: 'task.complete', subject: taskId, data: { instanceId: task.instanceId, elementId: task.elementId, outcome: options.outcome ?? null } });
      if (variables.rating !== undefined) unit.audit.push({ at: this.nowIso(), actor: by, action: 'application.rated', subject: task.instanceId, data: { rating: variables.rating, taskId } });
      try {
        await this.store.commit(await unit.toBatch());
        return toView(state);
      } catch (error) {
        // The instance moved (a timer on another branch): try again; the task itself taken: 409.
        if (error instanceof ConflictError && attempt < MAX_RETRIES) continue;
        throw error;
      }
    }
  }

  /** The applicant's rating (1–5) is recorded when the result is handed back, and only then. */
  private async checkRating(unit: UnitOfWork, task: TaskRecord, variables: Record<string, unknown>): Promise<void> {
    if (variables.rating === undefined) return;
    const state = await unit.load(task.instanceId);
    const node = state ? (await this.definitionById(state.definitionId)).graph.nodes[task.elementId] : undefined;
    if (!node?.userTask?.returnsResult) throw new InvalidArgumentError('rating', `a rating is given when the result is handed back, not at ${task.elementId}`);
    if (!Number.isInteger(variables.rating) || (variables.rating as number) < 1 || (variables.rating as number) > 5) {
      throw new InvalidArgumentError('rating', `must be a whole number from 1 to 5, not ${JSON.stringify(variables.rating)}`);
    }
  }

  /**
   * The receipt the clerk prints at intake: tracking number, service, channel, the documents
   * received and the applicant's deadline.
   */
  async receipt(instanceId: string): Promise<Receipt> {
    const state = await this.store.getInstance(instanceId);
    if (!state) throw new NotFoundError('application', instanceId);
    const graph = (await this.definitionById(state.definitionId)).graph;
    const documents = Array.isArray(state.variables.documents) ? (state.variables.documents as unknown[]).map(String) : [];
    return {
      trackingNumber: state.trackingNumber,
      serviceCode: state.serviceCode ?? graph.id,
      service: graph.name ?? graph.id,
      ...(graph.agency ? { agency: graph.agency } : {}),
      ...(state.channel ? { channel: state.channel } : {}),
      receivedAt: state.startedAt,
      documents,
      ...(state.sla ? { dueAt: state.sla.dueAt } : {}),
    };
  }

  private async openTask(taskId: string): Promise<TaskRecord> {
    const task = await this.task(requiredText(taskId, 'taskId'));
    if (task.state !== 'open') {
      throw new ConflictError(`task ${taskId} is already ${task.state}${task.completedBy ? ` by ${task.completedBy}` : ''}`, taskId);
    }
    return task;
  }

  private async updateTask(task: TaskRecord, change: Partial<TaskRecord>, audit: { actor: string; action: string; data: Record<string, unknown> }): Promise<TaskRecord> {
    const record: TaskRecord = { ...task, ...change, version: task.version + 1 };
    await this.store.commit({
      taskUpdates: [{ record, expectedVersion: task.version }],
      audit: [{ at: this.nowIso(), actor: audit.actor, action: audit.action, subject: task.id, data: { instanceId: task.instanceId, ...audit.data } }],
    });
    return record;
  }

  // ---- messages ----------------------------------------------------------------------------

  async correlate(messageName: string, options: CorrelateOptions = {}): Promise<CorrelateResult> {
    const name = requiredText(messageName, 'messageName');
    const variables = plainObject(options.variables, 'variables');
    if (!options.instanceId && !options.trackingNumber) return this.startByMessage(name, variables, options.by);
    for (let attempt = 0; ; attempt++) {
      const state = options.instanceId
        ? await this.store.getInstance(options.instanceId)
        : await this.store.getInstanceByTrackingNumber(options.trackingNumber!);
      if (!state) throw new NotFoundError('instance', options.instanceId ?? options.trackingNumber!);
      const event = messageEvent(state, name, variables);
      if (!event) throw new ConflictError(`instance ${state.id} is not waiting for message '${name}'`, state.id);
      const unit = this.unit();
      await unit.signal(state.id, event);
      unit.audit.push({ at: this.nowIso(), actor: options.by ?? 'system', action: 'message.correlate', subject: state.id, data: { messageName: name } });
      try {
        await this.store.commit(await unit.toBatch());
        return { instanceId: state.id, started: false };
      } catch (error) {
        if (error instanceof ConflictError && attempt < MAX_RETRIES) continue;
        throw error;
      }
    }
  }

  private async startByMessage(name: string, variables: Record<string, unknown>, by?: string): Promise<CorrelateResult> {
    const definitions = await this.store.listDefinitions();
    const target = definitions.find((d) => d.graph.starts.message[name]);
    if (!target) throw new NotFoundError('message start event', name);
    const unit = this.unit();
    const { state } = await unit.startInstance(target, target.graph.starts.message[name]!, { variables });
    unit.audit.push({ at: this.nowIso(), actor: by ?? 'system', action: 'instance.start', subject: state.id, data: { key: target.key, definitionId: target.id, messageName: name, trackingNumber: state.trackingNumber } });
    await this.store.commit(await unit.toBatch());
    return { instanceId: state.id, started: true };
  }

  // ---- jobs --------------------------------------------------------------------------------

  async runDueJobs() {
    return this.executor.runDue();
  }

  private async fireJob(job: JobRecord, owner: string): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      const unit = this.unit();
      unit.jobCompletions.push({ id: job.id, owner });
      if (job.type === 'startTimer') await this.fireStartTimer(unit, job);
      else await this.fireTimer(unit, job);
      try {
        await this.store.commit(await unit.toBatch());
        return true;
      } catch (error) {
        if (error instanceof ConflictError && attempt < MAX_RETRIES) continue;
        throw error;
      }
    }
  }

  private async fireTimer(unit: UnitOfWork, job: JobRecord): Promise<void> {
    const state = job.instanceId ? await unit.load(job.instanceId) : undefined;
    const boundaryId = job.payload.boundaryId as string | undefined;
    const remaining = job.payload.remaining as number | undefined;
    const event: RuntimeEvent = {
      type: 'timer',
      tokenId: job.tokenId!,
      jobId: job.id,
      dueAt: job.dueAt,
      ...(boundaryId ? { boundaryId } : {}),
      ...(remaining === undefined ? {} : { remaining }),
    };
    if (!state || state.status !== 'active') return; // the instance ended: the job just goes
    try {
      await unit.signal(state.id, event);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return; // the token moved on before its timer: nothing to fire
    }
    unit.audit.push({ at: this.nowIso(), actor: 'timer', action: 'timer.fire', subject: state.id, data: { elementId: job.elementId, dueAt: job.dueAt } });
  }

  private async fireStartTimer(unit: UnitOfWork, job: JobRecord): Promise<void> {
    const definition = await this.definitionById(job.definitionId!);
    const { state } = await unit.startInstance(definition, job.elementId, {});
    unit.audit.push({ at: this.nowIso(), actor: 'timer', action: 'instance.start', subject: state.id, data: { key: definition.key, definitionId: definition.id, timer: job.elementId, trackingNumber: state.trackingNumber } });
    const node = definition.graph.nodes[job.elementId]!;
    if (node.event?.type !== 'timer') return;
    const next = nextFiring(node.event.timer, new Date(job.dueAt), job.payload.remaining as number | undefined);
    if (next) {
      unit.extraJobs.push({ ...job, id: newId(), dueAt: next.dueAt.toISOString(), payload: next.remaining === undefined ? {} : { remaining: next.remaining }, lockedUntil: null, lockOwner: null, attempts: 0 });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.sweepSchedule.stop();
    await this.executor.stop();
    await this.store.close();
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private unit(): UnitOfWork {
    return new UnitOfWork({
      store: this.store,
      handlers: this.handlers,
      now: this.clock.now(),
      budget: this.budget,
      definition: (id) => this.definitionById(id),
      latestDefinition: (key) => this.latestDefinition(key),
      condition: (expression, variables) => this.conditions.evaluate(expression, variables),
      workingTime: (graph) => this.timeFor(graph),
      resultCollectionMs: this.resultCollectionMs,
      assigner: this.assigner,
      localDate: async (at) => localDateOf(await this.calendars.get('agency'), at),
    });
  }

  /**
   * The working-time functions of a graph (SLA deadlines, `ps:calendar` timers), its calendars
   * loaded; none when it uses no calendar.
   */
  private async timeFor(graph: ProcessGraph): Promise<Pick<StepContext, 'deadline' | 'addWorkingTime'>> {
    const ids = new Set<string>();
    if (graph.sla) ids.add(graph.sla.calendar);
    for (const node of Object.values(graph.nodes)) {
      if (node.sla) ids.add(node.sla.calendar);
      if (node.event?.type === 'timer' && node.event.timer.calendar) ids.add(node.event.timer.calendar);
    }
    if (ids.size === 0) return {};
    const calendars = new Map<string, WorkingCalendar>();
    for (const id of [...ids, 'centre']) calendars.set(id, await this.calendars.get(id));
    // The centre registers the application: its hours decide the day of receipt (rule 7).
    const intake = calendars.get('centre')!;
    return {
      deadline: (sla, office, from) => {
        const deadline = computeDeadline({ calendar: calendars.get(sla.calendar)!, intakeCalendar: intake, receivedAt: from, duration: sla.duration, unit: sla.unit, warnAt: sla.warnAt, ...(office ? { office } : {}) });
        return { dueAt: deadline.dueAt.toISOString(), warnAt: deadline.warnAt.toISOString() };
      },
      addWorkingTime: (calendarId, from, ms) => addWorkingTime(calendars.get(calendarId)!, from, ms),
    };
  }

  /** Flags tasks and instances whose SLA crossed its warning or due moment; audited. */
  async sweepSla() {
    return this.sweep.run();
  }

  private nowIso(): string {
    return this.clock.now().toISOString();
  }
}

/** The start event for a channel: its own, else the plain one (a process open to every channel). */
function chooseStart(graph: ProcessGraph, channel: string | undefined): string {
  const byChannel = graph.starts.byChannel as Record<string, string | undefined>;
  const own = channel ? byChannel[channel] : undefined;
  if (own) return own;
  if (graph.starts.none) return graph.starts.none;
  const open = Object.keys(byChannel);
  if (channel) throw new InvalidArgumentError('channel', `process ${graph.id} does not accept the '${channel}' channel (it accepts ${open.join(', ') || 'none'})`);
  throw new InvalidArgumentError('channel', `process ${graph.id} has no plain start event: name a channel (${open.join(', ') || 'none available'})`);
}

function messageEvent(state: InstanceState, messageName: string, variables: Record<string, unknown>): RuntimeEvent | undefined {
  for (const token of state.tokens) {
    if (token.wait?.kind === 'message' && token.wait.messageName === messageName) return { type: 'message', tokenId: token.id, messageName, variables };
  }
  for (const token of state.tokens) {
    const armed = token.boundaries?.find((b) => b.messageName === messageName);
    if (armed) return { type: 'message', tokenId: token.id, messageName, boundaryId: armed.boundaryId, variables };
  }
  return undefined;
}

function viewState(state: InstanceState): InstanceView['state'] {
  return state.status === 'active' && state.incidents.length ? 'incident' : state.status;
}

function toView(state: InstanceState): InstanceView {
  const { status: _status, nextToken: _next, sla, ...rest } = state;
  return {
    ...rest,
    state: viewState(state),
    ...(sla ? { dueAt: sla.dueAt, warnAt: sla.warnAt, atRisk: sla.atRisk, overdue: sla.overdue, ...(sla.pausedAt ? { slaPausedAt: sla.pausedAt } : {}) } : {}),
  };
}

function requiredText(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value.trim()) throw new InvalidArgumentError(field, 'is required');
  return value;
}

function plainObject(value: unknown, field: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new InvalidArgumentError(field, 'must be an object');
  try {
    return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  } catch {
    throw new InvalidArgumentError(field, 'must be plain JSON');
  }
}
