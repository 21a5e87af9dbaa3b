import { ConflictError } from './errors.js';
import type { AuditInput, InstanceRecord, Store, TaskRecord } from './store/port.js';

export interface SweepResult {
  readonly atRisk: number;
  readonly overdue: number;
}

const CHUNK = 500;

/**
 * Marks tasks and instances `atRisk`, then `overdue`, at the sweep after they cross, with an
 * audit entry for each crossing. It reads only rows that crossed and are not yet flagged
 * (partial indexes), so its cost follows the crossings, not the number of open tasks. A row
 * changed meanwhile (completed, reassigned) is skipped: the next sweep sees it again if needed.
 */
export class SlaSweep {
  private running: Promise<SweepResult> | undefined;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  /** One sweep; overlapping calls share the one in flight. */
  run(): Promise<SweepResult> {
    this.running ??= this.sweep().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweep(): Promise<SweepResult> {
    const now = this.now().toISOString();
    const total = { atRisk: 0, overdue: 0 };
    for (;;) {
      const tasks = await this.store.findSlaCrossings({ now, limit: CHUNK });
      if (!tasks.length) break;
      const counted = await this.commitTasks(tasks, now);
      total.atRisk += counted.atRisk;
      total.overdue += counted.overdue;
      if (tasks.length < CHUNK || counted.atRisk + counted.overdue === 0) break;
    }
    for (;;) {
      const instances = await this.store.findInstanceSlaCrossings({ now, limit: CHUNK });
      if (!instances.length) break;
      const counted = await this.commitInstances(instances, now);
      total.atRisk += counted.atRisk;
      total.overdue += counted.overdue;
      if (instances.length < CHUNK || counted.atRisk + counted.overdue === 0) break;
    }
    return total;
  }

  private async commitTasks(tasks: TaskRecord[], now: string): Promise<SweepResult> {
    const updates: { record: TaskRecord; expectedVersion: number }[] = [];
    const audit: AuditInput[] = [];
    let atRisk = 0;
    let overdue = 0;
    for (const task of tasks) {
      const crossedWarn = !task.atRisk && !!task.warnAt && task.warnAt <= now;
      const crossedDue = !task.overdue && !!task.dueAt && task.dueAt <= now;
      if (!crossedWarn && !crossedDue) continue;
      updates.push({ record: { ...task, atRisk: task.atRisk || crossedWarn, overdue: task.overdue || crossedDue, version: task.version + 1 }, expectedVersion: task.version });
      const data = { instanceId: task.instanceId, elementId: task.elementId, assignee: task.assignee, dueAt: task.dueAt, warnAt: task.warnAt };
      if (crossedWarn) (atRisk++, audit.push({ at: now, actor: 'sla', action: 'task.atRisk', subject: task.id, data }));
      if (crossedDue) (overdue++, audit.push({ at: now, actor: 'sla', action: 'task.overdue', subject: task.id, data }));
    }
    return (await this.commit({ taskUpdates: updates, audit }, updates.length)) ? { atRisk, overdue } : this.oneByOne(tasks, now, (t) => this.commitTasks([t], now));
  }

  private async commitInstances(instances: InstanceRecord[], now: string): Promise<SweepResult> {
    const updates: { record: InstanceRecord; expectedVersion: number }[] = [];
    const audit: AuditInput[] = [];
    let atRisk = 0;
    let overdue = 0;
    for (const instance of instances) {
      const sla = instance.sla;
      if (!sla) continue;
      const crossedWarn = !sla.atRisk && sla.warnAt <= now;
      const crossedDue = !sla.overdue && sla.dueAt <= now;
      if (!crossedWarn && !crossedDue) continue;
      const record = { ...instance, sla: { ...sla, atRisk: sla.atRisk || crossedWarn, overdue: sla.overdue || crossedDue }, version: instance.version + 1 };
      updates.push({ record, expectedVersion: instance.version });
      const data = { key: instance.key, trackingNumber: instance.trackingNumber, dueAt: sla.dueAt };
      if (crossedWarn) (atRisk++, audit.push({ at: now, actor: 'sla', action: 'instance.atRisk', subject: instance.id, data }));
      if (crossedDue) (overdue++, audit.push({ at: now, actor: 'sla', action: 'instance.overdue', subject: instance.id, data }));
    }
    return (await this.commit({ instanceUpdates: updates, audit }, updates.length)) ? { atRisk, overdue } : this.oneByOne(instances, now, (i) => this.commitInstances([i], now));
  }

  /** True when the chunk landed; false when one of its rows moved meanwhile. */
  private async commit(batch: Parameters<Store['commit']>[0], size: number): Promise<boolean> {
    if (size === 0) return true;
    try {
      await this.store.commit(batch);
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  /** After a lost race in a chunk: each row on its own, skipping the ones that moved. */
  private async oneByOne<T>(rows: T[], _now: string, each: (row: T) => Promise<SweepResult>): Promise<SweepResult> {
    if (rows.length === 1) return { atRisk: 0, overdue: 0 };
    const total = { atRisk: 0, overdue: 0 };
    for (const row of rows) {
      const counted = await each(row);
      total.atRisk += counted.atRisk;
      total.overdue += counted.overdue;
    }
    return total;
  }
}
