import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Engine, EngineEvent, TaskRecord } from '../../engine/index.js';

/**
 * GET /metrics in Prometheus text format, one registry per app (no module-level state):
 * - `tereze_instances_started_total` / `tereze_instances_finished_total{service,state}`: counted
 *   from this process's engine events (a restart starts from zero, as Prometheus counters may);
 * - `tereze_tasks_open{agency}`: read once at the first scrape, then kept by events, so a scrape
 *   stays cheap with 100,000 open tasks; `tereze_tasks_overdue{agency}` / `…_at_risk{agency}`:
 *   from `engine.slaStats('agency')`, which folds only the audit entries appended since last time;
 * - `tereze_commit_duration_seconds`: the store commit of every engine step;
 * - the process defaults (CPU, memory, event loop lag, GC) under `tereze_process_…`/`nodejs_…`.
 * In-process only: with several servers on one MongoDB, each reports its own counters.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly started: Counter<'service' | 'channel'>;
  private readonly finished: Counter<'service' | 'state'>;
  private readonly commit: Histogram;
  private readonly open = new Map<string, number>();
  private openSeeded: Promise<void> | undefined;
  private seeded = false;
  private readonly agencyOfKey = new Map<string, Promise<string>>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engine: Engine,
    options: { readonly defaultMetrics?: boolean } = {},
  ) {
    const registers = [this.registry];
    this.started = new Counter({ name: 'tereze_instances_started_total', help: 'Applications started', labelNames: ['service', 'channel'], registers });
    this.finished = new Counter({ name: 'tereze_instances_finished_total', help: 'Applications that ended (completed or terminated)', labelNames: ['service', 'state'], registers });
    this.commit = new Histogram({
      name: 'tereze_commit_duration_seconds',
      help: 'Store commit time of engine steps',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    const self = this;
    new Gauge({
      name: 'tereze_tasks_open',
      help: 'Open user tasks by agency',
      labelNames: ['agency'],
      registers,
      async collect() {
        await self.seedOpen();
        this.reset();
        for (const [agency, n] of self.open) this.set({ agency }, n);
      },
    });
    const sla = (name: string, help: string, pick: (row: { overdueOpen: number; atRiskOpen: number }) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['agency'],
        registers,
        async collect() {
          this.reset();
          for (const row of await engine.slaStats('agency')) this.set({ agency: row.key }, pick(row));
        },
      });
    sla('tereze_tasks_overdue', 'Open tasks past their deadline, by agency', (r) => r.overdueOpen);
    sla('tereze_tasks_at_risk', 'Open tasks past their warning moment, by agency', (r) => r.atRiskOpen);
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    this.unsubscribe = engine.subscribe((event) => this.observe(event));
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  close(): void {
    this.unsubscribe();
  }

  private observe(event: EngineEvent): void {
    this.commit.observe(event.durationMs / 1000);
    for (const instance of event.instancesStarted) this.started.inc({ service: instance.serviceCode ?? instance.key, channel: instance.channel ?? 'none' });
    for (const instance of [...event.instancesStarted, ...event.instancesChanged]) {
      if (instance.status === 'completed' || instance.status === 'terminated') this.finished.inc({ service: instance.serviceCode ?? instance.key, state: instance.status });
    }
    if (!this.seeded) return;
    for (const task of event.tasksCreated) if (task.state === 'open') void this.count(task, +1);
    for (const task of event.tasksChanged) if (task.state !== 'open') void this.count(task, -1);
  }

  private seedOpen(): Promise<void> {
    return (this.openSeeded ??= (async () => {
      const tasks = await this.engine.tasks({ state: 'open', limit: 10_000_000 });
      this.seeded = true;
      await Promise.all(tasks.map((task) => this.count(task, +1)));
    })());
  }

  private async count(task: TaskRecord, delta: number): Promise<void> {
    const agency = await this.agencyOf(task.key);
    this.open.set(agency, Math.max(0, (this.open.get(agency) ?? 0) + delta));
  }

  private agencyOf(key: string): Promise<string> {
    let found = this.agencyOfKey.get(key);
    if (!found) {
      found = this.engine.definition(key).then(
        (d) => d.graph.agency ?? 'none',
        () => 'none',
      );
      this.agencyOfKey.set(key, found);
    }
    return found;
  }
}
