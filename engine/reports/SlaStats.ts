import type { AuditEntry, Store } from '../store/port.js';

export const STAT_DIMENSIONS = ['agency', 'service', 'channel', 'official'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

export interface SlaStatRow {
  /** The agency, service code, channel or official the row is about. */
  readonly key: string;
  /** Tasks with an SLA completed, and how many of them before they turned overdue. */
  readonly completed: number;
  readonly onTime: number;
  readonly late: number;
  /** `onTime / completed`, or null before anything completed. */
  readonly onTimeRate: number | null;
  /** Open tasks now flagged overdue or at risk. */
  readonly overdueOpen: number;
  readonly atRiskOpen: number;
  /** Applications started (by channel: the share that bypassed the centres is visible). */
  readonly applications: number;
}

interface InstanceFacts {
  readonly serviceCode: string;
  readonly agency: string;
  readonly channel: string;
}

interface TaskFacts {
  instanceId: string;
  sla: boolean;
  atRisk: boolean;
  overdue: boolean;
  completedBy?: string;
}

/**
 * SLA compliance computed from the audit trail — the record officials cannot edit — by a
 * fold that reads each entry once: later calls read only the entries appended since.
 */
export class SlaStats {
  private lastSeq = 0;
  private readonly instances = new Map<string, InstanceFacts>();
  private readonly tasks = new Map<string, TaskFacts>();
  private readonly starts: InstanceFacts[] = [];
  private folding: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    /** The service code and agency of a definition (`key:version`). */
    private readonly describe: (definitionId: string) => Promise<{ serviceCode: string; agency: string }>,
  ) {}

  async by(dimension: StatDimension): Promise<SlaStatRow[]> {
    await (this.folding ??= this.fold().finally(() => (this.folding = undefined)));
    const rows = new Map<string, { completed: number; onTime: number; late: number; overdueOpen: number; atRiskOpen: number; applications: number }>();
    const row = (key: string) => {
      let r = rows.get(key);
      if (!r) rows.set(key, (r = { completed: 0, onTime: 0, late: 0, overdueOpen: 0, atRiskOpen: 0, applications: 0 }));
      return r;
    };
    for (const facts of this.starts) if (dimension !== 'official') row(keyOf(dimension, facts)).applications++;
    for (const task of this.tasks.values()) {
      if (!task.sla) continue;
      const instance = this.instances.get(task.instanceId);
      if (!instance) continue;
      const key = dimension === 'official' ? task.completedBy : keyOf(dimension, instance);
      if (key === undefined) continue;
      const r = row(key);
      if (task.completedBy !== undefined) {
        r.completed++;
        if (task.overdue) r.late++;
        else r.onTime++;
      } else {
        if (task.overdue) r.overdueOpen++;
        else if (task.atRisk) r.atRiskOpen++;
      }
    }
    return [...rows.entries()]
      .map(([key, r]) => ({ key, ...r, onTimeRate: r.completed ? r.onTime / r.completed : null }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  private async fold(): Promise<void> {
    for (;;) {
      const page = await this.store.audit({ afterSeq: this.lastSeq, limit: 5_000 });
      for (const entry of page) await this.apply(entry);
      if (page.length) this.lastSeq = page.at(-1)!.seq;
      if (page.length < 5_000) return;
    }
  }

  private async apply(entry: AuditEntry): Promise<void> {
    const data = entry.data ?? {};
    switch (entry.action) {
      case 'instance.start': {
        const { serviceCode, agency } = await this.describe(String(data.definitionId));
        const facts = { serviceCode, agency, channel: typeof data.channel === 'string' ? data.channel : 'unknown' };
        this.instances.set(entry.subject, facts);
        this.starts.push(facts);
        return;
      }
      case 'task.assign':
        this.task(entry.subject, data);
        return;
      case 'task.atRisk':
      case 'task.overdue': {
        const task = this.task(entry.subject, data);
        task.sla = true;
        if (entry.action === 'task.atRisk') task.atRisk = true;
        else task.overdue = true;
        return;
      }
      case 'task.complete':
        this.task(entry.subject, data).completedBy = entry.actor;
        return;
      case 'task.create':
        this.task(entry.subject, data).sla = typeof data.dueAt === 'string';
        return;
    }
  }

  private task(id: string, data: Record<string, unknown>): TaskFacts {
    let task = this.tasks.get(id);
    if (!task) this.tasks.set(id, (task = { instanceId: String(data.instanceId ?? ''), sla: false, atRisk: false, overdue: false }));
    return task;
  }
}

function keyOf(dimension: Exclude<StatDimension, 'official'>, facts: InstanceFacts): string {
  return dimension === 'agency' ? facts.agency : dimension === 'service' ? facts.serviceCode : facts.channel;
}
