import { engineOutbox, type EngineOutbox } from './notifications/index.js';
import type { Engine, ServiceHandler } from './api.js';
import { Directory, type OrgUnit } from './assignment/Directory.js';
import { TaskAssigner } from './assignment/TaskAssigner.js';
import { CalendarRegistry } from './calendars/CalendarRegistry.js';
import { workingTimeFor } from './calendars/workingTimeFor.js';
import { systemClock, type Clock } from './clock.js';
import type { EngineCore } from './commands/EngineCore.js';
import { Instances } from './commands/Instances.js';
import { Tasks } from './commands/Tasks.js';
import { cancelInstance } from './commands/cancelInstance.js';
import { modifyInstance } from './commands/modifyInstance.js';
import { migrateInstances } from './commands/migrateInstances.js';
import { listInstances } from './commands/listInstances.js';
import { Definitions } from './definitions/Definitions.js';
import { InvalidArgumentError, NotFoundError } from './errors.js';
import { recordDocumentsBrought, withdrawApplication } from './casework/index.js';
import { addAttachment } from './attachments/index.js';
import { handlerRegistry, registerInto } from './handlers.js';
import { JobExecutor } from './jobs/JobExecutor.js';
import { SweepSchedule } from './jobs/SweepSchedule.js';
import { TimerFiring } from './jobs/TimerFiring.js';
import { HandlerJobs, type LatestStates } from './jobs/HandlerJobs.js';
import { Signals } from './commands/Signals.js';
import { transact } from './commit/transact.js';
import { ConditionCache } from './model/ConditionCache.js';
import type { ProcessGraph } from './model/types.js';
import type { InstanceState } from './runtime/state.js';
import { PolicyDocuments } from './PolicyDocuments.js';
import { RoutingPolicy } from './routing/RoutingPolicy.js';
import { localDateOf } from './sla/index.js';
import { SlaSweep } from './SlaSweep.js';
import type { JobRecord, Store } from './store/port.js';
import { UnitOfWork, type UnitDeps } from './UnitOfWork.js';
import { EventBus } from './events/EventBus.js';
import { observeCommits } from './events/observeCommits.js';
import { StoreFeed } from './events/StoreFeed.js';
import { verifyChain } from './audit/verifyChain.js';
import { SlaStats } from './reports/SlaStats.js';
import { trackApplication } from './reports/trackApplication.js';
import { applicationOutcome, type OutcomeContext } from './reports/applicationOutcome.js';
import { heatmap, heatmapInstances } from './reports/heatmap.js';
import { instanceTallies } from './reports/instanceTallies.js';
import { assignmentIntegrity } from './reports/assignmentIntegrity.js';
import type { AuditEntry } from './store/port.js';
import { addComment, findApplications, unclaimTask } from './casefile/index.js';

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
  /** Background work. Off by default (call `runDueJobs()`, `sweepSla()`); the server turns it on. */
  readonly jobs?: {
    /** Poll for due timers (and fire those that fell due while the engine was down). */
    readonly poll?: boolean;
    readonly intervalMs?: number;
    readonly leaseMs?: number;
    /** Run the SLA sweep at start-up and on this cron pattern (`'* * * * *'`: every minute). */
    readonly slaSweep?: string;
  };
}

/** Creates an engine on a store: the one door other layers use. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const engine = new TerezeEngine(options);
  await options.store.init();
  engine.startBackground(options.jobs);
  return engine;
}

/**
 * Wires the parts — definitions, instances, tasks, timers, policies, the SLA sweep — around one
 * store and one clock. It owns no element logic and no command logic itself.
 */
class TerezeEngine implements Engine {
  readonly calendars: CalendarRegistry;
  readonly routing: RoutingPolicy;
  readonly directory: Directory;
  readonly outbox: EngineOutbox;
  readonly documents: PolicyDocuments;
  private readonly store: Store;
  private readonly bus = new EventBus();
  private readonly feed: StoreFeed;
  private readonly clock: Clock;
  private readonly handlers;
  private readonly definitionsPart: Definitions;
  private readonly instances: Instances;
  private readonly signals: Signals;
  private readonly taskPart: Tasks;
  private readonly executor: JobExecutor;
  private readonly sweep: SlaSweep;
  private readonly sweepSchedule: SweepSchedule;
  private readonly stats: SlaStats;
  private readonly core: EngineCore;
  private closed = false;

  constructor(options: EngineOptions) {
    const store = (this.store = observeCommits(options.store, this.bus, options.clock ?? systemClock));
    this.feed = new StoreFeed(options.store, options.clock ?? systemClock);
    const clock = (this.clock = options.clock ?? systemClock);
    const now = () => clock.now();
    const days = options.resultCollectionDays ?? 30;
    if (!(Number.isInteger(days) && days >= 0)) throw new InvalidArgumentError('resultCollectionDays', `${days} is not a whole number of days`);
    const budget = options.stepBudget ?? 1_000;

    this.handlers = handlerRegistry(options.handlers);
    const documents = (this.documents = new PolicyDocuments(store, now));
    this.calendars = new CalendarRegistry(documents);
    this.routing = new RoutingPolicy(documents, now);
    this.directory = new Directory(documents, now);
    this.outbox = engineOutbox(store, now);
    this.definitionsPart = new Definitions(store, clock, () => new Set(this.handlers.keys()), this.calendars);
    const assigner = new TaskAssigner(this.directory, store, options.random);
    const conditions = new ConditionCache();
    const localDate = async (at: Date) => localDateOf(await this.calendars.get('agency'), at);

    // What every unit shares, its functions made once: a unit is made per command and per retry.
    const unitDeps = {
      store,
      budget,
      definition: (id: string) => this.definitionsPart.require(id),
      latestDefinition: (key: string) => this.definitionsPart.latest(key),
      condition: (expression: string, variables: Readonly<Record<string, unknown>>, at: Date) => conditions.evaluate(expression, variables, at),
      workingTime: (graph: ProcessGraph) => workingTimeFor(this.calendars, graph),
      resultCollectionMs: days * 86_400_000,
      assigner,
      localDate,
    } satisfies Omit<UnitDeps, 'now' | 'handlerLease'>;
    // The unit's own keys first: keys added after an opening spread are slow (engine/records/withChanges.ts).
    const newUnit = (): UnitOfWork => new UnitOfWork({ now: clock.now(), handlerLease: handlerJobs.lease, ...unitDeps });
    // Service-task handlers run after the commit that reached them, as jobs (engine/jobs/HandlerJobs.ts).
    const handlerJobs = new HandlerJobs({ store, clock, handlers: this.handlers, newUnit, ...(options.jobs?.leaseMs ? { leaseMs: options.jobs.leaseMs } : {}) });

    const core: EngineCore = {
      store,
      clock,
      definitions: this.definitionsPart,
      routing: this.routing,
      calendars: this.calendars,
      assigner,
      localDate,
      condition: (expression, variables, at) => conditions.evaluate(expression, variables, at),
      newUnit,
      transact: async (body, options) => {
        const { value, committed } = await transact(store, newUnit, body, options);
        const answers: UnitOfWork[] = [];
        const latest = await handlerJobs.runAfter(committed, (unit) => answers.push(unit));
        // Signals thrown by the step and the handlers' answers: broadcast now that they committed (engine/commands/Signals.ts).
        await signals.runAfter(committed, ...answers);
        return { value, latest: latestIn(latest) };
      },
    };
    this.core = core;
    const signals = (this.signals = new Signals(core, handlerJobs.lease));
    this.instances = new Instances(core);
    this.taskPart = new Tasks(core);
    const firing = new TimerFiring(core);
    this.executor = new JobExecutor({ store, clock, fire: async (job, owner) => (job.type === 'continuation' ? (await this.answerJob(handlerJobs, signals, job, owner), true) : job.type === 'signal' ? signals.fire(job, owner) : firing.fire(job, owner)), ...(options.jobs?.leaseMs ? { leaseMs: options.jobs.leaseMs } : {}) });
    this.sweep = new SlaSweep(store, now);
    this.sweepSchedule = new SweepSchedule(() => this.sweep.run());
    this.stats = new SlaStats(store, async (definitionId) => {
      const graph = (await this.definitionsPart.require(definitionId)).graph;
      return { serviceCode: graph.serviceCode ?? graph.id, agency: graph.agency ?? 'unknown' };
    });
  }

  /** A handler job the executor took: its answer, the chain it reaches, then the signals they threw. */
  private async answerJob(handlerJobs: HandlerJobs, signals: Signals, job: JobRecord, owner: string): Promise<void> {
    const answered = await handlerJobs.fire(job, owner);
    const chain: UnitOfWork[] = [];
    await handlerJobs.runAfter(answered, (unit) => chain.push(unit));
    await signals.runAfter(answered, ...chain);
  }

  startBackground(jobs: EngineOptions['jobs']): void {
    if (jobs?.poll) this.executor.start(jobs.intervalMs ?? 1_000);
    if (jobs?.slaSweep) this.sweepSchedule.start(jobs.slaSweep);
  }

  registerHandler(name: string, handler: ServiceHandler): void {
    registerInto(this.handlers, name, handler);
  }

  today: Engine['today'] = () => this.core.localDate(this.core.clock.now());

  deploy: Engine['deploy'] = (xml, options) => this.definitionsPart.deploy(xml, options);
  validate: Engine['validate'] = (xml) => this.definitionsPart.validate(xml);
  definitions: Engine['definitions'] = (key) => this.definitionsPart.list(key);
  definition: Engine['definition'] = (key, version) => this.definitionsPart.get(key, version);

  start: Engine['start'] = (key, options) => this.instances.start(key, options);
  correlate: Engine['correlate'] = (name, options) => this.instances.correlate(name, options);
  signal: Engine['signal'] = (name, options) => this.signals.broadcast(name, options);
  retryIncidents: Engine['retryIncidents'] = (id, options) => this.instances.retryIncidents(id, options);
  extendDeadline: Engine['extendDeadline'] = (id, options) => this.instances.extendDeadline(id, options);
  instance: Engine['instance'] = (id) => this.instances.get(id);
  instanceByTrackingNumber: Engine['instanceByTrackingNumber'] = (n) => this.instances.byTrackingNumber(n);
  withdrawApplication: Engine['withdrawApplication'] = (id, options) => withdrawApplication(this.core, id, options);
  recordDocumentsBrought: Engine['recordDocumentsBrought'] = (id, options) => recordDocumentsBrought(this.core, id, options);
  addAttachment: Engine['addAttachment'] = (id, options) => addAttachment(this.core, id, options);
  attachments: Engine['attachments'] = (id) => this.store.attachments(id);
  attachment: Engine['attachment'] = async (id, attachmentId) => {
    const record = (await this.store.attachments(id)).find((a) => a.id === attachmentId);
    const content = record ? await this.store.attachmentContent(id, attachmentId) : undefined;
    if (!record || !content) throw new NotFoundError('attachment', attachmentId);
    return { record, content };
  };
  receipt: Engine['receipt'] = (id) => this.instances.receipt(id);
  transferApplication: Engine['transferApplication'] = (id, options) => this.instances.transfer(id, options);
  listInstances: Engine['listInstances'] = (filter) => listInstances(this.core, filter);
  cancelInstance: Engine['cancelInstance'] = (id, options) => cancelInstance(this.core, id, options);
  modifyInstance: Engine['modifyInstance'] = (id, options) => modifyInstance(this.core, id, options);
  migrateInstances: Engine['migrateInstances'] = (key, options) => migrateInstances(this.core, key, options);
  history: Engine['history'] = (id) => this.store.history(id);
  notifications: Engine['notifications'] = (id) => this.store.notifications(id);
  audit: Engine['audit'] = (query = {}) => this.store.audit(query);

  tasks: Engine['tasks'] = (filter) => this.taskPart.find(filter);
  task: Engine['task'] = (id) => this.taskPart.get(id);
  claimTask: Engine['claimTask'] = (id, options) => this.taskPart.claim(id, options);
  reassignTask: Engine['reassignTask'] = (id, options) => this.taskPart.reassign(id, options);
  completeTask: Engine['completeTask'] = (id, options) => this.taskPart.complete(id, options);
  addComment: Engine['addComment'] = (id, options) => addComment(this.core, id, options);
  unclaimTask: Engine['unclaimTask'] = (id, options) => unclaimTask(this.core, id, options);
  findApplications: Engine['findApplications'] = (query) => findApplications(this.core, query);
  taskForm: Engine['taskForm'] = (id) => this.taskPart.form(id);

  /** Status, next step and deadline for the public tracking page: never a person's identity. */
  track: Engine['track'] = async (trackingNumber, context) => {
    const state = await this.store.getInstanceByTrackingNumber(trackingNumber);
    const graph = state ? (await this.definitionsPart.require(state.definitionId)).graph : undefined;
    return trackApplication(state, graph, trackingNumber, { ...context, ...(state && graph ? await this.outcomePlace(state, graph.agency) : {}) });
  };
  /** The application's outcome as every screen shows it: decision, grounds, where and until when to collect. */
  outcome: Engine['outcome'] = async (id, context) => {
    const state = await this.store.getInstance(id);
    if (!state) throw new NotFoundError('application', id);
    const { graph } = await this.definitionsPart.require(state.definitionId);
    return applicationOutcome(state, { ...context, graph, ...(await this.outcomePlace(state, graph.agency)) });
  };
  /**
   * The application's centre and the counter where the applicant comes in person, from the
   * directory (name, address, translations): the centre it was taken in, or for one taken in at
   * an agency's desk, that agency (the model hands it back there); and the centre calendar's
   * local date.
   */
  private async outcomePlace(state: { readonly centre?: string; readonly channel?: string }, agency: string | undefined): Promise<Pick<OutcomeContext, 'centre' | 'counter' | 'localDate'>> {
    const place = (unit: OrgUnit | undefined) => unit && { name: unit.name, ...(unit.address ? { address: unit.address } : {}), ...(unit.translations ? { translations: unit.translations } : {}) };
    const centre = place(state.centre ? await this.directory.findUnit('centre', state.centre) : undefined);
    const desk = !state.centre && state.channel === 'agency' && agency ? place(await this.directory.findUnit('agency', agency)) : undefined;
    const calendar = await this.calendars.get('centre');
    return { ...(centre ? { centre } : {}), ...(desk ? { counter: desk } : {}), localDate: (at) => localDateOf(calendar, at) };
  }
  slaStats: Engine['slaStats'] = (by, filter) => this.stats.by(by, filter, this.clock.now());
  statApplications: Engine['statApplications'] = (filter) => this.stats.applications(filter);
  slaTrend: Engine['slaTrend'] = (days, agencies) => this.stats.trend(days, this.clock.now(), agencies);
  heatmap: Engine['heatmap'] = async (key) => {
    const { graph } = await this.definitionsPart.get(key); // 404 for an unknown process
    const cells = heatmap(await this.store.listInstances({ key, status: 'active', limit: 1_000_000 }), this.clock.now());
    // The element's name in the latest version, for readers without the diagram (the dashboards).
    return cells.map((cell) => {
      const name = graph.nodes[cell.elementId]?.name;
      return name ? { ...cell, name } : cell;
    });
  };
  heatmapInstances: Engine['heatmapInstances'] = async (key, elementId) => {
    await this.definitionsPart.get(key); // 404 for an unknown process
    return heatmapInstances(await this.store.listInstances({ key, status: 'active', limit: 1_000_000 }), elementId, this.clock.now());
  };
  instanceTallies: Engine['instanceTallies'] = async () => instanceTallies(await this.store.listInstances({ limit: 1_000_000 }), this.clock.now());
  verifyAudit: Engine['verifyAudit'] = (options) => verifyChain(this.store, options);
  storeHealth: Engine['storeHealth'] = () => this.store.health();
  assignmentIntegrity: Engine['assignmentIntegrity'] = async (query = {}) => {
    const calendar = await this.calendars.get('agency');
    const names = Object.fromEntries((await this.directory.listUsers()).map((u) => [u.id, u.name]));
    return assignmentIntegrity(await this.wholeTrail(), { ...query, names, localDate: (iso) => localDateOf(calendar, new Date(iso)) });
  };

  /** Every audit entry in order. Read afresh on each report: a full pass, cheap next to an auditor's reading of it. */
  private async wholeTrail(): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    for (let after = 0; ; ) {
      const page = await this.store.audit({ afterSeq: after, limit: 5_000 });
      entries.push(...page);
      if (page.length < 5_000) return entries;
      after = page.at(-1)!.seq;
    }
  }

  /** Listens to committed changes (live inbox updates, metrics); returns the unsubscribe. */
  subscribe: Engine['subscribe'] = (listener, options) =>
    options?.scope === 'all' && this.feed.available ? this.feed.subscribe(listener) : this.bus.subscribe(listener);

  feedListening: Engine['feedListening'] = () => this.feed.listening();

  runDueJobs: Engine['runDueJobs'] = () => this.executor.runDue();
  /** Flags tasks and instances whose SLA crossed its warning or due moment; audited. */
  sweepSla: Engine['sweepSla'] = () => this.sweep.run();

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.sweepSchedule.stop();
    await this.feed.close();
    await this.executor.stop();
    await this.store.close();
  }
}

/**
 * Each instance as the handlers a command reached left it. Made here, not as a property's arrow
 * in the command's answer: under tsx (esbuild's keepNames) every named function expression costs
 * a defineProperty each time it is made, and this one is made for every command.
 */
function latestIn(latest: LatestStates): (state: InstanceState) => InstanceState {
  return (state) => latest.get(state.id) ?? state;
}
