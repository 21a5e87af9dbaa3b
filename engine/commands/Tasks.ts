import type { CompleteOptions, InstanceView, TaskFilter } from '../api.js';
import { ConflictError, InvalidArgumentError, NotFoundError } from '../errors.js';
import type { RuntimeEvent } from '../runtime/events.js';
import type { TaskQuery, TaskRecord } from '../store/port.js';
import { fourEyesExcluded, poolHash, type EligibilityQuery } from '../assignment/index.js';
import type { UserTaskSpec } from '../model/types.js';
import { INTAKE_VARIABLES } from '../intake/intakeRecord.js';
import { checkCompletion } from '../forms/index.js';
import { variablesInScope } from '../runtime/scopes.js';
import type { InstanceState } from '../runtime/state.js';
import { plainObject, requiredText } from './args.js';
import { nowIso, type EngineCore } from './EngineCore.js';
import { toView } from './views.js';
import type { WriteSet } from '../commit/WriteSet.js';

/** The inbox: reading, claiming, reassigning and completing user tasks. */
export class Tasks {
  constructor(private readonly core: EngineCore) {}

  find(filter: TaskFilter = {}): Promise<TaskRecord[]> {
    // Set key by key: a literal of spreads only takes each key on V8's slow path (engine/records/withChanges.ts).
    const query: { -readonly [K in keyof TaskQuery]: TaskQuery[K] } = {};
    if (filter.instanceId) query.instanceId = filter.instanceId;
    if (filter.assignee) query.assignee = filter.assignee;
    if (filter.group) query.candidateGroup = filter.group;
    if (filter.centre) query.centre = filter.centre;
    if (filter.noCentre) query.noCentre = true;
    if (filter.state) query.state = filter.state;
    if (filter.unassigned) query.unassigned = true;
    if (filter.limit) query.limit = filter.limit;
    return this.core.store.findTasks(query);
  }

  async get(id: string): Promise<TaskRecord> {
    const task = await this.core.store.getTask(id);
    if (!task) throw new NotFoundError('task', id);
    return task;
  }

  async claim(taskId: string, options: { by: string }): Promise<TaskRecord> {
    const by = requiredText(options?.by, 'by');
    const { value } = await this.core.transact(async (unit) => {
      const task = await this.open(taskId);
      if (task.assignee === by) return task;
      if (task.assignee) throw new ConflictError(`task ${taskId} is already assigned to someone else`, taskId);
      checkFourEyes(await this.facts(task), task, by, 'by');
      return this.update(unit, task, { assignee: by }, { actor: by, action: 'task.claim', data: {} });
    });
    return value;
  }

  /**
   * Moves a task to another official. Without `to` the task is drawn again at random among
   * the eligible (the current holder left out): nobody chooses who decides the file. A named
   * pick must be eligible too (an active, present member of the candidate group, of the
   * application's centre for front-office work, not excluded by four eyes) and is recorded as
   * a manual pick, which the assignment-integrity report counts per supervisor.
   */
  async reassign(taskId: string, options: { to?: string; by: string; reason: string }): Promise<TaskRecord> {
    const by = requiredText(options?.by, 'by');
    const reason = requiredText(options?.reason, 'reason');
    const named = options.to === undefined ? undefined : requiredText(options.to, 'to');
    const { value } = await this.core.transact(async (unit) => {
      const task = await this.open(taskId);
      const facts = await this.facts(task);
      const query = await this.eligibility(task, facts);
      const group = query.spec.candidateGroup;
      if (!group) throw new InvalidArgumentError('to', `task ${taskId} has no candidate group to reassign within`);
      if (named !== undefined) {
        if (named === task.assignee) throw new InvalidArgumentError('to', `${named} already holds task ${taskId}`);
        checkFourEyes(facts, task, named, 'to');
        const why = await this.core.assigner.whyNotEligible(named, query);
        if (why) throw new InvalidArgumentError('to', `${why}: task ${taskId} may go only to an active, present member of ${group}`);
        return this.update(unit, task, { assignee: named }, { actor: by, action: 'task.reassign', data: { from: task.assignee, to: named, reason, mode: 'pick', group } });
      }
      const pool = (await this.core.assigner.eligible(query)).filter((id) => id !== task.assignee);
      if (!pool.length) throw new ConflictError(`nobody else in ${group} can take task ${taskId} on ${query.localDate} (all absent, inactive or excluded)`, taskId);
      const to = this.core.assigner.drawFrom(pool);
      return this.update(unit, task, { assignee: to }, { actor: by, action: 'task.reassign', data: { from: task.assignee, to, reason, mode: 'redraw', group, poolSize: pool.length, poolHash: poolHash(pool) } });
    });
    return value;
  }

  async complete(taskId: string, options: CompleteOptions): Promise<InstanceView> {
    const { core } = this;
    const by = requiredText(options?.by, 'by');
    const variables = plainObject(options.variables, 'variables');
    if (options.outcome !== undefined && typeof options.outcome !== 'string') throw new InvalidArgumentError('outcome', 'must be text');
    const { value, latest } = await core.transact(async (unit) => {
      const task = await this.open(taskId);
      // An official whose file was reassigned meanwhile may not complete it any more.
      if (task.assignee && task.assignee !== by) throw new ConflictError(`task ${taskId} is assigned to another official`, taskId);
      unit.rememberTask(task);
      // The unit keeps the instance it loads here for the step below: one read, not two.
      const instance = await unit.load(task.instanceId);
      const facts = await this.facts(task, instance);
      checkFourEyes(facts, task, by, 'by');
      // The intake record is never rewritten; a form's read-only field may show it (and sends it back unchanged).
      const shown = new Set(facts.spec?.form?.fields.filter((f) => f.readonly).map((f) => f.key));
      const intake = Object.keys(variables).find((name) => (INTAKE_VARIABLES as readonly string[]).includes(name) && !shown.has(name));
      if (intake) throw new InvalidArgumentError(`variables.${intake}`, `is part of the intake record (${INTAKE_VARIABLES.join(', ')}) and cannot be written after intake`);
      // The task's form (ps:form) says what it may write: engine/forms/checkCompletion.ts.
      const written = facts.spec?.form ? checkCompletion(facts.spec.form, task.elementId, { variables, ...(options.outcome === undefined ? {} : { outcome: options.outcome }) }, instance ? variablesInScope(instance, instance.tokens.find((t) => t.id === task.tokenId)) : {}, core.clock.now(), core.condition) : variables;
      checkRating(facts.spec, task, written);
      const event: RuntimeEvent = { type: 'completeTask', tokenId: task.tokenId, taskId, by, variables: written, ...(options.outcome === undefined ? {} : { outcome: options.outcome }) };
      const state = await unit.signal(task.instanceId, event);
      const at = nowIso(core);
      unit.audit({ at, actor: by, action: 'task.complete', subject: taskId, data: { instanceId: task.instanceId, elementId: task.elementId, outcome: options.outcome ?? null, variables: written } });
      if (written.rating !== undefined) unit.audit({ at, actor: by, action: 'application.rated', subject: task.instanceId, data: { rating: written.rating, taskId } });
      // A lost race (a timer on another branch moved the instance) runs this again; the task itself taken: 409.
      return state;
    });
    return toView(latest(value));
  }

  /** The form-js schema of a task's `ps:form`, from the version its application runs; null without one. */
  async form(taskId: string): Promise<Readonly<Record<string, unknown>> | null> {
    const { spec } = await this.facts(await this.get(requiredText(taskId, 'taskId')));
    return spec?.form?.schema ?? null;
  }

  /**
   * What four eyes and eligibility read about a task: its spec and, when the spec excludes the
   * assignees of other tasks, the application's other tasks. Read once per command.
   */
  private async facts(task: TaskRecord, instance?: InstanceState): Promise<TaskFacts> {
    // The task names its version (kept in step by migration); older tasks ask their instance.
    const definitionId = instance?.definitionId ?? task.definitionId ?? (await this.core.store.getInstance(task.instanceId))?.definitionId;
    const spec = definitionId ? (await this.core.definitions.require(definitionId)).graph.nodes[task.elementId]?.userTask : undefined;
    const others = spec?.excludeAssigneesOf.length ? (await this.core.store.findTasks({ instanceId: task.instanceId, state: 'any' })).filter((t) => t.id !== task.id) : [];
    return { spec, others };
  }

  /** The facts that decide who may work a task: its spec, today's date, four eyes, its centre. */
  private async eligibility(task: TaskRecord, { spec, others }: TaskFacts): Promise<EligibilityQuery> {
    const written: UserTaskSpec = spec ?? { excludeAssigneesOf: [], assignment: 'claim', returnsResult: false };
    // The task's own group (a FEEL ps:candidateGroup is evaluated when the task is created).
    const known: UserTaskSpec = task.candidateGroup ? { ...written, candidateGroup: task.candidateGroup } : written;
    return { spec: known, localDate: await this.core.localDate(this.core.clock.now()), excluded: fourEyesExcluded(known, others), ...(task.centre ? { centre: task.centre } : {}) };
  }

  private async open(taskId: string): Promise<TaskRecord> {
    const task = await this.get(requiredText(taskId, 'taskId'));
    if (task.state !== 'open') {
      throw new ConflictError(`task ${taskId} is already ${task.state}${task.completedBy ? ` by ${task.completedBy}` : ''}`, taskId);
    }
    return task;
  }

  /** Stages a change of the task as read, guarded by its version: a lost race decides again on the task as it is then. */
  private update(writes: WriteSet, task: TaskRecord, change: Partial<TaskRecord>, audit: { actor: string; action: string; data: Record<string, unknown> }): TaskRecord {
    const record: TaskRecord = { ...task, ...change, version: task.version + 1 };
    writes.updateTask(record, task.version);
    writes.audit({ at: nowIso(this.core), actor: audit.actor, action: audit.action, subject: task.id, data: { instanceId: task.instanceId, ...audit.data } });
    return record;
  }
}

interface TaskFacts {
  readonly spec: UserTaskSpec | undefined;
  /** The application's other tasks; read only when the spec has four-eyes exclusions. */
  readonly others: readonly TaskRecord[];
}

/**
 * `ps:excludeAssigneesOf`: whoever worked on the named tasks may not take this one, by any
 * route: claim, completion (also of a task that waits unassigned, or was held before the rule
 * could apply) and reassignment read the same list.
 */
function checkFourEyes({ spec, others }: TaskFacts, task: TaskRecord, who: string, field: string): void {
  if (!spec?.excludeAssigneesOf.length || !fourEyesExcluded(spec, others).includes(who)) return;
  const clash = others.find((t) => spec.excludeAssigneesOf.includes(t.elementId) && (t.completedBy ?? t.assignee) === who);
  throw new InvalidArgumentError(field, `${who} worked on ${clash?.elementId ?? spec.excludeAssigneesOf.join(', ')} of this application and may not also take ${task.elementId} (four eyes)`);
}

/** The applicant's rating (1–5) is recorded when the result is handed back, and only then. */
function checkRating(spec: UserTaskSpec | undefined, task: TaskRecord, variables: Record<string, unknown>): void {
  if (variables.rating === undefined) return;
  if (!spec?.returnsResult) throw new InvalidArgumentError('rating', `a rating is given when the result is handed back, not at ${task.elementId}`);
  if (!Number.isInteger(variables.rating) || (variables.rating as number) < 1 || (variables.rating as number) > 5) {
    throw new InvalidArgumentError('rating', `must be a whole number from 1 to 5, not ${JSON.stringify(variables.rating)}`);
  }
}
