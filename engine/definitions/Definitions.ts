import type { DeployResult, ValidationResult } from '../api.js';
import type { CalendarRegistry } from '../calendars/CalendarRegistry.js';
import type { Clock } from '../clock.js';
import { transact } from '../commit/transact.js';
import { WriteSet } from '../commit/WriteSet.js';
import { ConflictError, DefinitionError, InvalidArgumentError, NotFoundError, type Problem } from '../errors.js';
import { newId } from '../ids.js';
import { compileDefinitions, type CompiledDefinitions } from '../model/compileDefinitions.js';
import { firstFiring } from '../model/TimerExpression.js';
import { problemOf, say } from '../model/index.js';
import type { ProcessGraph } from '../model/types.js';
import type { AuditInput, DefinitionRecord, JobRecord, Store } from '../store/port.js';

/**
 * Deployed process definitions: deploy (validate, version, schedule timer starts) and reads,
 * with an immutable cache by id and a one-second cache of each key's latest version (another
 * server's deploy shows within a second).
 */
export class Definitions {
  private readonly byId = new Map<string, DefinitionRecord>();
  private readonly latestByKey = new Map<string, { record: DefinitionRecord; at: number }>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly handlerNames: () => ReadonlySet<string>,
    private readonly calendars: CalendarRegistry,
  ) {}

  async deploy(xml: string, options: { by?: string } = {}): Promise<DeployResult> {
    const compiled = await this.check(xml);
    // Another deploy that took the version makes the commit conflict: transact decides again.
    const { value } = await transact(this.store, () => new WriteSet(), async (writes) => {
      const records: DefinitionRecord[] = [];
      const processes: { key: string; version: number; id: string; created: boolean }[] = [];
      const at = this.clock.now().toISOString();
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
          deployedAt: at,
          ...(options.by ? { deployedBy: options.by } : {}),
          graph,
        };
        records.push(record);
        writes.deployDefinition(record);
        for (const job of this.startTimerJobs(record)) writes.insertJob(job);
        // A new version replaces the timer start events of the one before.
        if (previous) for (const job of await this.store.listJobs({ definitionId: previous.id })) writes.deleteJob(job.id);
        writes.audit({ at, actor: options.by ?? 'system', action: 'definition.deploy', subject: record.id, data: { key: record.key, version, hash: compiled.hash } });
        processes.push({ key: record.key, version, id: record.id, created: true });
      }
      return { records, processes };
    });
    for (const record of value.records) this.remember(record);
    return { ...value.processes[0]!, warnings: compiled.warnings, processes: value.processes };
  }

  /** What deploy would say of `xml`, without deploying it: the same checks, the same problems. */
  async validate(xml: string): Promise<ValidationResult> {
    try {
      const compiled = await this.check(xml);
      return { valid: true, problems: [], warnings: compiled.warnings };
    } catch (error) {
      if (error instanceof DefinitionError) return { valid: false, problems: error.problems, warnings: [] };
      throw error;
    }
  }

  /** Every check a deploy makes before it writes: the compiler's (with the registered handlers) and the calendars'. */
  private async check(xml: string): Promise<CompiledDefinitions> {
    if (typeof xml !== 'string') throw new InvalidArgumentError('xml', 'the model must be BPMN XML text');
    const compiled = await compileDefinitions(xml, { handlers: this.handlerNames(), now: this.clock.now() });
    await this.checkCalendars(compiled.processes);
    return compiled;
  }

  /**
   * Every version of a key, or the latest of every key. The store names the ids; each record,
   * immutable once deployed, is parsed once per process (the service's start asked this on every
   * application and parsed every current model's XML and graph: a third of the server's time on
   * the national day over HTTP). Another node's deploy is seen at once: only its record is new.
   */
  async list(key?: string): Promise<DefinitionRecord[]> {
    const ids = await this.store.listDefinitionIds(key);
    const records = await Promise.all(ids.map((id) => this.byIdOrUndefined(id)));
    return records.filter((record): record is DefinitionRecord => record !== undefined);
  }

  async get(key: string, version?: number): Promise<DefinitionRecord> {
    const record = version === undefined ? await this.latest(key, true) : await this.byIdOrUndefined(`${key}:${version}`);
    if (!record) throw new NotFoundError('definition', version === undefined ? key : `${key}:${version}`);
    return record;
  }

  async byIdOrUndefined(id: string): Promise<DefinitionRecord | undefined> {
    const cached = this.byId.get(id);
    if (cached) return cached;
    const record = await this.store.getDefinition(id);
    if (record) this.byId.set(id, record);
    return record;
  }

  async require(id: string): Promise<DefinitionRecord> {
    const record = await this.byIdOrUndefined(id);
    if (!record) throw new NotFoundError('definition', id);
    return record;
  }

  /** The latest version of a key (cached for a second unless `fresh`). */
  async latest(key: string, fresh = false): Promise<DefinitionRecord | undefined> {
    const cached = this.latestByKey.get(key);
    if (cached && !fresh && Date.now() - cached.at < 1_000) return cached.record;
    const record = await this.store.latestDefinition(key);
    if (record) this.remember(record);
    return record;
  }

  private remember(record: DefinitionRecord): void {
    const known = this.byId.get(record.id) ?? record;
    this.byId.set(record.id, known);
    const current = this.latestByKey.get(record.key);
    if (!current || current.record.version <= record.version) this.latestByKey.set(record.key, { record: known, at: Date.now() });
  }

  /** Every calendar a model names (`ps:sla`, `ps:calendar` timers) must exist. */
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
        if (!(await this.calendars.find(calendar))) {
          problems.push(problemOf(elementId, say('calendar.unknown', { id: elementId, calendar, known: (await this.calendars.list()).join(', ') })));
        }
      }
    }
    if (problems.length) throw new DefinitionError(problems);
  }

  private startTimerJobs(record: DefinitionRecord): JobRecord[] {
    return record.graph.starts.timer.map((elementId) => {
      const event = record.graph.nodes[elementId]!.event as { timer: Parameters<typeof firstFiring>[0] };
      const firing = firstFiring(event.timer, this.clock.now());
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
}
